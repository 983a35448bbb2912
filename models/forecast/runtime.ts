/**
 * Forecasting from a stored ForecastArtifact and new history, with the engine alone: this file is what an export
 * bundle's forecast.mjs is (esbuild bundles it without dependencies), so a bundle forecasts with the app's own
 * code. Pure: no file system and no Node APIs, so it also runs in browsers.
 *
 * Each series' rows are placed on the grid the model was fitted on (the artifact's start and frequency). Values
 * newer than the fit move the fitted state on (`update`, no refit); values up to the end of the fit are already in
 * the model and are not read again. Rows after a series' last observed value carry covariates only.
 */
import type { ForecastArtifact } from './artifact';
import { ForecastInputError } from './errors';
import { gridIndex, gridTimestamp } from './frequency';
import { FORECAST_FAMILIES, GLOBAL_FAMILIES } from './families';
import { gbdtFeatureRows } from './runtime-gbdt';
import { formatTimestamp, parseTimestamp, type DuplicateRule } from './series';
import { makeTimeline } from './timeline';
import type { Forecast, ForecastModel, Timeline } from './types';

/** One row of history or future: the time, the value (history), the series, covariates by column name. */
export type ForecastRow = Record<string, unknown>;

export interface ForecastRequest {
  /** Observed rows: `t` (or the time column), `y` (or the target column; null = missing), `series`, covariates. */
  history?: ForecastRow[];
  /** Rows after the history holding the covariates known in advance, one per series and step. */
  future?: ForecastRow[];
  /** Steps to forecast; default the artifact's horizon. */
  horizon?: number;
  /** Interval levels in percent; default the artifact's. */
  levels?: number[];
  /** Series to forecast; default those in `history`, or every series when there is no history. */
  series?: string[];
  /** Several history rows at one time of a series: refuse (default), or combine them as the run did. */
  duplicates?: DuplicateRule;
}

/** One forecast step: `lower80`, `upper80`, … for each level. */
export interface ForecastPoint {
  series: string;
  /** ISO 8601, UTC. */
  t: string;
  mean: number;
  [bound: string]: number | string;
}

export interface Forecaster {
  readonly artifact: ForecastArtifact;
  /** Series ids in artifact order ('' for a single unnamed series). */
  readonly series: readonly string[];
  forecast(request?: ForecastRequest): Promise<ForecastPoint[]>;
  /** gbdt only: the feature rows of each series' next step, as the ONNX trees take them. */
  features(request?: ForecastRequest): Promise<FeatureRows>;
}

/** Rows for model.onnx: `forecast = (prediction + anchor) * scale` for each row's prediction. */
export interface FeatureRows {
  names: string[];
  rows: { series: string; t: string; features: number[]; anchor: number; scale: number }[];
}

/** Each chosen series' model with its state moved on to the end of the request's history. */
interface Prepared {
  horizon: number;
  levels: number[];
  series: { index: number; end: number; model: ForecastModel; timeline: Timeline }[];
}

/** Rows placed on one series' grid: index → the row's values. */
interface SeriesRows {
  /** Observed values at each index: their sum and count (missing ones left out), and the last one given. */
  values: Map<number, { sum: number; count: number; rows: number; last: number }>;
  covariates: Map<string, Map<number, number>>;
  events: Map<number, string | null>;
}

/** A forecaster for a stored artifact (its JSON text or the parsed object). */
export function loadForecaster(artifactJson: string | ForecastArtifact): Forecaster {
  const artifact = (typeof artifactJson === 'string' ? JSON.parse(artifactJson) : artifactJson) as ForecastArtifact;
  if (artifact?.kind !== 'forecast') throw new ForecastInputError('artifact', 'is not a Lathe forecast model (kind must be "forecast")');
  if (artifact.version !== 1) throw new ForecastInputError('artifact', `version ${String(artifact.version)} is newer than this runtime reads`);
  const ids = artifact.series.map((s) => s.id);
  return {
    artifact,
    series: ids,
    async forecast(request = {}) {
      const p = await prepare(artifact, request);
      return p.series.flatMap(({ index, end, model }) => pointsOf(artifact, artifact.series[index], end, model.forecast(p.horizon, p.levels), p.levels));
    },
    async features(request = {}) {
      if (artifact.model !== 'gbdt') throw new ForecastInputError('model', `feature rows are for gbdt models; this is ${artifact.model}`);
      return gbdtFeatureRows(artifact, (await prepare(artifact, request)).series);
    },
  };
}

