import type { MAPE_UNIT, SMAPE_UNIT } from '../../shared/metric-units';
import type { Forecast } from './types';

export interface IntervalScore {
  /** Share of actual values inside the interval. */
  coverage: number;
  /** Mean Winkler score: width + (2/α) × distance outside the interval. Lower is better. */
  winkler: number;
}

export interface Accuracy {
  mae: number;
  rmse: number;
  /** A fraction ({@link MAPE_UNIT}); actual values of 0 are left out. */
  mape: number;
  /** In percent ({@link SMAPE_UNIT}), 200|a − f| / (|a| + |f|). */
  smape: number;
  /** MAE over the in-sample MAE of the seasonal naive method. */
  mase: number;
  intervals: Record<number, IntervalScore>;
  /** Number of (actual, forecast) pairs scored. */
  n: number;
}

/** In-sample MAE of the seasonal naive method (naive when the series is too short for a season): MASE's scale. */
export function naiveScale(train: ArrayLike<number>, period: number): number {
  const m = train.length > period ? period : 1;
  let sum = 0;
  let n = 0;
  for (let t = m; t < train.length; t++) {
    const d = Math.abs(train[t] - train[t - m]);
    if (!Number.isNaN(d)) {
      sum += d;
      n++;
    }
  }
  return n > 0 ? sum / n : NaN;
}

/** Accumulates scored points, so that rolling-origin backtests can pool many forecasts. */
export class AccuracyAccumulator {
  private absErr = 0;
  private sqErr = 0;
  private ape = 0;
  private apeN = 0;
  private sape = 0;
  private scaled = 0;
  private n = 0;
  private readonly inside: Record<number, number> = {};
  private readonly winkler: Record<number, number> = {};

  constructor(private readonly levels: readonly number[]) {
    for (const l of levels) this.inside[l] = this.winkler[l] = 0;
  }

  /** One actual value against one forecast step; `scale` is MASE's denominator for this origin. */
  add(actual: number, fc: Forecast, step: number, scale: number): void {
    if (Number.isNaN(actual)) return;
    const f = fc.mean[step];
    const e = actual - f;
    this.absErr += Math.abs(e);
    this.sqErr += e * e;
    if (actual !== 0) {
      this.ape += Math.abs(e / actual);
      this.apeN++;
    }
    const denom = Math.abs(actual) + Math.abs(f);
    if (denom > 0) this.sape += (2 * Math.abs(e)) / denom;
    this.scaled += Math.abs(e) / scale;
    this.n++;
    for (const level of this.levels) {
      const lo = fc.lower[level][step];
      const hi = fc.upper[level][step];
      const alpha = 1 - level / 100;
      let w = hi - lo;
      if (actual < lo) w += (2 / alpha) * (lo - actual);
      else if (actual > hi) w += (2 / alpha) * (actual - hi);
      else this.inside[level]++;
      this.winkler[level] += w;
    }
  }

  result(): Accuracy {
    const n = this.n;
    const intervals: Record<number, IntervalScore> = {};
    for (const l of this.levels) intervals[l] = { coverage: this.inside[l] / n, winkler: this.winkler[l] / n };
    return {
      mae: this.absErr / n,
      rmse: Math.sqrt(this.sqErr / n),
      mape: this.ape / this.apeN,
      smape: (100 * this.sape) / n,
      mase: this.scaled / n,
      intervals,
      n,
    };
  }
}

/** Accuracy of one forecast against the values that followed the training data. */
export function accuracy(actual: ArrayLike<number>, fc: Forecast, train: ArrayLike<number>, period: number): Accuracy {
  const levels = Object.keys(fc.lower).map(Number);
  const acc = new AccuracyAccumulator(levels);
  const scale = naiveScale(train, period);
  for (let j = 0; j < actual.length; j++) acc.add(actual[j], fc, j, scale);
  return acc.result();
}
