import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
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