async function prepare(a: ForecastArtifact, req: ForecastRequest): Promise<Prepared> {
  if (typeof req !== 'object' || req === null || Array.isArray(req)) throw new ForecastInputError('request', 'must be an object');
  const horizon = req.horizon ?? a.horizon;
  if (!Number.isInteger(horizon) || horizon < 1) throw new ForecastInputError('horizon', `must be a whole number of steps, at least 1 (got ${JSON.stringify(horizon)})`);
  const levels = req.levels ?? a.levels;
  if (!Array.isArray(levels) || levels.some((l) => typeof l !== 'number' || !(l > 0 && l < 100))) {
    throw new ForecastInputError('levels', `must be a list of percentages between 0 and 100 (got ${JSON.stringify(levels)})`);
  }
  const history = rowsOf(req.history, 'history');
  const future = rowsOf(req.future, 'future');
  const placed = a.series.map<SeriesRows>(() => ({ values: new Map(), covariates: new Map(), events: new Map() }));
  const seriesOf = seriesLookup(a);
  const rule = req.duplicates ?? 'error';
  if (!['error', 'sum', 'mean', 'last'].includes(rule)) throw new ForecastInputError('duplicates', `must be error, sum, mean or last (got ${JSON.stringify(rule)})`);
  history.forEach((row, i) => placeRow(a, placed, seriesOf, row, `history[${i}]`, rule));
  future.forEach((row, i) => placeRow(a, placed, seriesOf, row, `future[${i}]`, null));

  const chosen = chooseSeries(a, req.series, history.length > 0 ? new Set(history.map((r) => seriesOf(r, ''))) : null);
  // Each series ends where the fit ended or at its newest observed value, whichever is later: trailing rows
  // without a value (future rows in the history, as a dataset has them) carry covariates only.
  const ends = a.series.map((s, i) => Math.max(s.length, ...[...placed[i].values].filter(([, v]) => !Number.isNaN(combined(v, rule))).map(([k]) => k + 1)));
  const timelines = a.series.map((s, i) => timelineOf(a, s.start, placed[i], ends[i] + horizon));
  const members = await loadMembers(a, timelines);
  const series = chosen.map((i) => {
    const s = a.series[i];
    requireFuture(a, s.id, placed[i], ends[i], horizon);
    const newer = new Float64Array(ends[i] - s.length).fill(NaN);
    for (const [k, v] of placed[i].values) if (k >= s.length && k < ends[i]) newer[k - s.length] = combined(v, rule);
    return { index: i, end: ends[i], model: members[i].update(newer), timeline: timelines[i] };
  });
  return { horizon, levels, series };
}

function rowsOf(rows: unknown, field: string): ForecastRow[] {
  if (rows === undefined || rows === null) return [];
  if (!Array.isArray(rows)) throw new ForecastInputError(field, 'must be a list of rows');
  rows.forEach((r, i) => {
    if (typeof r !== 'object' || r === null || Array.isArray(r)) throw new ForecastInputError(`${field}[${i}]`, `${field}[${i}] must be an object of column values`);
  });
  return rows as ForecastRow[];
}

/** The value of a row under its short name (`t`, `y`, `series`) or the column's own name. */
function field(row: ForecastRow, short: string, column: string | null): unknown {
  if (short in row) return row[short];
  return column !== null && column in row ? row[column] : undefined;
}

/** Row → series position; a row naming no series belongs to the only series there is. */
function seriesLookup(a: ForecastArtifact): (row: ForecastRow, where: string) => number {
  const index = new Map(a.series.map((s, i) => [s.id, i]));
  return (row, where) => {
    const raw = field(row, 'series', a.columns.series);
    if (raw === undefined || raw === null) {
      if (a.series.length === 1) return 0;
      throw new ForecastInputError(`${where}.series`, `${where} names no series: give 'series'${a.columns.series ? ` or '${a.columns.series}'` : ''} (one of ${listIds(a)})`);
    }
    const i = index.get(String(raw));
    if (i === undefined) throw new ForecastInputError(`${where}.series`, `${where}: unknown series ${JSON.stringify(String(raw))}; the model knows ${listIds(a)}`);
    return i;
  };
}

const listIds = (a: ForecastArtifact) => a.series.slice(0, 10).map((s) => JSON.stringify(s.id)).join(', ') + (a.series.length > 10 ? `, … (${a.series.length} in all)` : '');

/** A history row's value joins the others at its time; a future row (rule null) carries covariates only. */
function placeRow(a: ForecastArtifact, placed: SeriesRows[], seriesOf: (r: ForecastRow, w: string) => number, row: ForecastRow, where: string, rule: DuplicateRule | null): void {
  const i = seriesOf(row, where);
  const s = a.series[i];
  const t = field(row, 't', a.columns.time);
  if (t === undefined || t === null || t === '') throw new ForecastInputError(`${where}.t`, `${where} has no time: give 't' or '${a.columns.time}'`);
  let ms: number;
  try {
    ms = parseTimestamp(t as string | number, 0);
  } catch {
    throw new ForecastInputError(`${where}.t`, `${where}.t: ${JSON.stringify(t)} is not a date or time`);
  }
  const k = gridIndex(a.frequency, s.start, ms);
  if (!Number.isFinite(k)) throw new ForecastInputError(`${where}.t`, `${where}.t: ${JSON.stringify(t)} falls between the points of a ${a.frequency} series`);
  const rows = placed[i];
  if (rule !== null) {
    const y = field(row, 'y', a.columns.target);
    if (y === undefined) throw new ForecastInputError(`${where}.y`, `${where} has no value: give 'y' or '${a.columns.target}' (null for a missing value)`);
    const v = numberOf(y, `${where}.y`);
    const seen = rows.values.get(k) ?? { sum: 0, count: 0, rows: 0, last: NaN };
    if (seen.rows > 0 && rule === 'error') {
      throw new ForecastInputError(`${where}.t`, `${where}.t: ${formatTimestamp(ms, a.frequency)} appears more than once${s.id ? ` for series ${JSON.stringify(s.id)}` : ''}; pass duplicates: sum, mean or last to combine them`);
    }
    if (!Number.isNaN(v)) (seen.sum += v), seen.count++;
    seen.rows++;
    seen.last = v;
    rows.values.set(k, seen);
  }
  for (const name of covariateNames(a)) {
    if (!(name in row)) continue;
    let m = rows.covariates.get(name);
    if (!m) rows.covariates.set(name, (m = new Map()));
    m.set(k, numberOf(row[name], `${where}.${name}`));
  }
  const ev = a.columns.events;
  if (ev !== null && ev in row) rows.events.set(k, row[ev] === null || row[ev] === '' ? null : String(row[ev]));
}

