import { ForecastInputError } from './errors';
import { detectFrequency, type Frequency, gridIndex, gridTimestamp, SEASONAL_PERIODS } from './frequency';

export type { Frequency } from './frequency';

/** What to do with several values at one grid point. */
export type DuplicateRule = 'error' | 'sum' | 'mean' | 'last';

export type TimestampInput = number | string | Date;

export interface SeriesInput {
  /** Epoch milliseconds, ISO-like text ('1958-03', '1958-03-01', '1958-03-01 12:00') read as UTC, or Dates. */
  timestamps: ArrayLike<TimestampInput>;
  /** Numbers, numeric text, or null / NaN / '' for missing. */
  values: ArrayLike<unknown>;
  /** Default 'error'. */
  duplicates?: DuplicateRule;
}

export interface Gap {
  /** First missing grid timestamp (ms). */
  start: number;
  /** Missing grid points in a row. */
  length: number;
}

export interface Duplicate {
  timestamp: number;
  count: number;
}

export interface RegularSeries {
  frequency: Frequency;
  /** One per grid point, evenly spaced in the frequency's calendar (ms, UTC). */
  timestamps: Float64Array;
  /** NaN where the grid point had no value (a gap) or a missing value. */
  values: Float64Array;
  gaps: Gap[];
  /** Grid points that had several values, aggregated by `duplicateRule`. */
  duplicates: Duplicate[];
  duplicateRule: DuplicateRule;
  /** Seasonal periods the frequency suggests, the dominant one first (may be fractional: 365.25, 52.18). */
  seasonalPeriods: number[];
  /** Non-missing values. */
  observed: number;
}

/** Builds a regular series: detects the frequency, places each value on the grid, fills gaps with NaN. */
export function buildSeries(input: SeriesInput): RegularSeries {
  const n = input.timestamps.length;
  const rule = input.duplicates ?? 'error';
  if (input.values.length !== n) {
    throw new ForecastInputError('values', `has ${input.values.length} values for ${n} timestamps`);
  }
  const ms = new Float64Array(n);
  for (let i = 0; i < n; i++) ms[i] = parseTimestamp(input.timestamps[i], i);
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => ms[a] - ms[b] || a - b);
  const frequency = detectFrequency(order.map((i) => ms[i]));
  const origin = ms[order[0]];
  const index = new Int32Array(n);
  for (const i of order) {
    const k = gridIndex(frequency, origin, ms[i]);
    if (!Number.isFinite(k)) {
      throw new ForecastInputError('timestamps', `${formatTimestamp(ms[i], 'hourly')} (row ${i + 1}) falls between the points of a ${frequency} series`);
    }
    index[i] = k;
  }
  const length = index[order[n - 1]] + 1;
  const sum = new Float64Array(length);
  const count = new Int32Array(length); // values seen at the point, missing ones included
  const numeric = new Int32Array(length); // non-missing values among them
  const last = new Float64Array(length).fill(NaN);
  for (const i of order) {
    const k = index[i];
    const v = parseValue(input.values[i], i, ms[i], frequency);
    if (count[k] > 0 && rule === 'error') {
      throw new ForecastInputError(
        'timestamps',
        `${formatTimestamp(ms[i], frequency)} appears more than once (rows ${order.filter((j) => index[j] === k).map((j) => j + 1).join(', ')}); ` +
          `choose how to combine duplicates: sum, mean or last`,
      );
    }
    count[k]++;
    last[k] = v;
    if (!Number.isNaN(v)) {
      sum[k] += v;
      numeric[k]++;
    }
  }
  const values = new Float64Array(length);
  const timestamps = new Float64Array(length);
  const gaps: Gap[] = [];
  const duplicates: Duplicate[] = [];
  let observed = 0;
  for (let k = 0; k < length; k++) {
    timestamps[k] = gridTimestamp(frequency, origin, k);
    if (count[k] === 0) {
      if (k > 0 && count[k - 1] === 0) gaps[gaps.length - 1].length++;
      else gaps.push({ start: timestamps[k], length: 1 });
    }
    if (count[k] > 1) duplicates.push({ timestamp: timestamps[k], count: count[k] });
    values[k] = numeric[k] === 0 ? NaN : rule === 'sum' ? sum[k] : rule === 'mean' ? sum[k] / numeric[k] : last[k];
    if (!Number.isNaN(values[k])) observed++;
  }
  if (observed === 0) throw new ForecastInputError('values', 'has no numeric values');
  return { frequency, timestamps, values, gaps, duplicates, duplicateRule: rule, seasonalPeriods: [...SEASONAL_PERIODS[frequency]], observed };
}

