import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { api } from '../../api/client';
import { useDatasets } from './store';
import type { AppendTarget } from './import-slice';

const ACCEPT = '.csv,.tsv,.txt,.jsonl,.ndjson,.json,.parquet';

const hasFiles = (e: DragEvent) => [...(e.dataTransfer?.types ?? [])].includes('Files');

/**
 * Where files to import come from. Browser mode: a hidden file input and drops on the page,
 * which the page uploads. Desktop: the OS picker and drops, both as paths (drops arrive as the
 * host's `files.dropped` event, subscribed in `connectDatasetEvents`).
 */
export function useFileImport(): { chooseFile: (appendTo?: AppendTarget) => void; fileInput: ReactNode; dragging: boolean } {
  const input = useRef<HTMLInputElement>(null);
  // The dataset the chosen file is appended to, while the browser's picker is open.
  const appendTarget = useRef<AppendTarget | undefined>(undefined);
  const [dragging, setDragging] = useState(false);
  const browser = api.hostKind() === 'browser';

  const chooseFile = useCallback((appendTo?: AppendTarget) => {
    appendTarget.current = appendTo;
    if (browser) return input.current?.click();
    api
      .invoke('files.pick', {})
      .then(({ paths }) =>
        useDatasets.getState().enqueue(paths.map((path) => ({ kind: 'path', path, label: path.replace(/^.*[\\/]/, ''), appendTo }))),
      )
      .catch((err: Error) => useDatasets.setState({ error: err.message }));
  }, [browser]);

  useEffect(() => {
    // dragenter/dragleave fire for every child crossed; count them to know when the drag left the window.
    let depth = 0;
    const onEnter = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth += 1;
      setDragging(true);
    };
    const onLeave = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const onOver = (e: DragEvent) => {
      // Without this the browser would open the file instead of letting us have it.
      if (hasFiles(e)) e.preventDefault();
    };
    const onDrop = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth = 0;
      setDragging(false);
      // Desktop drops are turned into paths by the preload and come back as `files.dropped`.
      if (!browser) return;
      const files = [...(e.dataTransfer?.files ?? [])];
      useDatasets.getState().enqueue(files.map((file) => ({ kind: 'file', file, label: file.name })));
    };
    window.addEventListener('dragenter', onEnter);
    window.addEventListener('dragleave', onLeave);
    window.addEventListener('dragover', onOver);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragenter', onEnter);
      window.removeEventListener('dragleave', onLeave);
      window.removeEventListener('dragover', onOver);
      window.removeEventListener('drop', onDrop);
    };
  }, [browser]);

  const fileInput = browser ? (
    <input
      ref={input}
      type="file"
      accept={ACCEPT}
      hidden
      data-testid="file-input"
      aria-label="Choose a data file"
      onChange={(e) => {
        const files = [...(e.target.files ?? [])];
        const appendTo = appendTarget.current;
        useDatasets.getState().enqueue(files.map((file) => ({ kind: 'file', file, label: file.name, appendTo })));
        e.target.value = '';
      }}
    />
  ) : null;

  return { chooseFile, fileInput, dragging };
}
