import { app, BrowserWindow, dialog, ipcMain, Menu } from 'electron';
import { createCore, type Core } from '../host/core';
import { createMainWindow } from './window';
import { buildMenu } from './menu';
import { electronNativeBinding } from './native-binding';

/** Electron lifecycle only: the core does the work, the same one browser mode uses. */
let core: Core | null = null;

app.on('web-contents-created', (_e, contents) => {
  contents.on('will-navigate', (ev) => ev.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
});

app.whenReady().then(() => {
  try {
    core = createCore({
      home: app.getPath('userData'),
      host: 'electron',
      nativeBinding: electronNativeBinding(),
      pickFiles: async (title) => {
        const r = await dialog.showOpenDialog({
          title: title ?? 'Choose a data file',
          properties: ['openFile'],
          filters: [
            { name: 'Data files', extensions: ['csv', 'tsv', 'txt', 'jsonl', 'ndjson', 'parquet'] },
            { name: 'All files', extensions: ['*'] },
          ],
        });
        return r.canceled ? [] : r.filePaths;
      },
    });
  } catch (err) {
    dialog.showErrorBox('Lathe cannot open its data', (err as Error).message);
    app.quit();
    return;
  }
  const c = core;
  ipcMain.handle('lathe:invoke', (event, method: unknown, args: unknown) => {
    // Only our own pages may call in.
    const url = event.senderFrame?.url ?? '';
    if (!url.startsWith('file://') && !(process.env.ELECTRON_RENDERER_URL && url.startsWith(process.env.ELECTRON_RENDERER_URL))) {
      return { ok: false, error: { code: 'unauthorized', message: 'Calls are accepted only from the Lathe window.' } };
    }
    return c.dispatch(String(method), args);
  });
  ipcMain.on('lathe:dropped', (_e, paths: unknown) => {
    if (Array.isArray(paths)) c.ctx.events.emit('files.dropped', { paths: paths.filter((p): p is string => typeof p === 'string') });
  });
  c.ctx.events.subscribe((event, payload) => {
    for (const w of BrowserWindow.getAllWindows()) w.webContents.send('lathe:event', { event, payload });
  });
  Menu.setApplicationMenu(buildMenu());
  createMainWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createMainWindow();
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

app.on('will-quit', () => {
  void core?.close();
});
