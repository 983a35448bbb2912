import type { StateCreator } from 'zustand';
import type { ExplorerRowDto, ExplorerRowsDto } from '../../../shared/api/methods/explorer';
import { api } from '../../api/client';
import { draftFromValues, type Draft } from './form-values';
import type { ExplorerState } from './store';

/** Rows shown per page of the picker. */
export const ROWS_PER_PAGE = 20;

export interface PickedRow {
  row: number;
  actual: string | number | null;
  /** The form as the row filled it: edits after the pick make the actual value someone else's. */
  draft: Draft;
}

export interface RowsSlice {
  pickerOpen: boolean;
  rowsPage: ExplorerRowsDto | null;
  rowsLoading: boolean;
  rowsError: string | null;
  /** The dataset row the form was last filled from. */
  picked: PickedRow | null;
  openPicker(): void;
  closePicker(): void;
  /** Reads a page of rows (of those matching `search`, when given). */
  loadRows(offset: number, search: string): Promise<void>;
  /** Fills every input with the row's values and predicts it at once. */
  pickRow(row: ExplorerRowDto): void;
  resetRows(): void;
}

/** Answers to anything but the latest page request are dropped. */
let latestPage = 0;

export const createRowsSlice: StateCreator<ExplorerState, [], [], RowsSlice> = (set, get) => ({
  pickerOpen: false,
  rowsPage: null,
  rowsLoading: false,
  rowsError: null,
  picked: null,

  openPicker() {
    set({ pickerOpen: true });
    if (!get().rowsPage) void get().loadRows(0, '');
  },

  closePicker: () => set({ pickerOpen: false }),

  async loadRows(offset, search) {
    const ref = get().ref;
    if (!ref) return;
    const mine = ++latestPage;
    set({ rowsLoading: true, rowsError: null });
    try {
      const page = await api.invoke('explorer.rows', { model: ref, offset, limit: ROWS_PER_PAGE, ...(search.trim() ? { search } : {}) });
      if (mine === latestPage && get().ref === ref) set({ rowsPage: page, rowsLoading: false });
    } catch (err) {
      if (mine === latestPage && get().ref === ref) set({ rowsError: (err as Error).message, rowsLoading: false });
    }
  },

  pickRow(row) {
    const schema = get().schema;
    if (!schema) return;
    const draft = draftFromValues(schema.inputs, row.values);
    set({ draft, picked: { row: row.row, actual: row.actual, draft }, pickerOpen: false });
    void get().predictNow();
  },

  resetRows() {
    latestPage++;
    set({ pickerOpen: false, rowsPage: null, rowsLoading: false, rowsError: null, picked: null });
  },
});

/** Whether the form still holds exactly the picked row's values. */
export function stillPicked(picked: PickedRow | null, draft: Draft): boolean {
  if (!picked) return false;
  const keys = new Set([...Object.keys(picked.draft), ...Object.keys(draft)]);
  for (const k of keys) if ((picked.draft[k] ?? null) !== (draft[k] ?? null)) return false;
  return true;
}
