/**
 * The network's input windows and targets, as pure functions of a series' values and its timeline. Training,
 * the validation tail, the forecast and the exported model's documentation all build windows here, so they
 * cannot disagree.
 *
 * A window is `window` past steps, then — only when there are known-future covariates — `futureSteps` forecast
 * steps that carry those covariates with a zero value channel and a flag. Each step's channels: the value
 * (scaled by the series' training mean and std, then taken relative to the window's last observed value),
 * sin/cos of the dominant season's phase, every covariate (scaled), and the forecast-step flag.
 * Values relative to the last one let a trending series leave the range it was trained on, which a network
 * fitted on levels cannot (its tanh units saturate).
 */
import type { Frequency } from '../frequency';
import type { Timeline } from '../types';
import { seasonPhase } from './calendar';

/** Everything a window depends on besides the data: plain JSON, stored with the model. */
export interface WindowSpec {
  window: number;
  /** Values the network outputs per window: the horizon (direct) or 1 (recursive). */
  outputs: number;
  /** Forecast steps appended to carry known-future covariates: `outputs` when there are any, else 0. */
  futureSteps: number;
  frequency: Frequency;
  /** Calendar channels follow this season; ≤ 1: none. */
  period: number;
  /** In timeline order, with the scaling fitted on the training values of every series. */
  covariates: { name: string; knownFuture: boolean; mean: number; std: number }[];
}

export interface Scale {
  mean: number;
  std: number;
}

export const stepsOf = (s: WindowSpec): number => s.window + s.futureSteps;
const hasCalendar = (s: WindowSpec): boolean => s.period > 1;

export function channelNames(s: WindowSpec): string[] {
  return [
    'value (scaled, minus the last observed)',
    ...(hasCalendar(s) ? [`sin season(${s.period})`, `cos season(${s.period})`] : []),
    ...s.covariates.map((c) => `${c.name} (scaled)`),
    ...(s.futureSteps > 0 ? ['forecast step'] : []),
  ];
}

export const channelsOf = (s: WindowSpec): number => channelNames(s).length;

/** Mean and std of values[0 .. end) (NaN skipped); a constant or empty series gets std 1. */
export function scaleOf(values: ArrayLike<number>, end: number): Scale {
  let n = 0, sum = 0, sq = 0;
  for (let i = 0; i < end; i++) {
    const v = values[i];
    if (Number.isNaN(v)) continue;
    n++;
    sum += v;
    sq += v * v;
  }
  const mean = n > 0 ? sum / n : 0;
  const std = n > 1 ? Math.sqrt(Math.max(0, sq / n - mean * mean)) : 0;
  return { mean, std: std > 1e-12 * Math.max(1, Math.abs(mean)) ? std : 1 };
}

/** Covariate scaling over every series' training range. */
export function covariateScales(series: readonly { timeline: Timeline; end: number }[], names: readonly string[]): Scale[] {
  return names.map((name) => {
    const all: number[] = [];
    for (const s of series) for (let i = 0; i < s.end; i++) all.push(s.timeline.covariate(name, i));
    return scaleOf(all, all.length);
  });
}

/** The last non-missing value, NaN when there is none. */
export function lastObserved(values: ArrayLike<number>): number {
  for (let i = values.length - 1; i >= 0; i--) if (!Number.isNaN(values[i])) return values[i];
  return NaN;
}

/** The scaled value every window value and target is taken relative to (0, the series mean, when none is observed). */
export function anchorOf(past: ArrayLike<number>, scale: Scale): number {
  const last = lastObserved(past);
  return Number.isNaN(last) ? 0 : (last - scale.mean) / scale.std;
}

const finiteOr0 = (v: number): number => (Number.isFinite(v) ? v : 0);

/**
 * Writes one window at out[offset ..]: `past` holds the raw values of grid indices pastStart .. pastStart +
 * window − 1 (NaN = missing, written as the anchor itself).
 */
export function fillInput(spec: WindowSpec, out: Float32Array, offset: number, past: ArrayLike<number>, pastStart: number, scale: Scale, timeline: Timeline): void {
  const channels = channelsOf(spec);
  const anchor = anchorOf(past, scale);
  const steps = stepsOf(spec);
  for (let s = 0; s < steps; s++) {
    const i = pastStart + s;
    const isPast = s < spec.window;
    let o = offset + s * channels;
    out[o++] = isPast ? finiteOr0((past[s] - scale.mean) / scale.std - anchor) : 0;
    if (hasCalendar(spec)) {
      const angle = 2 * Math.PI * seasonPhase(spec.frequency, spec.period, timeline.time(i), i);
      out[o++] = Math.sin(angle);
      out[o++] = Math.cos(angle);
    }
    for (const c of spec.covariates) out[o++] = isPast || c.knownFuture ? finiteOr0((timeline.covariate(c.name, i) - c.mean) / c.std) : 0;
    if (spec.futureSteps > 0) out[o++] = isPast ? 0 : 1;
  }
}

