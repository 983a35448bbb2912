import type { StateCreator } from 'zustand';
import type { DatasetSummaryDto } from '../../../shared/api/dto';
import type { ColumnType, DatasetDetailDto } from '../../../shared/api/datasets-dto';
import { api, ApiCallError } from '../../api/client';
import { useJobs } from '../jobs/store';
import type { DatasetsState } from './store';

export interface ListSlice {
  items: DatasetSummaryDto[];
  loaded: boolean;
  error: string | null;
  selectedId: string | null;
  detail: DatasetDetailDto | null;
  /** The job of a column type change in flight, so its end refreshes the detail. */
  columnJobId: string | null;
  load(): Promise<void>;
  select(id: string | null): void;
  reloadDetail(): Promise<void>;
  rename(name: string): Promise<boolean>;
  renameColumn(position: number, name: string): Promise<string | null>;
  setColumnType(position: number, type: ColumnType): Promise<string | null>;
  /** Resolves to null when deleted, else the host's reason (e.g. runs still use it). */
  remove(id: string): Promise<string | null>;
  dismissError(): void;
}

const message = (err: unknown) => (err as Error).message;

export const createListSlice: StateCreator<DatasetsState, [], [], ListSlice> = (set, get) => ({
  items: [],
  loaded: false,
  error: null,
  selectedId: null,
  detail: null,
  columnJobId: null,

  async load() {
    try {
      const items = await api.invoke('datasets.list', {});
      set({ items, loaded: true });
      const { selectedId } = get();
      // Keep a sensible selection: the first dataset when none (or a deleted one) was selected.
      if (!selectedId || !items.some((d) => d.id === selectedId)) get().select(items[0]?.id ?? null);
    } catch (err) {
      set({ error: message(err), loaded: true });
    }
  },

  select(id) {
    if (id === get().selectedId && get().detail?.id === id) return;
    set({ selectedId: id, detail: null });
    get().resetRows(id);
    get().resetProfile();
    if (id) void get().reloadDetail();
  },

  async reloadDetail() {
    const id = get().selectedId;
    if (!id) return;
    try {
      const detail = await api.invoke('datasets.get', { id });
      if (get().selectedId !== id) return;
      // A column retyped elsewhere (the CLI, another window) changes its values: drop cached rows.
      const before = get().detail?.columnsDetail.map((c) => c.type).join();
      if (before !== undefined && before !== detail.columnsDetail.map((c) => c.type).join()) get().resetRows(id);
      set({ detail });
    } catch (err) {
      if (err instanceof ApiCallError && err.code === 'not_found') return void get().load();
      set({ error: message(err) });
    }
  },

  async rename(name) {
    const id = get().selectedId;
    if (!id) return false;
    try {
      const detail = await api.invoke('datasets.rename', { id, name });
      set((s) => ({ detail, items: s.items.map((d) => (d.id === id ? { ...d, name: detail.name } : d)) }));
      return true;
    } catch (err) {
      set({ error: message(err) });
      return false;
    }
  },

  async renameColumn(position, name) {
    const id = get().selectedId;
    if (!id) return 'No dataset is selected.';
    try {
      const before = get().detail?.columnsDetail.find((c) => c.position === position)?.name;
      set({ detail: await api.invoke('datasets.renameColumn', { id, position, name }) });
      // The profile's statistics still hold; only its labels change, so patch them rather than recompute.
      const profile = get().profileFor === id ? get().profile : null;
      if (profile && before !== undefined) {
        const rename = (n: string) => (n === before ? name : n);
        set({
          profile: {
            ...profile,
            columns: profile.columns.map((c) => (c.name === before ? { ...c, name } : c)),
            correlation: { ...profile.correlation, columns: profile.correlation.columns.map(rename) },
          },
        });
      }
      return null;
    } catch (err) {
      return message(err);
    }
  },

  async setColumnType(position, type) {
    const id = get().selectedId;
    if (!id) return 'No dataset is selected.';
    try {
      const { jobId } = await api.invoke('datasets.setColumnType', { id, position, type });
      set({ columnJobId: jobId });
      // The job may have ended before its id came back; the job store saw it either way.
      const seen = useJobs.getState().jobs[jobId];
      if (seen) get().onJobSettled(seen);
      return null;
    } catch (err) {
      return message(err);
    }
  },

  async remove(id) {
    try {
      await api.invoke('datasets.delete', { id });
      set((s) => ({ items: s.items.filter((d) => d.id !== id) }));
      if (get().selectedId === id) get().select(get().items[0]?.id ?? null);
      return null;
    } catch (err) {
      return message(err);
    }
  },

  dismissError() {
    set({ error: null });
  },
});
