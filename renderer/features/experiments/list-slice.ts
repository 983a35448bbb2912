import type { StateCreator } from 'zustand';
import type { DatasetSummaryDto, RunSummaryDto } from '../../../shared/api/dto';
import { api } from '../../api/client';
import { extraOf, type RunExtra, type Sort } from './run-rows';
import type { ExperimentsState } from './store';

/** Enough for any real workbench; the list is virtualized. */
const LIST_LIMIT = 100_000;
/** Details read at once for the rows in view (duration, params). */
const EXTRA_CONCURRENCY = 4;

export interface ListSlice {
  runs: RunSummaryDto[];
  loaded: boolean;
  error: string | null;
  datasets: DatasetSummaryDto[];
  datasetsLoaded: boolean;
  query: string;
  sort: Sort;
  /** Duration, params and tags of runs whose detail has been read. */
  extras: Record<string, RunExtra>;
  load(): Promise<void>;
  loadDatasets(): Promise<void>;
  setQuery(q: string): void;
  setSort(sort: Sort): void;
  /** Reads the details of these runs (the rows in view) that are not known yet. */
  ensureExtras(ids: string[]): void;
  dismissError(): void;
}

const pending = new Set<string>();

export const createListSlice: StateCreator<ExperimentsState, [], [], ListSlice> = (set, get) => ({
  runs: [],
  loaded: false,
  error: null,
  datasets: [],
  datasetsLoaded: false,
  query: '',
  sort: { key: 'created', desc: true },
  extras: {},

  async load() {
    try {
      const runs = await api.invoke('runs.list', { limit: LIST_LIMIT });
      // The summaries carry duration, backend, params and tags: no per-row detail reads.
      const extras = Object.fromEntries(runs.map((r) => [r.id, { durationMs: r.durationMs, backend: r.backend, params: r.params, tags: r.tags } as RunExtra]));
      set({ runs, loaded: true, error: null, extras });
    } catch (err) {
      set({ error: (err as Error).message, loaded: true });
    }
  },

  async loadDatasets() {
    try {
      set({ datasets: await api.invoke('datasets.list', {}), datasetsLoaded: true });
    } catch (err) {
      set({ error: (err as Error).message, datasetsLoaded: true });
    }
  },

  setQuery: (query) => set({ query }),
  setSort: (sort) => set({ sort }),

  ensureExtras(ids) {
    // Only runs not yet in a loaded list (just started elsewhere) need their detail read.
    const todo = ids.filter((id) => !get().extras[id] && !pending.has(id));
    if (todo.length === 0) return;
    todo.forEach((id) => pending.add(id));
    const queue = [...todo];
    const worker = async () => {
      for (let id = queue.shift(); id; id = queue.shift()) {
        try {
          const d = await api.invoke('runs.get', { id });
          set((s) => ({ extras: { ...s.extras, [id]: extraOf(d) } }));
        } catch {
          // A run deleted meanwhile: the next list refresh drops it.
        } finally {
          pending.delete(id);
        }
      }
    };
    for (let i = 0; i < Math.min(EXTRA_CONCURRENCY, todo.length); i++) void worker();
  },

  dismissError: () => set({ error: null }),
});
