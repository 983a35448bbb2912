import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, shell } from 'electron';
import { appFiles, mainWindowOptions } from './window-options';
import { devToolsAllowed, isAllowedExternalUrl } from './security';

const here = path.dirname(fileURLToPath(import.meta.url));

/** The built page and preload beside this bundle. */
export const files = appFiles(here);

/** The one app window: isolated, sandboxed, no Node in the page, no navigation or pop-ups. */
export function createMainWindow(): BrowserWindow {
  const win = new BrowserWindow(mainWindowOptions({ preload: files.preload, devTools: devToolsAllowed(app.isPackaged) }));
  win.once('ready-to-show', () => win.show());
  win.webContents.on('will-navigate', (e) => e.preventDefault());
  win.webContents.setWindowOpenHandler(({ url }) => {
    // https links open in the user's browser; nothing else leaves the app, and the app itself never opens windows.
    if (isAllowedExternalUrl(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  const devUrl = process.env.ELECTRON_RENDERER_URL;
  if (devUrl) void win.loadURL(devUrl);
  else void win.loadFile(files.index);
  return win;
}
