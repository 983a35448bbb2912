import type { StateCreator } from 'zustand';
import { api } from '../../api/client';
import type { DatasetsState } from './store';

export type Cell = number | string | boolean | null;
export type Row = Cell[];

export const PAGE_SIZE = 200;
/** Enough for several screens either side of the viewport, small enough to stay light. */
export const MAX_PAGES = 50;

export interface RowsSlice {
  /** Which dataset the cached pages belong to; responses for another one are dropped. */
  rowsFor: string | null;
  total: number | null;
  pages: Record<number, Row[]>;
  /** Page indexes, least recently wanted first, for eviction. */
  pageOrder: number[];
  pendingPages: Record<number, true>;
  rowsError: string | null;
  resetRows(id: string | null): void;
  /** Fetches the given pages if not cached or in flight, and marks them as recently wanted. */
  ensurePages(id: string, pageIndexes: number[]): void;
}

export const createRowsSlice: StateCreator<DatasetsState, [], [], RowsSlice> = (set, get) => ({
  rowsFor: null,
  total: null,
  pages: {},
  pageOrder: [],
  pendingPages: {},
  rowsError: null,

  resetRows(id) {
    set({ rowsFor: id, total: null, pages: {}, pageOrder: [], pendingPages: {}, rowsError: null });
  },

  ensurePages(id, pageIndexes) {
    if (get().rowsFor !== id) get().resetRows(id);
    const { pages, pendingPages, pageOrder } = get();
    const wanted = new Set(pageIndexes);
    set({ pageOrder: [...pageOrder.filter((p) => !wanted.has(p)), ...pageIndexes] });
    for (const page of pageIndexes) {
      if (pages[page] || pendingPages[page]) continue;
      set((s) => ({ pendingPages: { ...s.pendingPages, [page]: true } }));
      void fetchPage(id, page, set, get);
    }
  },
});

async function fetchPage(
  id: string,
  page: number,
  set: (fn: (s: DatasetsState) => Partial<DatasetsState>) => void,
  get: () => DatasetsState,
): Promise<void> {
  try {
    const res = await api.invoke('datasets.rows', { id, offset: page * PAGE_SIZE, limit: PAGE_SIZE });
    if (get().rowsFor !== id) return;
    set((s) => {
      const pages = { ...s.pages, [page]: res.rows as Row[] };
      const pendingPages = { ...s.pendingPages };
      delete pendingPages[page];
      // Evict the least recently wanted pages beyond the cap.
      const order = s.pageOrder.includes(page) ? s.pageOrder : [...s.pageOrder, page];
      const cached = order.filter((p) => pages[p]);
      for (const old of cached.slice(0, Math.max(0, cached.length - MAX_PAGES))) delete pages[old];
      return { pages, pendingPages, total: res.total, pageOrder: order.filter((p) => pages[p] || pendingPages[p]), rowsError: null };
    });
  } catch (err) {
    if (get().rowsFor !== id) return;
    set((s) => {
      const pendingPages = { ...s.pendingPages };
      delete pendingPages[page];
      return { pendingPages, rowsError: (err as Error).message };
    });
  }
}
