/**
 * A dataset's forecasting columns: checked by name and type, then read straight from its table
 * (only the columns a forecast uses; dates as epoch ms). Shared by the host (detection, resolving a
 * run) and the forecasting worker, so both refuse the same input with the same words.
 */
import type { Database } from 'better-sqlite3';
import { ApiError } from '../../../shared/api/errors';
import type { ColumnDto } from '../../../shared/api/datasets-dto';
import { colIdent, type Cell } from '../db/dataset-tables';
import { DatasetsRepo } from '../db/repos/datasets-repo';
import { parseDate, parseDatetime } from '../values';

/** Which column plays which part. */
export interface ForecastRoles {
  time: string;
  target: string;
  series?: string;
  /** Past-only covariates. */
  covariates: readonly string[];
  /** Covariates known in the future. */
  futureCovariates: readonly string[];
  events?: string;
}

/** The forecasting columns of one dataset, row by row in file order. */
export interface ForecastRows {
  rows: number;
  /** Epoch ms. */
  time: Float64Array;
  /** NaN where missing. */
  target: Float64Array;
  /** The series column's values as text; null without a series column. */
  series: string[] | null;
  /** Covariates present in this dataset (a test dataset may lack past-only ones); NaN where missing. */
  covariates: Map<string, Float64Array>;
  /** Event names (null = none); null without an events column. */
  events: (string | null)[] | null;
}

const NUMERIC = new Set(['integer', 'float']);
const COVARIATE = new Set(['integer', 'float', 'boolean']);
const TIME = new Set(['date', 'datetime']);

/** Which dataset is meant in messages: the training one, or the test one. */
export type DatasetRole = 'dataset' | 'testDataset';

function field(role: DatasetRole, name: string): string {
  return role === 'dataset' ? name : 'testDataset';
}

function where(role: DatasetRole): string {
  return role === 'dataset' ? 'The dataset' : 'The test dataset';
}

/**
 * Checks each role's column exists with a type forecasting can use; returns them by name.
 * A test dataset needs the same columns except past-only covariates, which nothing reads ahead of time.
 */
export function checkForecastColumns(columns: readonly ColumnDto[], roles: ForecastRoles, role: DatasetRole = 'dataset'): Map<string, ColumnDto> {
  const byName = new Map(columns.map((c) => [c.name, c]));
  const out = new Map<string, ColumnDto>();
  const need = (name: string, key: string, types: Set<string> | null, what: string): void => {
    const c = byName.get(name);
    if (!c) throw new ApiError('bad_request', `${where(role)} has no column '${name}'`, { field: field(role, key) });
    if (types && !types.has(c.type)) {
      throw new ApiError('bad_request', `'${name}' is not ${what} column (it is ${c.type})${role === 'testDataset' ? ' in the test dataset' : ''}`, { field: field(role, key) });
    }
    out.set(name, c);
  };
  need(roles.time, 'time', TIME, 'a date or datetime');
  need(roles.target, 'target', NUMERIC, 'a numeric');
  if (roles.series !== undefined) need(roles.series, 'series', null, '');
  if (roles.events !== undefined) need(roles.events, 'events', null, '');
  for (const c of roles.futureCovariates) need(c, 'futureCovariates', COVARIATE, 'a numeric');
  for (const c of roles.covariates) {
    if (role === 'testDataset' && !byName.has(c)) continue;
    need(c, 'covariates', COVARIATE, 'a numeric');
  }
  const all = [roles.time, roles.target, roles.series, roles.events, ...roles.covariates, ...roles.futureCovariates].filter((c): c is string => c !== undefined);
  const twice = all.find((c, i) => all.indexOf(c) !== i);
  if (twice) throw new ApiError('bad_request', `'${twice}' is given two parts to play; each column may have one`, { field: field(role, 'covariates') });
  return out;
}

/** Reads the forecasting columns of a dataset (after checking them). */
export function readForecastRows(db: Database, datasetId: string, roles: ForecastRoles, role: DatasetRole = 'dataset'): ForecastRows {
  const repo = new DatasetsRepo(db);
  const cols = checkForecastColumns(repo.columns(datasetId), roles, role);
  const { table, rows } = repo.table(datasetId);
  const names = [...cols.keys()];
  const select = names.map((n) => colIdent(cols.get(n)!.position)).join(', ');
  const time = new Float64Array(rows);
  const target = new Float64Array(rows).fill(NaN);
  const series = roles.series !== undefined ? new Array<string>(rows) : null;
  const events = roles.events !== undefined ? new Array<string | null>(rows).fill(null) : null;
  const covNames = [...roles.covariates, ...roles.futureCovariates].filter((c) => cols.has(c));
  const covariates = new Map(covNames.map((c) => [c, new Float64Array(rows).fill(NaN)]));
  const at = new Map(names.map((n, i) => [n, i]));
  const iTime = at.get(roles.time)!;
  const iTarget = at.get(roles.target)!;
  const iSeries = roles.series !== undefined ? at.get(roles.series)! : -1;
  const iEvents = roles.events !== undefined ? at.get(roles.events)! : -1;
  const iCov = covNames.map((c) => [covariates.get(c)!, at.get(c)!] as const);
  let r = 0;
  for (const row of db.prepare(`SELECT ${select} FROM "${table}" ORDER BY rowid`).raw().iterate() as IterableIterator<Cell[]>) {
    if (r >= rows) break;
    const t = row[iTime];
    const ms = t === null ? null : typeof t === 'number' ? t : (parseDate(String(t)) ?? parseDatetime(String(t)));
    if (ms === null) {
      const what = t === null ? 'is empty' : `holds ${JSON.stringify(t)}, not a date`;
      throw new ApiError('bad_request', `'${roles.time}' ${what} in row ${r + 1}${role === 'testDataset' ? ' of the test dataset' : ''}`, { field: field(role, 'time') });
    }
    time[r] = ms;
    target[r] = toNumber(row[iTarget]);
    if (series) series[r] = row[iSeries] === null ? '' : String(row[iSeries]);
    if (events) events[r] = row[iEvents] === null || row[iEvents] === '' ? null : String(row[iEvents]);
    for (const [values, i] of iCov) values[r] = toNumber(row[i]);
    r++;
  }
  return { rows: r, time: time.subarray(0, r), target: target.subarray(0, r), series: series?.slice(0, r) ?? null, covariates, events: events?.slice(0, r) ?? null };
}

function toNumber(v: Cell): number {
  if (v === null || v === '') return NaN;
  if (typeof v === 'number') return v;
  if (v === 'true') return 1;
  if (v === 'false') return 0;
  const x = Number(v);
  return Number.isFinite(x) ? x : NaN;
}
