import type { StateCreator } from 'zustand';
import { api } from '../../api/client';
import type { DatasetsState } from './store';
import { EMPTY_VIEW, viewArgs, type RowFilter, type TableView } from './table-view';
import type { IndexBuildDto } from '../../../shared/api/methods/datasets';

export type Cell = number | string | boolean | null;
export type Row = Cell[];

export const PAGE_SIZE = 200;
/** Enough for several screens either side of the viewport, small enough to stay light. */
export const MAX_PAGES = 50;

export interface RowsSlice {
  /** Which dataset the cached pages belong to; responses for another one are dropped. */
  rowsFor: string | null;
  /** Rows in the current view (null until the first page of it arrives). */
  total: number | null;
  /** Rows in the dataset, as the host last said. */
  datasetRows: number | null;
  pages: Record<number, Row[]>;
  /** Each cached row's number in the file, by page (differs from its place when sorted or filtered). */
  pageRowIds: Record<number, number[]>;
  /** Page indexes, least recently wanted first, for eviction. */
  pageOrder: number[];
  pendingPages: Record<number, true>;
  rowsError: string | null;
  /** The sorted column's index being built in a job (large tables): the cached pages are in file order until it ends. */
  building: IndexBuildDto | null;
  /** Sort, filters and search of the data table; computed by the host on the whole table. */
  view: TableView;
  /** Bumped on every view change, so pages of an earlier view arriving late are dropped. */
  viewSeq: number;
  /** Clears the cached pages; the view is kept for the same dataset and reset for another one. */
  resetRows(id: string | null): void;
  /** Fetches the given pages if not cached or in flight, and marks them as recently wanted. */
  ensurePages(id: string, pageIndexes: number[]): void;
  setSort(sort: TableView['sort']): void;
  /** Sets (or with null removes) the filter of one column. */
  setFilter(position: number, filter: RowFilter | null): void;
  setSearch(search: string): void;
  /** Removes every filter and the search (the sort stays). */
  clearFilters(): void;
}

const CLEARED: Pick<RowsSlice, 'total' | 'pages' | 'pageRowIds' | 'pageOrder' | 'pendingPages' | 'rowsError' | 'building'> = {
  total: null,
  pages: {},
  pageRowIds: {},
  pageOrder: [],
  pendingPages: {},
  rowsError: null,
  building: null,
};

export const createRowsSlice: StateCreator<DatasetsState, [], [], RowsSlice> = (set, get) => {
  /** A new view: its pages and count are fetched afresh. */
  const changeView = (view: TableView) => set((s) => ({ ...CLEARED, view, viewSeq: s.viewSeq + 1 }));
  return {
    rowsFor: null,
    datasetRows: null,
    ...CLEARED,
    view: EMPTY_VIEW,
    viewSeq: 0,

    resetRows(id) {
      const same = id === get().rowsFor;
      set((s) => ({ ...CLEARED, rowsFor: id, viewSeq: s.viewSeq + 1, ...(same ? {} : { view: EMPTY_VIEW, datasetRows: null }) }));
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

    setSort(sort) {
      changeView({ ...get().view, sort });
    },
    setFilter(position, filter) {
      const filters = { ...get().view.filters };
      if (filter) filters[position] = filter;
      else delete filters[position];
      changeView({ ...get().view, filters });
    },
    setSearch(search) {
      if (search === get().view.search) return;
      changeView({ ...get().view, search });
    },
    clearFilters() {
      changeView({ ...get().view, filters: {}, search: '' });
    },
  };
};

/** The last build asked about, so each is looked up once rather than once per page. */
let seenBuild: string | null = null;

async function fetchPage(
  id: string,
  page: number,
  set: (fn: (s: DatasetsState) => Partial<DatasetsState>) => void,
  get: () => DatasetsState,
): Promise<void> {
  const { viewSeq, view } = get();
  const current = () => get().rowsFor === id && get().viewSeq === viewSeq;
  try {
    const res = await api.invoke('datasets.rows', { id, offset: page * PAGE_SIZE, limit: PAGE_SIZE, ...viewArgs(view) });
    if (!current()) return;
    set((s) => {
      const pages = { ...s.pages, [page]: res.rows as Row[] };
      const pageRowIds = { ...s.pageRowIds, [page]: res.rowIds };
      const pendingPages = { ...s.pendingPages };
      delete pendingPages[page];
      // Evict the least recently wanted pages beyond the cap.
      const order = s.pageOrder.includes(page) ? s.pageOrder : [...s.pageOrder, page];
      const cached = order.filter((p) => pages[p]);
      for (const old of cached.slice(0, Math.max(0, cached.length - MAX_PAGES))) {
        delete pages[old];
        delete pageRowIds[old];
      }
      return {
        pages,
        pageRowIds,
        pendingPages,
        total: res.total,
        datasetRows: res.datasetRows ?? s.datasetRows,
        pageOrder: order.filter((p) => pages[p] || pendingPages[p]),
        rowsError: null,
        building: res.building ?? null,
      };
    });
    // A build that ended before its id reached us sent its event already: ask once.
    if (res.building && res.building.jobId !== seenBuild) {
      seenBuild = res.building.jobId;
      const job = await api.invoke('jobs.get', { id: res.building.jobId });
      if (current()) get().onJobSettled(job);
    }
  } catch (err) {
    if (!current()) return;
    set((s) => {
      const pendingPages = { ...s.pendingPages };
      delete pendingPages[page];
      return { pendingPages, rowsError: (err as Error).message };
    });
  }
}
