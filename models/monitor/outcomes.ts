/**
 * Live metrics of a model: outcomes (what happened) joined by key to the predictions made, then
 * grouped into windows (UTC days, weeks from Monday, or every N rows) with 95 % intervals, so a
 * drop can be told from a small window's noise.
 */
import type { OutcomeJoinDto, OutcomeMetricDto, OutcomeWindowDto } from '../../shared/api/outcomes-dto';

export type OutcomeTask = 'regression' | 'classification';
export type OutcomeWindow = 'day' | 'week' | number;

/** One side of the join; numbers use NaN and labels null for missing; time is epoch ms (NaN: none). */
export interface OutcomeSide<V> {
  keys: readonly (string | null)[];
  values: readonly V[];
  time?: Float64Array;
}

export interface OutcomesInput {
  task: OutcomeTask;
  predictions: OutcomeSide<number | string | null>;
  outcomes: OutcomeSide<number | string | null>;
  window: OutcomeWindow;
}

export type OutcomesResult = OutcomeJoinDto;

export class OutcomesInputError extends Error {
  constructor(message: string, readonly field: string) {
    super(message);
  }
}

const Z = 1.959963984540054;
const DAY = 86_400_000;

interface Pair {
  predicted: number | string;
  actual: number | string;
  time: number;
}

const missing = (v: number | string | null): v is null => v === null || (typeof v === 'number' && Number.isNaN(v)) || v === '';

/** Mean with a normal 95 % interval; null bounds below two values. */
function meanInterval(xs: number[]): OutcomeMetricDto {
  const n = xs.length;
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  if (n < 2) return { value: mean, lower: null, upper: null };
  const variance = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1);
  const half = (Z * Math.sqrt(variance)) / Math.sqrt(n);
  return { value: mean, lower: mean - half, upper: mean + half };
}

