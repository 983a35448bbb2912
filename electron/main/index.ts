import { app, BrowserWindow, dialog, ipcMain, Menu, Notification, powerMonitor, session, type IpcMainEvent, type IpcMainInvokeEvent } from 'electron';
import { createCore, type Core } from '../host/core';
import { createMainWindow, files } from './window';
import { buildMenu } from './menu';
import { electronNativeBinding } from './native-binding';
import { APP_CSP, denyPermissionCheck, denyPermissionRequest, isTrustedSender, type AppLocation } from './security';

/** Electron lifecycle only: the core does the work, the same one browser mode uses. */
let core: Core | null = null;

app.on('web-contents-created', (_e, contents) => {
  contents.on('will-navigate', (ev) => ev.preventDefault());
  contents.on('will-attach-webview', (ev) => ev.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
});

/** Our page: the built file, or the dev server in development. */
const appLocation: AppLocation = {
  indexUrl: files.indexUrl,
  devUrl: process.env.ELECTRON_RENDERER_URL,
  caseInsensitivePaths: process.platform === 'win32',
};

/** IPC is taken only from the main frame of one of our windows showing our page. */
function fromOurPage(event: IpcMainEvent | IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  const isMainFrame = frame != null && frame.parent === null && BrowserWindow.fromWebContents(event.sender) !== null;
  return isTrustedSender(frame ? { url: frame.url, isMainFrame } : null, appLocation);
}

app.whenReady().then(() => {
  // The app asks for no permissions (camera, notifications, clipboard reads, …): refuse them all.
  session.defaultSession.setPermissionRequestHandler(denyPermissionRequest);
  session.defaultSession.setPermissionCheckHandler(denyPermissionCheck);
  // The built page carries APP_CSP in a <meta>; where Electron hands file:// responses to
  // webRequest, the same policy also goes out as a header (both are enforced).
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    if (details.resourceType === 'mainFrame' && details.url.startsWith('file:')) {
      callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [APP_CSP] } });
    } else callback({});
  });
  try {
    core = createCore({
      home: app.getPath('userData'),
      host: 'electron',
      // Retraining plans run while the app is open; what was missed while it was closed runs once now.
      scheduler: true,
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
    // Only our own page may call in.
    if (!fromOurPage(event)) {
      return { ok: false, error: { code: 'unauthorized', message: 'Calls are accepted only from the Lathe window.' } };
    }
    return c.dispatch(String(method), args);
  });
  ipcMain.on('lathe:dropped', (event, paths: unknown) => {
    if (!fromOurPage(event)) return;
    if (Array.isArray(paths)) c.ctx.events.emit('files.dropped', { paths: paths.filter((p): p is string => typeof p === 'string') });
  });
  c.ctx.events.subscribe((event, payload) => {
    for (const w of BrowserWindow.getAllWindows()) w.webContents.send('lathe:event', { event, payload });
    // One desktop notification per plan decision (the inbox keeps them all).
    if (event === 'automation.decision' && 'alert' in payload && Notification.isSupported()) {
      new Notification({ title: payload.alert.title, body: payload.alert.message.slice(0, 300) }).show();
    }
  });
  // Schedules missed while the machine slept run once on waking.
  powerMonitor.on('resume', () => void c.scheduler?.poke());
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
