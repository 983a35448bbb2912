import { useEffect, useState } from 'react';
import type { ImportPreviewDto } from '../../../shared/api/datasets-dto';
import { PREVIEW_UPLOAD_BYTES } from '../../../shared/api/methods/datasets';
import { api, uploadFile } from '../../api/client';
import type { ImportOptions, ImportSource } from './import-slice';

/** Options changing this fast (typing a delimiter, stepping skip lines) are previewed once they settle. */
const DEBOUNCE_MS = 250;

export interface PreviewState {
  preview: ImportPreviewDto | null;
  error: string | null;
  loading: boolean;
}

type PreviewOptions = Pick<ImportOptions, 'format' | 'header' | 'delimiter' | 'quote' | 'encoding' | 'skipLines' | 'types'>;

/**
 * What the import will read with these options, asked of the host as they change. Browser mode
 * uploads the file's start each time (the host removes it once read); the last answer stays
 * shown until the next arrives.
 */
export function useImportPreview(source: ImportSource, options: PreviewOptions, valid: boolean): PreviewState {
  const [state, setState] = useState<PreviewState>({ preview: null, error: null, loading: true });
  const key = JSON.stringify(options);

  useEffect(() => {
    if (!valid) return;
    let stale = false;
    setState((s) => ({ ...s, loading: true }));
    const timer = setTimeout(() => {
      const o = JSON.parse(key) as PreviewOptions;
      request(source, o)
        .then((preview) => !stale && setState({ preview, error: null, loading: false }))
        .catch((err: Error) => !stale && setState((s) => ({ preview: s.preview, error: err.message, loading: false })));
    }, DEBOUNCE_MS);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }, [source, key, valid]);

  return state;
}

async function request(source: ImportSource, o: PreviewOptions): Promise<ImportPreviewDto> {
  const args = { ...o, rows: 50 };
  if (source.kind === 'path') return api.invoke('datasets.preview', { ...args, path: source.path });
  const head = new File([source.file.slice(0, PREVIEW_UPLOAD_BYTES)], source.file.name);
  const path = await uploadFile(head);
  return api.invoke('datasets.preview', { ...args, path, removeSource: true, sourceBytes: source.file.size });
}
