import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import type { EventEnvelope, LatheBridge } from '../../shared/api/events';

/** The renderer's only door to the host: `invoke(method, args)` and `on(event, cb)`. */
const bridge: LatheBridge = {
  invoke: (method, args) => ipcRenderer.invoke('lathe:invoke', method, args),
  on: (event, cb) => {
    const listener = (_e: IpcRendererEvent, env: EventEnvelope) => {
      if (env.event === event) cb(env.payload);
    };
    ipcRenderer.on('lathe:event', listener);
    return () => ipcRenderer.removeListener('lathe:event', listener);
  },
};

contextBridge.exposeInMainWorld('lathe', bridge);

// Dropped files reach the host as paths (the page itself never sees the file system);
// the host answers with a `files.dropped` event.
window.addEventListener('drop', (e) => {
  const files = [...(e.dataTransfer?.files ?? [])];
  const paths = files.map((f) => webUtils.getPathForFile(f)).filter(Boolean);
  if (paths.length) ipcRenderer.send('lathe:dropped', paths);
});
