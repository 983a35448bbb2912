import { AccuracyAccumulator, type Accuracy, naiveScale } from './accuracy';
import { ForecastInputError } from './errors';
import { checkHorizon, DEFAULT_LEVELS } from './intervals';
import type { Forecast, Forecaster } from './types';

export type { Accuracy, IntervalScore } from './accuracy';
export { accuracy, naiveScale } from './accuracy';

export interface BacktestOptions {
  horizon: number;
  /** Number of forecast origins. */
  windows: number;
  /** Steps between consecutive origins; default 1. */
  step?: number;
  levels?: readonly number[];
  /** MASE's seasonal naive scale; default 1. */
  seasonalPeriod?: number;
  /**
   * 'once' (default): fit at the first origin, then move the state on with `update` (parameters fixed);
   * 'every': refit on all data before each origin.
   */
  refit?: 'once' | 'every';
}

export interface BacktestOrigin {
  /** Index of the first forecast value: the model saw y[0 .. origin − 1] only. */
  origin: number;
  forecast: Forecast;
  actual: Float64Array;
}

export interface StepAccuracy extends Accuracy {
  /** 1-based steps ahead. */
  step: number;
}

export interface BacktestResult {
  origins: BacktestOrigin[];
  /** Pooled over every origin and step. */
  overall: Accuracy;
  /** Pooled over origins, one per step ahead. */
  perStep: StepAccuracy[];
}

/**
 * Rolling-origin evaluation: the last origin leaves exactly `horizon` values to forecast, earlier ones `step`
 * apart. Each forecast is made from the values before its origin only; MASE is scaled per origin by the
 * in-sample seasonal naive error of those values.
 */
export function backtest(y: Float64Array, fit: (train: Float64Array) => Forecaster, opts: BacktestOptions): BacktestResult {
  const { horizon, windows, step = 1, levels = DEFAULT_LEVELS, seasonalPeriod = 1, refit = 'once' } = opts;
  checkHorizon(horizon);
  if (!Number.isInteger(windows) || windows < 1) throw new ForecastInputError('windows', `must be a whole number, at least 1 (got ${windows})`);
  if (!Number.isInteger(step) || step < 1) throw new ForecastInputError('step', `must be a whole number, at least 1 (got ${step})`);
  const first = y.length - horizon - (windows - 1) * step;
  if (first < 2) {
    throw new ForecastInputError('windows', `${windows} windows of horizon ${horizon}, ${step} apart, leave ${first} values to train on`);
  }
  const overall = new AccuracyAccumulator(levels);
  const perStep = Array.from({ length: horizon }, () => new AccuracyAccumulator(levels));
  const origins: BacktestOrigin[] = [];
  let model: Forecaster | null = null;
  let seen = 0;
  for (let w = 0; w < windows; w++) {
    const origin = first + w * step;
    const train = y.subarray(0, origin);
    if (model === null || refit === 'every') model = fit(train.slice());
    else model = model.update(y.slice(seen, origin));
    seen = origin;
    const forecast = model.forecast(horizon, levels);
    const actual = y.slice(origin, origin + horizon);
    const scale = naiveScale(train, seasonalPeriod);
    for (let j = 0; j < horizon; j++) {
      overall.add(actual[j], forecast, j, scale);
      perStep[j].add(actual[j], forecast, j, scale);
    }
    origins.push({ origin, forecast, actual });
  }
  return { origins, overall: overall.result(), perStep: perStep.map((a, j) => ({ step: j + 1, ...a.result() })) };
}
