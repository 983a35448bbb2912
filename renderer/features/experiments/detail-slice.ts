import type { StateCreator } from 'zustand';
import type { RunDetailDto } from '../../../shared/api/runs-dto';
import { api, ApiCallError } from '../../api/client';
import { extraOf } from './run-rows';
import type { ExperimentsState } from './store';

export interface DetailSlice {
  selectedId: string | null;
  detail: RunDetailDto | null;
  detailError: string | null;
  /** The report tab last chosen, kept from run to run. */
  detailTab: DetailTab;
  setDetailTab(tab: DetailTab): void;
  select(id: string | null): void;
  reloadDetail(): Promise<void>;
  /** Starts the same run again and selects it; resolves to an error message or null. */
  rerun(): Promise<string | null>;
  /** Continues a stopped network run (the open one, or `id`) from its last epoch; resolves to an error message or null. */
  resume(id?: string): Promise<string | null>;
  remove(id: string): Promise<string | null>;
  saveNotes(notes: string, tags: string[]): Promise<string | null>;
  /** Names the open run (blank: no name); resolves to an error message or null. */
  rename(name: string): Promise<string | null>;
}

export type DetailTab = 'metrics' | 'confusion' | 'calibration' | 'rocpr' | 'residuals' | 'importance' | 'architecture' | 'params' | 'notes';

const message = (err: unknown) => (err as Error).message;

export const createDetailSlice: StateCreator<ExperimentsState, [], [], DetailSlice> = (set, get) => {
  /** Saves fields of the open run and shows the answer in the detail and the list at once. */
  const update = async (fields: { name?: string | null; notes?: string; tags?: string[] }): Promise<string | null> => {
    const id = get().selectedId;
    if (!id) return 'No run is selected.';
    try {
      const detail = await api.invoke('runs.update', { id, ...fields });
      set((s) => ({
        runs: s.runs.map((r) => (r.id === id ? { ...r, name: detail.name, tags: detail.tags } : r)),
        extras: { ...s.extras, [id]: extraOf(detail) },
        ...(s.selectedId === id ? { detail } : {}),
      }));
      return null;
    } catch (err) {
      return message(err);
    }
  };
  return {
    selectedId: null,
    detail: null,
    detailError: null,
    detailTab: 'metrics',
    setDetailTab: (detailTab) => set({ detailTab }),

    select(id) {
      if (id === get().selectedId) return;
      set({ selectedId: id, detail: null, detailError: null });
      if (id) void get().reloadDetail();
    },

    async reloadDetail() {
      const id = get().selectedId;
      if (!id) return;
      try {
        const detail = await api.invoke('runs.get', { id });
        if (get().selectedId !== id) return;
        set((s) => ({ detail, detailError: null, extras: { ...s.extras, [id]: extraOf(detail) } }));
      } catch (err) {
        if (get().selectedId !== id) return;
        if (err instanceof ApiCallError && err.code === 'not_found') set({ selectedId: null, detail: null });
        else set({ detailError: message(err) });
      }
    },

    async rerun() {
      const id = get().selectedId;
      if (!id) return 'No run is selected.';
      try {
        const { runId } = await api.invoke('runs.rerun', { id });
        await get().load();
        get().select(runId);
        return null;
      } catch (err) {
        return message(err);
      }
    },

    async resume(given) {
      const id = given ?? get().selectedId;
      if (!id) return 'No run is selected.';
      try {
        await api.invoke('runs.resume', { id });
        await get().load();
        if (get().selectedId === id) await get().reloadDetail();
        else get().select(id);
        return null;
      } catch (err) {
        return message(err);
      }
    },

    async remove(id) {
      try {
        await api.invoke('runs.delete', { id });
        const runs = get().runs;
        const at = runs.findIndex((r) => r.id === id);
        const next = runs[at + 1] ?? runs[at - 1] ?? null;
        set({ runs: runs.filter((r) => r.id !== id) });
        if (get().selectedId === id) get().select(next?.id ?? null);
        return null;
      } catch (err) {
        return message(err);
      }
    },

    saveNotes: (notes, tags) => update({ notes, tags }),
    rename: (name) => update({ name: name.trim() || null }),
  };
};