/** The `h` grid timestamps after the series' last point. */
export function futureTimestamps(series: RegularSeries, h: number): Float64Array {
  const out = new Float64Array(h);
  const n = series.timestamps.length;
  for (let j = 0; j < h; j++) out[j] = gridTimestamp(series.frequency, series.timestamps[0], n + j);
  return out;
}

export interface ForecastRequest {
  horizon: number;
  /** Default: the series' dominant seasonal period, rounded, or 1 (none). */
  seasonalPeriod?: number;
}

/**
 * Checks that a series can be forecast as asked and returns the integer seasonal period to use.
 * A seasonal model needs two full seasons to tell the season from the level.
 */
export function checkForecastRequest(series: Pick<RegularSeries, 'values' | 'seasonalPeriods'>, req: ForecastRequest): number {
  const { horizon } = req;
  if (!Number.isInteger(horizon) || horizon < 1) {
    throw new ForecastInputError('horizon', `must be a whole number of steps, at least 1 (got ${horizon})`);
  }
  const period = req.seasonalPeriod ?? Math.round(series.seasonalPeriods[0] ?? 1);
  if (!Number.isInteger(period) || period < 1) {
    throw new ForecastInputError('seasonalPeriod', `must be a whole number of steps, at least 1 (got ${period})`);
  }
  const n = series.values.length;
  if (n < 3) throw new ForecastInputError('values', `has ${n} points; forecasting needs at least 3`);
  if (period > 1 && n < 2 * period) {
    throw new ForecastInputError(
      'seasonalPeriod',
      `the series has ${n} points, fewer than two seasons of ${period} (${2 * period}); use a longer series or seasonal period 1`,
    );
  }
  return period;
}

const ISO_LIKE = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

export function parseTimestamp(v: TimestampInput, row: number): number {
  let ms = NaN;
  if (v instanceof Date) ms = v.getTime();
  else if (typeof v === 'number') ms = v;
  else if (typeof v === 'string') ms = parseDateText(v.trim());
  if (!Number.isFinite(ms)) throw new ForecastInputError('timestamps', `row ${row + 1}: ${JSON.stringify(v)} is not a date or time`);
  return ms;
}

function parseDateText(s: string): number {
  const m = ISO_LIKE.exec(s);
  if (!m) return NaN;
  if (m[8]) return Date.parse(s.replace(' ', 'T'));
  // Text without a zone is read as UTC so that daily data never meets a DST shift.
  const [y, mo = 1, d = 1, h = 0, mi = 0, sec = 0] = m.slice(1, 7).map((x) => (x === undefined ? undefined : Number(x)));
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return NaN;
  return Date.UTC(y!, mo - 1, d, h, mi, sec, m[7] ? Number(`0.${m[7]}`) * 1000 : 0);
}

function parseValue(v: unknown, row: number, ms: number, freq: Frequency): number {
  if (v === null || v === undefined || v === '') return NaN;
  if (typeof v === 'number') return v;
  if (typeof v === 'string') {
    const x = Number(v.trim());
    if (v.trim() !== '' && Number.isFinite(x)) return x;
  }
  throw new ForecastInputError('values', `row ${row + 1} (${formatTimestamp(ms, freq)}): ${JSON.stringify(v)} is not a number`);
}

/** A timestamp as short as its frequency allows: 1958-03, 1958-Q1, 1958, 1958-03-01 12:00. */
export function formatTimestamp(ms: number, freq: Frequency): string {
  const iso = new Date(ms).toISOString();
  switch (freq) {
    case 'yearly':
      return iso.slice(0, 4);
    case 'quarterly':
      return `${iso.slice(0, 4)}-Q${Math.floor(new Date(ms).getUTCMonth() / 3) + 1}`;
    case 'monthly':
      return iso.slice(0, 7);
    case 'daily':
    case 'weekly':
      return iso.slice(11, 23) === '00:00:00.000' ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
    default:
      return `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
  }
}
