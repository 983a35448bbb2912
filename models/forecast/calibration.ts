import { ForecastInputError } from './errors';
import { backtest } from './evaluate';
import { checkHorizon, combineForecasts, intervalScores, widenIntervals } from './intervals';
import type { Forecast, Forecaster } from './types';

/**
 * Interval calibration from a family's own backtest on the training tail. A model's intervals assume its own
 * error model is right; on real series (a trend that bends, a season that grows) they are often too narrow.
 * Each error of the backtest is scored in units of the forecast's 95 % interval; at forecast time every
 * level's interval is widened to the split-conformal quantile of those scores where they covered too little
 * (`widenIntervals`), never narrowed, and the mean is left as it is.
 */

/** Interval level of the calibration backtest; other levels are scaled from its scores. */
export const CALIBRATION_LEVEL = 95;

/** What a model's JSON keeps: the backtest's errors in units of its `level` interval, sorted. */
export interface IntervalCalibration {
  level: number;
  scores: number[];
}

/** Where the backtest's origins lie: `windows` origins one step apart, the last leaving `horizon` values. */
export interface CalibrationPlan {
  horizon: number;
  windows: number;
  firstOrigin: number;
}

/**
 * Rolling-origin backtest on the training tail: origins one step apart across one season (at least 6), each
 * forecasting min(horizon, n/4) steps. The first origin keeps at least half the series (and two seasons) for
 * fitting. `windows` below 1: the series is too short to backtest.
 */
export function calibrationPlan(n: number, m: number, horizon: number): CalibrationPlan {
  const h = Math.max(1, Math.min(horizon, Math.floor(n / 4)));
  const minTrain = Math.max(Math.ceil(n / 2), 2 * m + 2, 4);
  const windows = Math.min(Math.max(m, 6), n - h - minTrain + 1);
  return { horizon: h, windows, firstOrigin: n - h - windows + 1 };
}

/** The horizon to calibrate for: the one asked for, else two seasons (10 steps without a season), as auto. */
export function defaultHorizon(horizon: number | undefined, m: number): number {
  const h = horizon ?? (m > 1 ? 2 * m : 10);
  checkHorizon(h);
  return h;
}

export interface CalibrateOptions {
  /** 'once' (default): fitted at the first origin, then moved on with `update`; 'every': refitted at each origin. */
  refit?: 'once' | 'every';
  /** Steps between origins; default 1. */
  step?: number;
}

/**
 * The fits' backtest with intervals: their forecasts combined as auto combines them (`combineForecasts`; one
 * fit: its own forecast) at each origin, scored against what followed. Scores are pooled over steps ahead: each
 * is already in units of its own step's interval, and one season of origins holds too few per step for a 95 %
 * quantile. Rounded to 1e-4 so the JSON stays short and round-trips exactly.
 */
export function calibrate(
  y: Float64Array,
  fits: readonly ((train: Float64Array) => Forecaster)[],
  plan: CalibrationPlan,
  m: number,
  options: CalibrateOptions = {},
): IntervalCalibration {
  const opts = { horizon: plan.horizon, windows: plan.windows, seasonalPeriod: m, levels: [CALIBRATION_LEVEL], ...options };
  const runs = fits.map((fit) => backtest(y, fit, opts).origins);
  const combined = runs[0].map((o, w) => ({
    forecast: runs.length === 1 ? o.forecast : combineForecasts(runs.map((r) => r[w].forecast), [CALIBRATION_LEVEL]),
    actual: o.actual,
  }));
  const scores = intervalScores(combined, CALIBRATION_LEVEL);
  return { level: CALIBRATION_LEVEL, scores: scores.map((v) => Math.round(v * 1e4) / 1e4) };
}

export interface FamilyCalibrationOptions {
  /** Whole season length (1: none): sets how many origins and how much history the first one keeps. */
  seasonalPeriod: number;
  /** The horizon forecasts will be asked for. */
  horizon: number;
  refit?: 'once' | 'every';
  /** With refit 'every': at most this many refits, their origins spread evenly over the plan's. */
  maxRefits?: number;
}

/**
 * One family's calibration: `fit` (the family without calibration, on training values only) backtested on the
 * tail of `y`. Undefined when the series is too short for the backtest, or a fit on its shorter history fails.
 */
export function calibrateFamily(y: Float64Array, fit: (train: Float64Array) => Forecaster, opts: FamilyCalibrationOptions): IntervalCalibration | undefined {
  const m = Math.max(1, Math.round(opts.seasonalPeriod));
  const plan = calibrationPlan(y.length, m, opts.horizon);
  if (plan.windows < 1) return undefined;
  const refit = opts.refit ?? 'once';
  const step = refit === 'every' && opts.maxRefits ? Math.max(1, Math.ceil(plan.windows / opts.maxRefits)) : 1;
  const windows = Math.floor((plan.windows - 1) / step) + 1;
  const spread = { horizon: plan.horizon, windows, firstOrigin: y.length - plan.horizon - (windows - 1) * step };
  try {
    return calibrate(y, [fit], spread, m, { refit, step });
  } catch (e) {
    if (e instanceof ForecastInputError) return undefined; // a history the family cannot fit
    throw e;
  }
}

/** The forecast with its intervals widened by the calibration, when the model has one. */
export function applyCalibration(fc: Forecast, calibration: IntervalCalibration | undefined): Forecast {
  return calibration ? widenIntervals(fc, calibration.scores) : fc;
}
