/**
 * The feature rows of the global boosted-trees forecaster, as pure functions of a series' (scaled) values and
 * its timeline. Training, the recursive forecast and the export bundle (which feeds the ONNX tree ensemble)
 * all build rows here, so the three can never disagree.
 */
import type { Frequency } from '../frequency';
import type { Timeline } from '../types';

export type CalendarPart = 'hour' | 'dayOfWeek' | 'month' | 'dayOfYear';
export type GbdtTarget = 'level' | 'difference';

/** Everything a feature row depends on besides the data: plain JSON, stored with the model. */
export interface FeatureSpec {
  /** Lags 1..lags of the scaled value. */
  lags: number;
  /** Rolling mean and standard deviation over the last w values, for each w. */
  windows: number[];
  calendar: CalendarPart[];
  /** In timeline order. Known-future ones are read at t and t − 1; past-only ones at t − 1 only. */
  covariates: { name: string; knownFuture: boolean }[];
  /** Event names seen in training: code i + 1; 0 = no event; an unseen name is missing. */
  events: string[];
  /** Categorical series index 0..seriesCount − 1. */
  seriesCount: number;
  /**
   * 'difference': the target is z_t − z_{t−1}, and lags k > 1 and rolling means are given relative to
   * z_{t−1}, so a pattern learned at one level applies at any other (trends, series of different levels).
   */
  target: GbdtTarget;
}

/** One series as the feature rows see it. */
export interface SeriesView {
  seriesIndex: number;
  timeline: Timeline;
  /** Scaled values: values[i] is grid index start + i (NaN = missing or not kept). */
  values: ArrayLike<number>;
  start: number;
  /** Values observed so far (grid indices 0..known − 1): past-only covariates past it carry the last known value. */
  known: number;
}

/** Calendar parts worth reading at each frequency (hour only below daily). */
export function calendarParts(frequency: Frequency): CalendarPart[] {
  switch (frequency) {
    case 'hourly': return ['hour', 'dayOfWeek', 'month', 'dayOfYear'];
    case 'daily': return ['dayOfWeek', 'month', 'dayOfYear'];
    case 'weekly': return ['month', 'dayOfYear'];
    case 'monthly':
    case 'quarterly': return ['month'];
    case 'yearly': return [];
  }
}

/** Values a series must keep to build the next row: its lags and its longest window. */
export function memoryOf(spec: FeatureSpec): number {
  return Math.max(1, spec.lags, ...spec.windows);
}

export function featureNames(spec: FeatureSpec): string[] {
  const names = ['series'];
  for (let k = 1; k <= spec.lags; k++) names.push(`lag ${k}`);
  for (const w of spec.windows) names.push(`mean ${w}`, `std ${w}`);
  names.push(...spec.calendar);
  for (const c of spec.covariates) {
    if (c.knownFuture) names.push(c.name);
    names.push(`${c.name} (t-1)`);
  }
  if (spec.events.length > 0) names.push('event', 'event (t-1)');
  return names;
}

/** Per feature: category count for the categorical ones (series, events), else 0 (the trainer's `categoryCounts`). */
export function categoryCounts(spec: FeatureSpec): number[] {
  const counts = featureNames(spec).map(() => 0);
  counts[0] = spec.seriesCount;
  if (spec.events.length > 0) counts[counts.length - 1] = counts[counts.length - 2] = spec.events.length + 1;
  return counts;
}

const valueAt = (s: SeriesView, i: number): number => {
  const j = i - s.start;
  return j >= 0 && j < s.values.length ? s.values[j] : NaN;
};

/** The target of grid index t, NaN where it cannot be formed. */
export function targetAt(spec: FeatureSpec, s: SeriesView, t: number): number {
  const z = valueAt(s, t);
  return spec.target === 'level' ? z : z - valueAt(s, t - 1);
}

/** The value a predicted target stands for at grid index t, given the values before t. */
export function levelFrom(spec: FeatureSpec, s: SeriesView, t: number, prediction: number): number {
  return spec.target === 'level' ? prediction : lastObservedBefore(s, t) + prediction;
}

/** z_{t−1}, or the latest observed value before it when it is missing (NaN when none is kept). */
function lastObservedBefore(s: SeriesView, t: number): number {
  for (let i = t - 1; i >= s.start; i--) {
    const v = valueAt(s, i);
    if (!Number.isNaN(v)) return v;
  }
  return NaN;
}

function calendarValue(part: CalendarPart, ms: number): number {
  const d = new Date(ms);
  switch (part) {
    case 'hour': return d.getUTCHours();
    case 'dayOfWeek': return d.getUTCDay();
    case 'month': return d.getUTCMonth() + 1;
    case 'dayOfYear': return Math.floor((ms - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86_400_000) + 1;
  }
}

function eventCode(spec: FeatureSpec, name: string | null): number {
  if (name === null) return 0;
  const i = spec.events.indexOf(name);
  return i < 0 ? NaN : i + 1;
}

/**
 * Writes the feature row of grid index t into out[at .. at + featureNames(spec).length). Reads values before t
 * only, covariates and events at t only when known in the future, past-only covariates at t − 1 (at most the
 * last known index), so a row never needs what is unknown when t is forecast.
 */
export function writeFeatureRow(spec: FeatureSpec, s: SeriesView, t: number, out: Float32Array | Float64Array, at: number): void {
  let c = at;
  out[c++] = s.seriesIndex;
  const anchor = spec.target === 'difference' ? valueAt(s, t - 1) : 0;
  for (let k = 1; k <= spec.lags; k++) out[c++] = k > 1 ? valueAt(s, t - k) - anchor : valueAt(s, t - 1);
  for (const w of spec.windows) {
    let sum = 0, sq = 0, n = 0;
    for (let k = 1; k <= w; k++) {
      const v = valueAt(s, t - k);
      if (Number.isNaN(v)) continue;
      sum += v;
      sq += v * v;
      n++;
    }
    const mean = n > 0 ? sum / n : NaN;
    out[c++] = mean - anchor;
    out[c++] = n > 1 ? Math.sqrt(Math.max(0, (sq - n * mean * mean) / (n - 1))) : NaN;
  }
  if (spec.calendar.length > 0) {
    const ms = s.timeline.time(t);
    for (const part of spec.calendar) out[c++] = calendarValue(part, ms);
  }
  for (const cov of spec.covariates) {
    if (cov.knownFuture) {
      out[c++] = s.timeline.covariate(cov.name, t);
      out[c++] = s.timeline.covariate(cov.name, t - 1);
    } else out[c++] = s.timeline.covariate(cov.name, Math.min(t - 1, s.known - 1));
  }
  if (spec.events.length > 0) {
    out[c++] = eventCode(spec, s.timeline.event(t));
    out[c++] = eventCode(spec, s.timeline.event(t - 1));
  }
}