/** One series as training sees it: values from grid index 0, its scaling, and where its validation tail starts. */
export interface SeriesData {
  y: Float64Array;
  timeline: Timeline;
  scale: Scale;
  /** Targets at indices ≥ cut are the validation tail; training targets lie before it. */
  cut: number;
}

export interface Origin {
  series: number;
  /** Grid index of the first forecast step; the window reads t − window .. t − 1. */
  t: number;
}

export type Part = 'train' | 'valid';

function targetCounts(d: SeriesData, part: Part, i: number): boolean {
  if (i >= d.y.length || Number.isNaN(d.y[i])) return false;
  return part === 'train' ? i < d.cut : i >= d.cut;
}

function hasObserved(y: Float64Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!Number.isNaN(y[i])) return true;
  return false;
}

/**
 * Origins whose window has an observed value and whose next `span` steps hold at least one target of `part`.
 * Training origins see only training targets; validation origins may read training values but score only
 * the tail, so no value is ever both learned and scored.
 */
export function originsOf(spec: WindowSpec, data: readonly SeriesData[], part: Part, span: number): Origin[] {
  const out: Origin[] = [];
  data.forEach((d, series) => {
    const first = part === 'train' ? spec.window : Math.max(spec.window, d.cut - span + 1);
    const last = part === 'train' ? d.cut - 1 : d.y.length - 1;
    for (let t = first; t <= last; t++) {
      if (!hasObserved(d.y, t - spec.window, t)) continue;
      let any = false;
      for (let j = 0; j < span && !any; j++) any = targetCounts(d, part, t + j);
      if (any) out.push({ series, t });
    }
  });
  return out;
}

/** Inputs [count, steps, channels], scaled targets [count, outputs] and their 0/1 mask (only `part`'s targets count). */
export interface WindowSet {
  x: Float32Array;
  y: Float32Array;
  mask: Float32Array;
  count: number;
}

export function buildWindows(spec: WindowSpec, data: readonly SeriesData[], origins: readonly Origin[], part: Part): WindowSet {
  const inSize = stepsOf(spec) * channelsOf(spec);
  const k = spec.outputs;
  const set: WindowSet = { x: new Float32Array(origins.length * inSize), y: new Float32Array(origins.length * k), mask: new Float32Array(origins.length * k), count: origins.length };
  origins.forEach(({ series, t }, r) => {
    const d = data[series];
    const past = d.y.subarray(t - spec.window, t);
    fillInput(spec, set.x, r * inSize, past, t - spec.window, d.scale, d.timeline);
    const anchor = anchorOf(past, d.scale);
    for (let j = 0; j < k; j++) {
      if (!targetCounts(d, part, t + j)) continue;
      set.y[r * k + j] = (d.y[t + j] - d.scale.mean) / d.scale.std - anchor;
      set.mask[r * k + j] = 1;
    }
  });
  return set;
}

/** Network outputs for `count` windows laid out as `fillInput` writes them: [count, outputs], scaled and relative. */
export type PredictWindows = (x: Float32Array, count: number) => Float32Array;

/** Where a forecast starts: the last `window` raw values before it and the grid index of the first of them. */
export interface ForecastStart {
  past: ArrayLike<number>;
  pastStart: number;
  scale: Scale;
  timeline: Timeline;
}

/**
 * The next h raw values after each start: one pass of the network (direct, h ≤ outputs) or h passes, each
 * forecast fed back as the newest value (recursive, one output). All starts go through the network together.
 */
export function forecastPaths(spec: WindowSpec, predict: PredictWindows, starts: readonly ForecastStart[], h: number): Float64Array[] {
  const inSize = stepsOf(spec) * channelsOf(spec);
  const paths = starts.map(() => new Float64Array(h));
  const pasts = starts.map((s) => Float64Array.from(s.past));
  const x = new Float32Array(starts.length * inSize);
  const passes = spec.outputs >= h ? 1 : h;
  const perPass = passes === 1 ? h : 1;
  if (passes > 1 && spec.outputs !== 1) throw new Error(`a direct network forecasts at most ${spec.outputs} steps`);
  for (let pass = 0; pass < passes; pass++) {
    starts.forEach((s, r) => fillInput(spec, x, r * inSize, pasts[r], s.pastStart + pass, s.scale, s.timeline));
    const out = predict(x, starts.length);
    starts.forEach((s, r) => {
      const anchor = anchorOf(pasts[r], s.scale);
      for (let j = 0; j < perPass; j++) paths[r][pass + j] = (out[r * spec.outputs + j] + anchor) * s.scale.std + s.scale.mean;
      if (passes > 1) {
        pasts[r].copyWithin(0, 1);
        pasts[r][pasts[r].length - 1] = paths[r][pass];
      }
    });
  }
  return paths;
}