/** Wilson score interval of a proportion (stays inside [0, 1], sound at 0 and n). */
export function wilson(successes: number, n: number): OutcomeMetricDto {
  const p = successes / n;
  if (n < 2) return { value: p, lower: null, upper: null };
  const z2 = Z * Z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (Z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { value: p, lower: Math.max(0, centre - half), upper: Math.min(1, centre + half) };
}

export function windowMetrics(task: OutcomeTask, pairs: readonly Pair[]): Record<string, OutcomeMetricDto> {
  if (task === 'classification') {
    let right = 0;
    for (const p of pairs) if (String(p.predicted) === String(p.actual)) right++;
    return { accuracy: wilson(right, pairs.length) };
  }
  const errors = pairs.map((p) => Number(p.predicted) - Number(p.actual));
  const squared = meanInterval(errors.map((e) => e * e));
  const root = (v: number | null) => (v === null ? null : Math.sqrt(Math.max(0, v)));
  return {
    mae: meanInterval(errors.map(Math.abs)),
    // The interval of the mean squared error, carried through the square root.
    rmse: { value: Math.sqrt(squared.value), lower: root(squared.lower), upper: root(squared.upper) },
    bias: meanInterval(errors),
  };
}

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Start of the UTC day or Monday-based week holding `ms`. */
export function windowStart(ms: number, by: 'day' | 'week'): number {
  const day = Math.floor(ms / DAY) * DAY;
  if (by === 'day') return day;
  const weekday = (new Date(day).getUTCDay() + 6) % 7; // Monday 0
  return day - weekday * DAY;
}

function join(input: OutcomesInput): { pairs: Pair[]; unmatched: number; awaiting: number; notes: string[] } {
  const p = input.predictions;
  const o = input.outcomes;
  if (p.keys.length !== p.values.length) throw new OutcomesInputError('Predictions: keys and values differ in length', 'predictions');
  if (o.keys.length !== o.values.length) throw new OutcomesInputError('Outcomes: keys and values differ in length', 'outcomes');
  const byKey = new Map<string, number>();
  let duplicates = 0;
  for (let i = 0; i < p.keys.length; i++) {
    const k = p.keys[i];
    if (k === null || k === '' || missing(p.values[i])) continue;
    if (byKey.has(k)) duplicates++;
    byKey.set(k, i); // the latest prediction of a key is the one acted on
  }
  const pairs: Pair[] = [];
  const used = new Set<string>();
  let unmatched = 0;
  let noActual = 0;
  for (let j = 0; j < o.keys.length; j++) {
    const k = o.keys[j];
    const actual = o.values[j];
    if (k === null || k === '') continue;
    if (missing(actual)) {
      noActual++;
      continue;
    }
    const i = byKey.get(k);
    if (i === undefined) {
      unmatched++;
      continue;
    }
    used.add(k);
    const t = o.time && Number.isFinite(o.time[j]) ? o.time[j] : p.time && Number.isFinite(p.time[i]) ? p.time[i] : Number.NaN;
    pairs.push({ predicted: p.values[i] as number | string, actual, time: t });
  }
  const notes: string[] = [];
  if (duplicates) notes.push(`${duplicates} prediction key(s) occur more than once: the last prediction of each is joined.`);
  if (noActual) notes.push(`${noActual} outcome(s) have no actual value: left out.`);
  if (unmatched) notes.push(`${unmatched} outcome(s) have no prediction with their key.`);
  return { pairs, unmatched, awaiting: byKey.size - used.size, notes };
}

function timeWindows(task: OutcomeTask, pairs: Pair[], by: 'day' | 'week', notes: string[]): OutcomeWindowDto[] {
  const timed = pairs.filter((p) => Number.isFinite(p.time));
  if (timed.length === 0) throw new OutcomesInputError(`Windows by ${by} need a time: no joined row has one (name a date column, or window by rows)`, 'time');
  if (timed.length < pairs.length) notes.push(`${pairs.length - timed.length} joined row(s) have no time: left out of the ${by} windows.`);
  const groups = new Map<number, Pair[]>();
  for (const p of timed) {
    const s = windowStart(p.time, by);
    const g = groups.get(s);
    if (g) g.push(p);
    else groups.set(s, [p]);
  }
  const length = by === 'day' ? DAY : 7 * DAY;
  return [...groups.keys()]
    .sort((a, b) => a - b)
    .map((s) => ({
      label: by === 'day' ? isoDay(s) : `week of ${isoDay(s)}`,
      start: s,
      end: s + length,
      n: groups.get(s)!.length,
      metrics: windowMetrics(task, groups.get(s)!),
    }));
}

function rowWindows(task: OutcomeTask, pairs: Pair[], size: number): OutcomeWindowDto[] {
  const allTimed = pairs.length > 0 && pairs.every((p) => Number.isFinite(p.time));
  // A stable sort: rows of one time keep the outcomes' order.
  const ordered = allTimed ? pairs.map((p, i) => ({ p, i })).sort((a, b) => a.p.time - b.p.time || a.i - b.i).map((x) => x.p) : pairs;
  const out: OutcomeWindowDto[] = [];
  for (let from = 0; from < ordered.length; from += size) {
    const chunk = ordered.slice(from, from + size);
    out.push({
      label: `rows ${(from + 1).toLocaleString('en-US')}–${(from + chunk.length).toLocaleString('en-US')}`,
      start: allTimed ? chunk[0].time : null,
      end: allTimed ? chunk[chunk.length - 1].time : null,
      n: chunk.length,
      metrics: windowMetrics(task, chunk),
    });
  }
  return out;
}

export function computeOutcomes(input: OutcomesInput): OutcomesResult {
  const { pairs, unmatched, awaiting, notes } = join(input);
  if (pairs.length === 0) throw new OutcomesInputError('No outcome matches a prediction: check that both datasets carry the same key values', 'key');
  if (input.task === 'regression') {
    const bad = pairs.find((p) => !Number.isFinite(Number(p.predicted)) || !Number.isFinite(Number(p.actual)));
    if (bad) throw new OutcomesInputError(`A regression model's outcomes must be numbers: got '${String(Number.isFinite(Number(bad.actual)) ? bad.predicted : bad.actual)}'`, 'actual');
  }
  const windows = typeof input.window === 'number' ? rowWindows(input.task, pairs, input.window) : timeWindows(input.task, pairs, input.window, notes);
  const overall: OutcomeWindowDto = { label: 'all', start: windows[0]?.start ?? null, end: windows[windows.length - 1]?.end ?? null, n: pairs.length, metrics: windowMetrics(input.task, pairs) };
  return { windows, overall, matched: pairs.length, unmatchedOutcomes: unmatched, awaitingOutcome: awaiting, notes };
}

export interface FloorCheck {
  /** The latest window's headline metric is on the wrong side of the floor. */
  breached: boolean;
  /** Its whole 95 % interval is on the wrong side (not a small window's noise). */
  confident: boolean;
  window: OutcomeWindowDto | null;
  value: number | null;
  reason: string;
}

/** Whether the latest window of a report falls past a floor (accuracy below it, rmse above it). */
export function checkFloor(windows: readonly OutcomeWindowDto[], metric: string, lowerIsBetter: boolean, floor: number): FloorCheck {
  const last = windows[windows.length - 1] ?? null;
  const m = last?.metrics[metric];
  if (!last || !m) return { breached: false, confident: false, window: last, value: null, reason: `No window has ${metric} yet.` };
  const worse = (v: number) => (lowerIsBetter ? v > floor : v < floor);
  const breached = worse(m.value);
  const edge = lowerIsBetter ? m.lower : m.upper;
  const confident = breached && edge !== null && worse(edge);
  const show = (v: number) => String(Number(v.toPrecision(4)));
  const side = lowerIsBetter ? 'above' : 'below';
  const reason = breached
    ? `${metric} ${show(m.value)} in ${last.label} (${last.n} rows) is ${side} the floor ${show(floor)}${confident ? ', its whole 95 % interval too' : ', though within its 95 % interval'}.`
    : `${metric} ${show(m.value)} in ${last.label} (${last.n} rows) is within the floor ${show(floor)}.`;
  return { breached, confident, window: last, value: m.value, reason };
}
