import { app, Menu } from 'electron';
import { devToolsAllowed, menuTemplate } from './security';

export function buildMenu(): Menu {
  return Menu.buildFromTemplate(menuTemplate({ platform: process.platform, devTools: devToolsAllowed(app.isPackaged) }));
}
