import type { StateCreator } from 'zustand';
import type { SampleDto } from '../../../shared/api/datasets-dto';
import type { ImportArgs } from '../../../shared/api/methods/datasets';
import type { SkippedGuardDetails } from '../../../shared/import-guard';
import { api, uploadFile } from '../../api/client';
import { useJobs } from '../jobs/store';
import type { DatasetsState } from './store';

/** The dataset a file's rows are appended to, as its next version. */
export interface AppendTarget {
  id: string;
  name: string;
}
/** A file to import: a browser File (uploaded first) or a path the desktop host can read; `appendTo` makes it a new version of that dataset. */
export type SourceInput = ({ kind: 'file'; file: File; label: string } | { kind: 'path'; path: string; label: string }) & { appendTo?: AppendTarget };
/** A queued source; `key` tells two drops of the same file apart. */
export type ImportSource = SourceInput & { key: string };

let nextKey = 0;

/** What the import dialog edits; the rest of `ImportArgs` is filled in on confirm. */
export type ImportOptions = Pick<ImportArgs, 'header' | 'delimiter' | 'quote' | 'encoding' | 'badRows' | 'format' | 'skipLines' | 'allowSkipped' | 'types'> & {
  name: string;
  /** Column names to use instead of the file's, when the user renamed any. */
  columns?: string[];
};

export interface ImportSlice {
  samples: SampleDto[];
  /** Files waiting for the options dialog, first one shown. */
  queue: ImportSource[];
  /** The last confirmed import, so a failed one can be reopened with its options. */
  lastImport: { source: ImportSource; options: ImportOptions } | null;
  /** Options to prefill when the dialog reopens after a failure. */
  reopenOptions: ImportOptions | null;
  upload: { label: string; fraction: number } | null;
  importJobId: string | null;
  importError: string | null;
  /** Set when the import was refused for skipping too many rows: the dialog offers to import anyway. */
  importGuard: SkippedGuardDetails | null;
  loadSamples(): Promise<void>;
  enqueue(sources: SourceInput[]): void;
  cancelDialog(): void;
  confirmImport(options: ImportOptions): Promise<void>;
  reopenImport(): void;
  importSample(id: string): Promise<void>;
  dismissImportError(): void;
}

/** "housing.csv" → "housing": the default dataset name. */
export const baseName = (label: string) => label.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, '') || label;

export const createImportSlice: StateCreator<DatasetsState, [], [], ImportSlice> = (set, get) => {
  /** Remembers the import job; handles it at once if its end already arrived. */
  const track = (jobId: string) => {
    set({ importJobId: jobId });
    const seen = useJobs.getState().jobs[jobId];
    if (seen) get().onJobSettled(seen);
  };

  return {
    samples: [],
    queue: [],
    lastImport: null,
    reopenOptions: null,
    upload: null,
    importJobId: null,
    importError: null,
    importGuard: null,

    async loadSamples() {
      try {
        set({ samples: await api.invoke('datasets.samples', {}) });
      } catch (err) {
        set({ error: (err as Error).message });
      }
    },

    enqueue(sources) {
      const keyed = sources.map((src) => ({ ...src, key: String(++nextKey) }));
      if (keyed.length) set((s) => ({ queue: [...s.queue, ...keyed], reopenOptions: null }));
    },

    cancelDialog() {
      set((s) => ({ queue: s.queue.slice(1), reopenOptions: null, importGuard: null }));
    },

    async confirmImport(options) {
      const source = get().queue[0];
      if (!source) return;
      set((s) => ({ queue: s.queue.slice(1), reopenOptions: null, importError: null, importGuard: null, lastImport: { source, options } }));
      const { name, types, ...rest } = options;
      try {
        let path: string;
        let removeSource = false;
        if (source.kind === 'file') {
          set({ upload: { label: source.label, fraction: 0 } });
          path = await uploadFile(source.file, (fraction) => set({ upload: { label: source.label, fraction } }));
          removeSource = true;
        } else {
          path = source.path;
        }
        set({ upload: null });
        // An append takes the dataset's name and column types; the file's columns are checked against them.
        const target = source.appendTo ? { appendTo: source.appendTo.id } : { name: name.trim(), types };
        const { jobId } = await api.invoke('datasets.import', { path, removeSource, ...rest, ...target });
        track(jobId);
      } catch (err) {
        set({ upload: null, importError: (err as Error).message });
      }
    },

    reopenImport() {
      const last = get().lastImport;
      if (!last) return;
      const source = { ...last.source, key: String(++nextKey) };
      // The guard's details stay for the dialog, which offers to import anyway.
      set((s) => ({ queue: [source, ...s.queue], reopenOptions: last.options, importError: null }));
    },

    async importSample(id) {
      set({ importError: null, importGuard: null, lastImport: null });
      try {
        track((await api.invoke('datasets.importSample', { id })).jobId);
      } catch (err) {
        set({ importError: (err as Error).message });
      }
    },

    dismissImportError() {
      set({ importError: null, importGuard: null });
    },
  };
};
