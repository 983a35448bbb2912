import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserWindowConstructorOptions } from 'electron';

/** The built page and preload, from the folder of the running main bundle (out/main). */
export function appFiles(mainDir: string): { preload: string; index: string; indexUrl: string } {
  const index = path.join(mainDir, '../renderer/index.html');
  return { preload: path.join(mainDir, '../preload/index.cjs'), index, indexUrl: pathToFileURL(index).href };
}

/**
 * The one app window's options: isolated, sandboxed, no Node in the page (nor in its workers,
 * sub-frames or webviews), web security on, DevTools only where allowed.
 */
export function mainWindowOptions(o: { preload: string; devTools: boolean }): BrowserWindowConstructorOptions {
  return {
    width: 1360,
    height: 880,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Lathe',
    webPreferences: {
      preload: o.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: o.devTools,
    },
  };
}
