/**
 * The columns of the decomposable model, as Prophet builds them: time scaled to [0, 1] over the history,
 * piecewise-linear trend ramps at candidate changepoints, Fourier terms per season on the real calendar,
 * one indicator per holiday name and the standardized known-future covariates.
 */
import { ForecastInputError } from '../errors';
import type { Frequency } from '../frequency';
import type { Timeline } from '../types';
import type { DecomposableParams } from './params';

const DAY_MS = 86_400_000;

/** Average length of one grid step in days, so a period counted in steps becomes a period on the calendar. */
const STEP_DAYS: Record<Frequency, number> = { hourly: 1 / 24, daily: 1, weekly: 7, monthly: 365.25 / 12, quarterly: 365.25 / 4, yearly: 365.25 };

export interface Seasonality {
  /** 'yearly', 'weekly', 'daily', or 'season P' for other periods. */
  name: string;
  /** Period in grid steps, as given (may be fractional). */
  period: number;
  periodDays: number;
  /** Sine/cosine pairs. */
  order: number;
}

export interface Regressor {
  name: string;
  /** Standardization over the observed history; a missing value counts as the mean. */
  mean: number;
  sd: number;
}

export interface Design {
  /** Epoch ms of index 0 and the span of the history (index n − 1 minus index 0); t = (time − t0) / span. */
  t0: number;
  span: number;
  changepoints: { index: number; t: number }[];
  seasonalities: Seasonality[];
  holidays: string[];
  regressors: Regressor[];
}

/** What the design left out, for describe(). */
export interface DesignNotes {
  droppedPeriods: number[];
  pastOnlyCovariates: string[];
  constantCovariates: string[];
}

const near = (a: number, b: number) => Math.abs(a / b - 1) < 0.03;

function seasonName(periodDays: number, period: number): string {
  if (near(periodDays, 365.25)) return 'yearly';
  if (near(periodDays, 7)) return 'weekly';
  if (near(periodDays, 1)) return 'daily';
  return `season ${period}`;
}

const DEFAULT_ORDER: Record<string, number> = { yearly: 10, weekly: 3, daily: 4 };

export function scaledTime(d: Design, timeline: Timeline, i: number): number {
  return (timeline.time(i) - d.t0) / d.span;
}

export function featureCount(d: Design): number {
  return seasonalCount(d) + d.holidays.length + d.regressors.length;
}

export function seasonalCount(d: Design): number {
  return d.seasonalities.reduce((s, x) => s + 2 * x.order, 0);
}

/** Writes row i's features into `out` (length featureCount): seasons (sin 1, cos 1, sin 2, …), holidays, regressors. */
export function featureRow(d: Design, timeline: Timeline, i: number, out: Float64Array): void {
  let c = 0;
  const days = timeline.time(i) / DAY_MS;
  for (const s of d.seasonalities) {
    for (let k = 1; k <= s.order; k++) {
      const a = (2 * Math.PI * k * days) / s.periodDays;
      out[c++] = Math.sin(a);
      out[c++] = Math.cos(a);
    }
  }
  const event = d.holidays.length ? timeline.event(i) : null;
  for (const h of d.holidays) out[c++] = event === h ? 1 : 0;
  for (const r of d.regressors) {
    const v = timeline.covariate(r.name, i);
    out[c++] = Number.isNaN(v) ? 0 : (v - r.mean) / r.sd;
  }
}

/** Trend ramps max(0, t − s_j): the rate change at changepoint j acts from there on. */
export function rampRow(d: Design, t: number, out: Float64Array): void {
  for (let j = 0; j < d.changepoints.length; j++) out[j] = Math.max(0, t - d.changepoints[j].t);
}

/** Candidate changepoints as Prophet places them: evenly over the first `range` share of the history, index 0 excluded. */
function placeChangepoints(n: number, count: number, range: number): number[] {
  const histSize = Math.floor(n * range);
  const c = Math.min(count, Math.max(0, histSize - 1));
  if (c === 0) return [];
  const idx: number[] = [];
  for (let j = 1; j <= c; j++) idx.push(Math.round(((histSize - 1) * j) / c));
  return idx;
}

export function planDesign(
  y: Float64Array,
  timeline: Timeline,
  periods: readonly number[],
  params: DecomposableParams,
): { design: Design; notes: DesignNotes } {
  const n = y.length;
  const t0 = timeline.time(0);
  const span = timeline.time(n - 1) - t0;
  if (!(span > 0)) throw new ForecastInputError('timeline', 'its times must increase along the series');
  const observed: number[] = [];
  for (let i = 0; i < n; i++) if (!Number.isNaN(y[i])) observed.push(i);

  const changepoints = placeChangepoints(n, params.changepoints, params.changepointRange).map((index) => ({
    index,
    t: (timeline.time(index) - t0) / span,
  }));

  const seasonalities: Seasonality[] = [];
  const droppedPeriods: number[] = [];
  for (const period of periods) {
    if (!(period > 1) || !Number.isFinite(period)) throw new ForecastInputError('seasonalPeriods', `each period must be above 1 step (got ${period})`);
    // A season longer than the history cannot be told apart from the trend.
    if (period > n) {
      droppedPeriods.push(period);
      continue;
    }
    const periodDays = period * STEP_DAYS[timeline.frequency];
    const name = seasonName(periodDays, period);
    const wanted = params.fourierOrder > 0 ? params.fourierOrder : (DEFAULT_ORDER[name] ?? 5);
    // The grid resolves at most period / 2 cycles per season (Nyquist).
    const order = Math.max(1, Math.min(wanted, Math.floor(period / 2)));
    seasonalities.push({ name, period, periodDays, order });
  }

  const holidays: string[] = [];
  for (const i of observed) {
    const e = timeline.event(i);
    if (e !== null && !holidays.includes(e)) holidays.push(e);
  }

  const regressors: Regressor[] = [];
  const pastOnlyCovariates: string[] = [];
  const constantCovariates: string[] = [];
  for (const name of timeline.covariates) {
    if (!timeline.knownFuture.has(name)) {
      pastOnlyCovariates.push(name);
      continue;
    }
    let s = 0, ss = 0, m = 0;
    for (const i of observed) {
      const v = timeline.covariate(name, i);
      if (Number.isNaN(v)) continue;
      s += v;
      ss += v * v;
      m++;
    }
    const mean = m ? s / m : 0;
    const sd = m > 1 ? Math.sqrt(Math.max(0, ss / m - mean * mean)) : 0;
    if (!(sd > 1e-12 * Math.max(1, Math.abs(mean)))) {
      constantCovariates.push(name);
      continue;
    }
    regressors.push({ name, mean, sd });
  }

  return {
    design: { t0, span, changepoints, seasonalities, holidays, regressors },
    notes: { droppedPeriods, pastOnlyCovariates, constantCovariates },
  };
}
