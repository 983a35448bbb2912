import { api } from '../../api/client';
import { fileLabel } from './file-source';
import { useExplorer } from './store';

/** Bursts of changes (a sweep's runs ending) re-read the model choices once. */
const REFRESH_MS = 300;

/** Keeps the model choices in step with the host while the section is shown; returns the unsubscribe. */
export function connectExplorerEvents(): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const refresh = () => {
    if (timer) return;
    timer = setTimeout(() => {
      timer = null;
      void useExplorer.getState().loadChoices();
    }, REFRESH_MS);
  };
  const offs = [
    api.on('models.changed', refresh),
    api.on('runs.changed', refresh),
    // Desktop drops arrive as paths: an .onnx file opens, a CSV is predicted with the open model.
    api.on('files.dropped', ({ paths }) => {
      const s = useExplorer.getState();
      const path = paths[0];
      if (!path) return;
      const label = fileLabel(path);
      if (/\.onnx$/i.test(path)) void s.openOnnx({ kind: 'path', path, label });
      else if (s.ref && s.view === 'model') {
        s.setTab('batch');
        void s.startBatch({ kind: 'path', path, label });
      }
    }),
  ];
  return () => {
    if (timer) clearTimeout(timer);
    offs.forEach((off) => off());
  };
}
