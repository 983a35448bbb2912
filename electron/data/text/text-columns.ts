/**
 * The columns a text feature reads, checked by name and type. Shared by the host (so a request is
 * refused at once, naming the column) and the text workers (which check again what they read).
 */
import type { Database } from 'better-sqlite3';
import { ApiError } from '../../../shared/api/errors';
import type { ColumnDto, DatasetDetailDto } from '../../../shared/api/datasets-dto';
import { hasNonBlank } from '../db/text-tables';
import { parseDate, parseDatetime } from '../values';

/** Strings the lexicon can read: short texts are often imported as categorical. */
const TEXT_TYPES = new Set(['text', 'categorical']);
const TIME_TYPES = new Set(['date', 'datetime']);

function find(d: DatasetDetailDto, name: string, field: string): ColumnDto {
  const c = d.columnsDetail.find((x) => x.name === name);
  if (!c) throw new ApiError('bad_request', `Dataset '${d.name}' has no column '${name}'`, { field });
  return c;
}

export function textColumn(d: DatasetDetailDto, name: string, field = 'text'): ColumnDto {
  const c = find(d, name, field);
  if (!TEXT_TYPES.has(c.type)) throw new ApiError('bad_request', `'${name}' is not a text column (it is ${c.type})`, { field });
  return c;
}

export function timeColumn(d: DatasetDetailDto, name: string, field = 'time'): ColumnDto {
  const c = find(d, name, field);
  if (!TIME_TYPES.has(c.type)) throw new ApiError('bad_request', `'${name}' is not a date or datetime column (it is ${c.type})`, { field });
  return c;
}

/** Any column's values can be groups. */
export function groupColumn(d: DatasetDetailDto, name: string, field = 'by'): ColumnDto {
  return find(d, name, field);
}

/** Refuses a text column with nothing to read. */
export function requireSomeText(db: Database, d: DatasetDetailDto, table: string, c: ColumnDto, field = 'text'): void {
  if (d.rows === 0 || c.missing >= d.rows || !hasNonBlank(db, table, c.position)) {
    throw new ApiError('bad_request', `'${c.name}' has no text: every row of it is empty`, { field });
  }
}

/** A stored cell as text to score; null for a missing or blank one. */
export function textOf(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  const s = String(v);
  return s.trim() === '' ? null : s;
}

/** A stored date or datetime cell as epoch ms (NaN when missing or unreadable). */
export function timeOf(v: unknown): number {
  if (v === null || v === undefined) return NaN;
  if (typeof v === 'number') return v;
  const s = String(v);
  return parseDate(s) ?? parseDatetime(s) ?? NaN;
}
