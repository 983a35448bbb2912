/**
 * A dataset's interaction columns: checked by name and type, then read straight from its table (only
 * the columns a recommender uses). Shared by the host (resolving a run) and the recommender worker, so
 * both refuse the same input with the same words.
 */
import type { Database } from 'better-sqlite3';
import { ApiError } from '../../../shared/api/errors';
import type { ColumnDto } from '../../../shared/api/datasets-dto';
import { colIdent, type Cell } from '../db/dataset-tables';
import { DatasetsRepo } from '../db/repos/datasets-repo';
import { parseDate, parseDatetime } from '../values';

/** Which column plays which part; at most one of rating, event and count. */
export interface RecommendRoles {
  user: string;
  item: string;
  rating?: string;
  event?: string;
  count?: string;
  time?: string;
}

export type RecommendDatasetRole = 'dataset' | 'testDataset';

/** The interaction columns of one dataset, row by row in file order. */
export interface InteractionRows {
  rows: number;
  user: Cell[];
  item: Cell[];
  /** The rating, event or count column's cells; null when none is given (every row weighs 1). */
  value: Cell[] | null;
  /** Epoch ms (NaN where missing); null without a time column. */
  time: Float64Array | null;
  /** How a numeric time column was read, for the run's notes. */
  timeUnit: 'date' | 'seconds' | 'milliseconds' | null;
}

const NUMERIC = new Set(['integer', 'float', 'boolean']);
const TIME = new Set(['date', 'datetime', 'integer', 'float']);
/** Numeric times below this are Unix seconds (1e11 s is the year 5138; 1e11 ms is 1973). */
const SECONDS_BELOW = 1e11;

/** The value column's role, when one is given. */
export function valueRole(roles: RecommendRoles): 'rating' | 'event' | 'count' | null {
  const given = (['rating', 'event', 'count'] as const).filter((k) => roles[k] !== undefined);
  if (given.length > 1) {
    throw new ApiError('bad_request', `Give one of a rating, an event or a count column, not ${given.map((k) => `${k} '${roles[k]}'`).join(' and ')}`, { field: given[1] });
  }
  return given[0] ?? null;
}

/** Checks each role's column exists with a type a recommender can use; returns them by name. */
export function checkRecommendColumns(columns: readonly ColumnDto[], roles: RecommendRoles, role: RecommendDatasetRole = 'dataset'): Map<string, ColumnDto> {
  const byName = new Map(columns.map((c) => [c.name, c]));
  const where = role === 'dataset' ? 'The dataset' : 'The test dataset';
  const out = new Map<string, ColumnDto>();
  const need = (key: keyof RecommendRoles, types: Set<string> | null, what: string): void => {
    const name = roles[key];
    if (name === undefined) return;
    const c = byName.get(name);
    const field = role === 'dataset' ? key : 'testDataset';
    if (!c) throw new ApiError('bad_request', `${where} has no column '${name}' (the ${key} column)`, { field });
    if (types && !types.has(c.type)) throw new ApiError('bad_request', `'${name}' is not ${what} column (it is ${c.type})${role === 'testDataset' ? ' in the test dataset' : ''}`, { field });
    out.set(name, c);
  };
  need('user', null, '');
  need('item', null, '');
  valueRole(roles);
  need('rating', NUMERIC, 'a numeric');
  need('count', NUMERIC, 'a numeric');
  need('event', null, '');
  need('time', TIME, 'a date, datetime or numeric');
  const all = (['user', 'item', 'rating', 'event', 'count', 'time'] as const).filter((k) => roles[k] !== undefined);
  for (const [i, k] of all.entries()) {
    const twice = all.slice(0, i).find((j) => roles[j] === roles[k]);
    if (twice) throw new ApiError('bad_request', `'${roles[k]}' is given as both the ${twice} and the ${k} column; each column may have one part`, { field: k });
  }
  return out;
}

function timeOf(v: Cell, type: string): number {
  if (v === null || v === '') return NaN;
  if (typeof v === 'number') return v;
  if (type === 'date' || type === 'datetime') return parseDate(v) ?? parseDatetime(v) ?? NaN;
  const n = Number(v);
  return Number.isFinite(n) ? n : NaN;
}

/** Reads the interaction columns of a dataset (after checking them), in row order. */
export function readInteractionRows(db: Database, datasetId: string, roles: RecommendRoles, role: RecommendDatasetRole = 'dataset'): InteractionRows {
  const repo = new DatasetsRepo(db);
  const cols = checkRecommendColumns(repo.columns(datasetId), roles, role);
  const { table, rows } = repo.table(datasetId);
  const valueName = roles.rating ?? roles.event ?? roles.count;
  const names = [roles.user, roles.item, valueName, roles.time].filter((n): n is string => n !== undefined);
  const select = names.map((n) => colIdent(cols.get(n)!.position)).join(', ');
  const user: Cell[] = [];
  const item: Cell[] = [];
  const value: Cell[] | null = valueName ? [] : null;
  const rawTime: number[] | null = roles.time ? [] : null;
  const iValue = valueName ? 2 : -1;
  const iTime = roles.time ? names.length - 1 : -1;
  const timeType = roles.time ? cols.get(roles.time)!.type : '';
  for (const row of db.prepare(`SELECT ${select} FROM "${table}" ORDER BY rowid`).raw().iterate() as IterableIterator<Cell[]>) {
    if (user.length >= rows) break;
    user.push(row[0]);
    item.push(row[1]);
    if (value) value.push(row[iValue]);
    if (rawTime) rawTime.push(timeOf(row[iTime], timeType));
  }
  let time: Float64Array | null = null;
  let timeUnit: InteractionRows['timeUnit'] = null;
  if (rawTime) {
    time = Float64Array.from(rawTime);
    if (timeType === 'date' || timeType === 'datetime') timeUnit = 'date';
    else {
      let max = -Infinity;
      for (const t of time) if (t > max) max = t;
      timeUnit = max < SECONDS_BELOW ? 'seconds' : 'milliseconds';
      if (timeUnit === 'seconds') for (let r = 0; r < time.length; r++) time[r] *= 1000;
    }
  }
  return { rows: user.length, user, item, value, time, timeUnit };
}

/** Distinct values of one column, at most `limit` (event types, to check against the weights). */
export function distinctText(db: Database, datasetId: string, column: ColumnDto, limit: number): string[] {
  const repo = new DatasetsRepo(db);
  const { table } = repo.table(datasetId);
  const c = colIdent(column.position);
  const rows = db.prepare(`SELECT DISTINCT ${c} AS v FROM "${table}" WHERE ${c} IS NOT NULL AND ${c} != '' LIMIT ?`).all(limit) as { v: Cell }[];
  return rows.map((r) => String(r.v));
}

/** Whether any value of `key` in one dataset equals (as text) some value of `column` in another. */
export function anyKeyMatches(db: Database, keyDatasetId: string, key: ColumnDto, datasetId: string, column: ColumnDto): boolean {
  const repo = new DatasetsRepo(db);
  const k = colIdent(key.position);
  const c = colIdent(column.position);
  const hit = db
    .prepare(`SELECT 1 FROM "${repo.table(keyDatasetId).table}" WHERE CAST(${k} AS TEXT) IN (SELECT CAST(${c} AS TEXT) FROM "${repo.table(datasetId).table}") LIMIT 1`)
    .get();
  return hit !== undefined;
}
