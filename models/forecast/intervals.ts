import { ForecastInputError } from './errors';
import { zForLevel } from './normal';
import type { Forecast } from './types';

export const DEFAULT_LEVELS: readonly number[] = [80, 95];

export function checkHorizon(h: number): void {
  if (!Number.isInteger(h) || h < 1) throw new ForecastInputError('horizon', `must be a whole number of steps, at least 1 (got ${h})`);
}

export function checkLevels(levels: readonly number[]): void {
  for (const l of levels) {
    if (!(l > 0 && l < 100)) throw new ForecastInputError('levels', `each level is a percentage between 0 and 100 (got ${l})`);
  }
}

/** Normal intervals mean ± z·sd for each level. */
export function normalForecast(mean: Float64Array, sd: Float64Array, levels: readonly number[]): Forecast {
  checkLevels(levels);
  const lower: Record<number, Float64Array> = {};
  const upper: Record<number, Float64Array> = {};
  for (const level of levels) {
    const z = zForLevel(level);
    lower[level] = mean.map((m, j) => m - z * sd[j]);
    upper[level] = mean.map((m, j) => m + z * sd[j]);
  }
  return { mean, lower, upper };
}

/** Intervals from the empirical quantiles of simulated paths (`paths[p * h + j]`, step j of path p). */
export function simulatedForecast(mean: Float64Array, paths: Float64Array, nPaths: number, levels: readonly number[]): Forecast {
  checkLevels(levels);
  const h = mean.length;
  const lower: Record<number, Float64Array> = {};
  const upper: Record<number, Float64Array> = {};
  for (const level of levels) {
    lower[level] = new Float64Array(h);
    upper[level] = new Float64Array(h);
  }
  const column = new Float64Array(nPaths);
  for (let j = 0; j < h; j++) {
    for (let p = 0; p < nPaths; p++) column[p] = paths[p * h + j];
    column.sort();
    for (const level of levels) {
      const a = (1 - level / 100) / 2;
      lower[level][j] = quantileSorted(column, a);
      upper[level][j] = quantileSorted(column, 1 - a);
    }
  }
  return { mean, lower, upper };
}

/** Linear interpolation between order statistics (type 7, as R and numpy default). */
function quantileSorted(sorted: Float64Array, p: number): number {
  const x = p * (sorted.length - 1);
  const i = Math.floor(x);
  const f = x - i;
  return i + 1 < sorted.length ? sorted[i] * (1 - f) + sorted[i + 1] * f : sorted[i];
}

/**
 * Members' forecasts combined: the equal-weight mean, and each level's interval the envelope of the members'
 * intervals (lowest lower bound, highest upper bound; Gaba, Tsetlin & Winkler 2017). Averaging the bounds
 * instead would shrink the interval towards one member's spread and drop the members' disagreement, the
 * model uncertainty a combination exists for; the envelope holds the mean, as every member's interval holds
 * its own mean.
 */
export function combineForecasts(parts: readonly Forecast[], levels: readonly number[]): Forecast {
  const h = parts[0].mean.length;
  const mean = new Float64Array(h);
  for (const f of parts) for (let j = 0; j < h; j++) mean[j] += f.mean[j] / parts.length;
  const lower: Record<number, Float64Array> = {};
  const upper: Record<number, Float64Array> = {};
  for (const l of levels) {
    lower[l] = Float64Array.from({ length: h }, (_, j) => Math.min(...parts.map((f) => f.lower[l][j])));
    upper[l] = Float64Array.from({ length: h }, (_, j) => Math.max(...parts.map((f) => f.upper[l][j])));
  }
  return { mean, lower, upper };
}

/** A forecast with every array passed through f (re-seasonalising, back-transforming). */
export function mapForecast(fc: Forecast, f: (v: number, step: number) => number): Forecast {
  const map = (a: Float64Array) => a.map((v, j) => f(v, j));
  const lower: Record<number, Float64Array> = {};
  const upper: Record<number, Float64Array> = {};
  for (const k of Object.keys(fc.lower)) {
    lower[Number(k)] = map(fc.lower[Number(k)]);
    upper[Number(k)] = map(fc.upper[Number(k)]);
  }
  return { mean: map(fc.mean), lower, upper };
}

/**
 * How far each actual value fell from the forecast, in units of the forecast's own `level` interval: the
 * distance from the mean over the half-width on that side (intervals of log models are not symmetric),
 * times z of that level — so a well-calibrated normal forecast gives |N(0, 1)| scores. Missing actual values
 * are skipped.
 */
export function intervalScores(origins: readonly { forecast: Forecast; actual: ArrayLike<number> }[], level: number): number[] {
  const z = zForLevel(level);
  const scores: number[] = [];
  for (const { forecast, actual } of origins) {
    for (let j = 0; j < actual.length; j++) {
      const a = actual[j];
      const mean = forecast.mean[j];
      const half = a >= mean ? forecast.upper[level][j] - mean : mean - forecast.lower[level][j];
      if (Number.isNaN(a) || !(half > 0)) continue;
      scores.push((z * Math.abs(a - mean)) / half);
    }
  }
  return scores.sort((p, q) => p - q);
}

/** Scores below which a level's intervals are left as the model made them: too few to estimate a 95 % quantile. */
export const MIN_CALIBRATION_SCORES = 20;

/**
 * Split-conformal widening: the ⌈(n + 1)·level⌉-th smallest score (the largest when n is too small for that)
 * over z of the level. Never below 1: intervals are widened where the backtest saw them cover too little,
 * never narrowed.
 */
export function conformalFactor(sortedScores: readonly number[], level: number): number {
  const n = sortedScores.length;
  if (n < MIN_CALIBRATION_SCORES) return 1;
  const k = Math.min(n, Math.ceil(((n + 1) * level) / 100));
  return Math.max(1, sortedScores[k - 1] / zForLevel(level));
}

/** Every level's interval stretched about the mean by that level's conformal factor. */
export function widenIntervals(fc: Forecast, sortedScores: readonly number[]): Forecast {
  const lower: Record<number, Float64Array> = {};
  const upper: Record<number, Float64Array> = {};
  for (const key of Object.keys(fc.lower)) {
    const level = Number(key);
    const f = conformalFactor(sortedScores, level);
    lower[level] = fc.lower[level].map((v, j) => fc.mean[j] - f * (fc.mean[j] - v));
    upper[level] = fc.upper[level].map((v, j) => fc.mean[j] + f * (v - fc.mean[j]));
  }
  return { mean: fc.mean, lower, upper };
}