/** As buildSeries combines duplicates: missing values count only towards 'last'. */
function combined(v: { sum: number; count: number; last: number }, rule: DuplicateRule): number {
  if (rule === 'last') return v.last;
  if (v.count === 0) return NaN;
  return rule === 'mean' ? v.sum / v.count : v.sum;
}

function numberOf(v: unknown, where: string): number {
  if (v === null || v === '') return NaN;
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string' && Number.isFinite(Number(v.trim()))) return Number(v.trim());
  throw new ForecastInputError(where, `${where}: ${JSON.stringify(v)} is not a number`);
}

const covariateNames = (a: ForecastArtifact) => [...new Set([...a.columns.covariates, ...a.columns.futureCovariates])];

function chooseSeries(a: ForecastArtifact, asked: unknown, inHistory: Set<number> | null): number[] {
  if (asked === undefined) return inHistory ? [...inHistory].sort((x, y) => x - y) : a.series.map((_, i) => i);
  if (!Array.isArray(asked)) throw new ForecastInputError('series', 'must be a list of series ids');
  const index = new Map(a.series.map((s, i) => [s.id, i]));
  return asked.map((id) => {
    const i = index.get(String(id));
    if (i === undefined) throw new ForecastInputError('series', `unknown series ${JSON.stringify(String(id))}; the model knows ${listIds(a)}`);
    return i;
  });
}

/** Covariates and events along grid indices 0 .. length − 1, from the rows given (NaN / null elsewhere). */
function timelineOf(a: ForecastArtifact, start: number, rows: SeriesRows, length: number): Timeline {
  const known = new Set(a.columns.futureCovariates);
  const covariates = covariateNames(a).map((name) => {
    const values = new Float64Array(length).fill(NaN);
    for (const [k, v] of rows.covariates.get(name) ?? []) if (k >= 0 && k < length) values[k] = v;
    return { name, values, knownFuture: known.has(name) };
  });
  const events = Array.from({ length }, (_, k) => rows.events.get(k) ?? null);
  return makeTimeline({ frequency: a.frequency, start, covariates, events: a.columns.events === null ? undefined : events });
}

/** Known-future covariates must be given for every step forecast. */
function requireFuture(a: ForecastArtifact, id: string, rows: SeriesRows, end: number, horizon: number): void {
  for (const name of a.columns.futureCovariates) {
    const m = rows.covariates.get(name);
    for (let k = end; k < end + horizon; k++) {
      if (m?.has(k) && !Number.isNaN(m.get(k))) continue;
      const when = formatTimestamp(gridTimestamp(a.frequency, a.series.find((s) => s.id === id)!.start, k), a.frequency);
      throw new ForecastInputError(`future.${name}`, `future: '${name}' is needed at ${when}${id ? ` for series ${JSON.stringify(id)}` : ''} (known-future covariates must cover every forecast step)`);
    }
  }
}

function pointsOf(a: ForecastArtifact, s: ForecastArtifact['series'][number], end: number, fc: Forecast, levels: readonly number[]): ForecastPoint[] {
  return Array.from(fc.mean, (mean, j) => {
    const p: ForecastPoint = { series: s.id, t: new Date(gridTimestamp(a.frequency, s.start, end + j)).toISOString(), mean };
    for (const l of levels) {
      p[`lower${l}`] = fc.lower[l][j];
      p[`upper${l}`] = fc.upper[l][j];
    }
    return p;
  });
}

/** One model per artifact series, each on its own timeline. */
async function loadMembers(a: ForecastArtifact, timelines: Timeline[]): Promise<readonly ForecastModel[]> {
  if (a.global) {
    const family = GLOBAL_FAMILIES[a.model];
    if (!family) throw new ForecastInputError('artifact', `this runtime has no global forecast family '${a.model}'`);
    return (await family.fromJSON(a.global, timelines)).members;
  }
  const family = FORECAST_FAMILIES[a.model];
  if (!family || !a.perSeries) throw new ForecastInputError('artifact', `this runtime has no forecast family '${a.model}'`);
  return a.perSeries.map((json, i) => (FORECAST_FAMILIES[json.family] ?? family).fromJSON(json, timelines[i]));
}
