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
      set({ runs, loaded: true, error: null });
      // A run that has just finished may have a duration now: read it again when next in view.
      const ended = runs.filter((r) => r.status !== 'running' && get().extras[r.id]?.durationMs === null);
      if (ended.length) set((s) => ({ extras: omit(s.extras, ended.map((r) => r.id)) }));
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

function omit<T>(rec: Record<string, T>, keys: string[]): Record<string, T> {
  const out = { ...rec };
  for (const k of keys) delete out[k];
  return out;
}
