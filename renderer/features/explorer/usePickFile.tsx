import { useCallback, useRef, type DragEvent, type ReactNode } from 'react';
import { api } from '../../api/client';
import { fileLabel, type FileSource } from './file-source';

/**
 * Choosing one file: browser mode opens a hidden file input (the file is uploaded later), the
 * desktop app the OS picker (a path). Returns the opener and the input to render.
 */
export function usePickFile(opts: { accept: string; title: string; testId: string; onPick: (s: FileSource) => void; onError: (message: string) => void }): {
  choose: () => void;
  input: ReactNode;
} {
  const ref = useRef<HTMLInputElement>(null);
  const browser = api.hostKind() === 'browser';
  const { onPick, onError, title } = opts;

  const choose = useCallback(() => {
    if (browser) return ref.current?.click();
    api
      .invoke('files.pick', { title })
      .then(({ paths }) => paths[0] && onPick({ kind: 'path', path: paths[0], label: fileLabel(paths[0]) }))
      .catch((err: Error) => onError(err.message));
  }, [browser, title, onPick, onError]);

  const input = browser ? (
    <input
      ref={ref}
      type="file"
      accept={opts.accept}
      hidden
      aria-label={title}
      data-testid={opts.testId}
      onChange={(e) => {
        const file = e.target.files?.[0];
        if (file) onPick({ kind: 'file', file, label: file.name });
        e.target.value = '';
      }}
    />
  ) : null;

  return { choose, input };
}

/** Drop handlers for a drop zone: browser files are taken here; desktop drops arrive as `files.dropped` paths. */
export function dropHandlers(onPick: (s: FileSource) => void) {
  const browser = api.hostKind() === 'browser';
  return {
    onDragOver: (e: DragEvent) => {
      if ([...e.dataTransfer.types].includes('Files')) e.preventDefault();
    },
    onDrop: (e: DragEvent) => {
      e.preventDefault();
      const file = e.dataTransfer.files[0];
      if (browser && file) onPick({ kind: 'file', file, label: file.name });
    },
  };
}
