import type { ColumnDto, ColumnType } from '../../../shared/api/datasets-dto';
import type { RowFilterArgs } from '../../../shared/api/methods/datasets';

export type RowFilter = RowFilterArgs;
export type SortDir = 'asc' | 'desc';

/** How the data table shows the rows: one sorted column, filters by column, a search across text. */
export interface TableView {
  sort: { position: number; dir: SortDir } | null;
  filters: Record<number, RowFilter>;
  search: string;
}

export const EMPTY_VIEW: TableView = { sort: null, filters: {}, search: '' };

/** Header clicks cycle none → ascending → descending → none; another column starts ascending. */
export function nextSort(view: TableView, position: number): TableView['sort'] {
  if (view.sort?.position !== position) return { position, dir: 'asc' };
  return view.sort.dir === 'asc' ? { position, dir: 'desc' } : null;
}

export const isFiltered = (v: TableView) => Object.keys(v.filters).length > 0 || v.search.trim() !== '';

/** The rows method's view arguments (nothing for the plain file order, so its requests stay as they were). */
export function viewArgs(v: TableView): { sort?: NonNullable<TableView['sort']>; filters?: RowFilter[]; search?: string } {
  const filters = Object.values(v.filters);
  return {
    ...(v.sort ? { sort: v.sort } : {}),
    ...(filters.length ? { filters } : {}),
    ...(v.search.trim() ? { search: v.search.trim() } : {}),
  };
}

/** Which kind of filter a column of this type gets. */
export function filterKindFor(type: ColumnType): RowFilter['kind'] {
  if (type === 'integer' || type === 'float') return 'range';
  if (type === 'categorical' || type === 'boolean') return 'values';
  return 'contains';
}

/** A picked value as a person reads it (booleans are stored as 1 and 0). */
export function valueLabel(value: string | number | null, type: ColumnType): string {
  if (value === null) return '(missing)';
  if (type === 'boolean') return value === 1 ? 'true' : value === 0 ? 'false' : String(value);
  return String(value);
}

const num = (x: number) => x.toLocaleString(undefined, { maximumFractionDigits: 6 });

/** A short description of a filter for its chip: "price 10–50", "city: Porto, Lisbon", "comment contains “loud”". */
export function filterLabel(f: RowFilter, column: ColumnDto): string {
  if (f.kind === 'range') {
    if (f.min !== undefined && f.max !== undefined) return `${column.name} ${num(f.min)}–${num(f.max)}`;
    if (f.min !== undefined) return `${column.name} ≥ ${num(f.min)}`;
    if (f.max !== undefined) return `${column.name} ≤ ${num(f.max)}`;
    return `${column.name} present`;
  }
  if (f.kind === 'values') {
    const shown = f.values.slice(0, 3).map((v) => valueLabel(v, column.type));
    return `${column.name}: ${shown.join(', ')}${f.values.length > 3 ? ` +${f.values.length - 3}` : ''}`;
  }
  return `${column.name} contains “${f.text}”`;
}

/** "12,345 of 1,000,000 rows" while filtered, "1,000,000 rows" otherwise. */
export function countLabel(shown: number | null, all: number, filtered: boolean): string {
  const rows = (n: number) => `${n.toLocaleString()} row${n === 1 ? '' : 's'}`;
  if (!filtered) return rows(all);
  return shown === null ? `counting… of ${rows(all)}` : `${shown.toLocaleString()} of ${rows(all)}`;
}

/** Parses a range bound typed by a person: empty is no bound, anything not a number is refused. */
export function parseBound(text: string): number | undefined | 'invalid' {
  const t = text.trim().replace(/,/g, '');
  if (t === '') return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : 'invalid';
}
