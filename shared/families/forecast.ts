/**
 * The forecasting models, as data: what each accepts, its defaults and ranges. The engine
 * (models/forecast), the "New forecast" dialog, `lathe forecast --param`, sweeps and stored runs
 * all read these; nothing else writes a forecasting default down.
 */
import { z } from 'zod';
import { defaultsOf, type ParamSpec, type ValuesOf } from './define';
import { dimProblem, type SweepDim } from './index';

export interface ForecastModelSpec<P extends Record<string, ParamSpec> = Record<string, ParamSpec>> {
  id: string;
  label: string;
  /** One line: what the model is and when to use it. */
  description: string;
  /** One model across all series (global) or one fitted per series. */
  scope: 'per-series' | 'global';
  /** Can use covariates (regressors). */
  covariates: boolean;
  params: P;
  /** Parameters a first sweep searches, in order (each needs a `sweep` range). */
  searchFirst: readonly (keyof P & string)[];
}

const spec = <P extends Record<string, ParamSpec>>(s: ForecastModelSpec<P>) => s;

export const FORECAST_MODEL_SPECS = {
  naive: spec({ id: 'naive', label: 'Naive', description: 'The last value, carried forward.', scope: 'per-series', covariates: false, params: {}, searchFirst: [] }),
  'seasonal-naive': spec({
    id: 'seasonal-naive', label: 'Seasonal naive', description: 'The value one season earlier.', scope: 'per-series', covariates: false, params: {}, searchFirst: [],
  }),
  drift: spec({ id: 'drift', label: 'Drift', description: 'A straight line from the first value to the last.', scope: 'per-series', covariates: false, params: {}, searchFirst: [] }),
  ets: spec({
    id: 'ets',
    label: 'ETS',
    description: 'Exponential smoothing state space: error, trend and season types chosen by AICc, fitted by maximum likelihood.',
    scope: 'per-series',
    covariates: false,
    params: {
      error: { kind: 'enum', label: 'Error', help: 'Additive (A) or multiplicative (M) errors; auto picks by AICc.', default: 'auto', choices: ['auto', 'A', 'M'], form: true },
      trend: { kind: 'enum', label: 'Trend', help: 'None (N), additive (A) or damped (Ad); auto picks by AICc.', default: 'auto', choices: ['auto', 'N', 'A', 'Ad'], form: true, sweep: { choices: ['N', 'A', 'Ad'] } },
      season: { kind: 'enum', label: 'Season', help: 'None (N), additive (A) or multiplicative (M); auto picks by AICc.', default: 'auto', choices: ['auto', 'N', 'A', 'M'], form: true, sweep: { choices: ['N', 'A', 'M'] } },
    },
    searchFirst: ['trend', 'season'],
  }),
  theta: spec({
    id: 'theta',
    label: 'Theta',
    description: 'Optimized Theta: the theta line and the smoothing fitted together, after a seasonal adjustment when the season is significant.',
    scope: 'per-series',
    covariates: false,
    params: {
      theta: { kind: 'float', label: 'Theta', help: 'Weight of the short-run curvature; 0 = optimized, 2 = the standard Theta method.', default: 0, min: 0, max: 10, step: 0.1, form: true, sweep: { lo: 1, hi: 4 } },
    },
    searchFirst: ['theta'],
  }),
  decomposable: spec({
    id: 'decomposable',
    label: 'Decomposable (trend + seasons + holidays)',
    description: 'Piecewise-linear trend with automatic changepoints, Fourier seasonalities, holidays and regressors, fitted by MAP — explainable components.',
    scope: 'per-series',
    covariates: true,
    params: {
      changepoints: { kind: 'int', label: 'Changepoints', help: 'Candidate trend changes, spread over the first part of the history.', default: 25, min: 0, max: 200, form: true },
      changepointRange: { kind: 'float', label: 'Changepoint range', help: 'Share of the history where changepoints may fall.', default: 0.8, min: 0.1, max: 1, step: 0.05 },
      changepointPriorScale: { kind: 'float', label: 'Trend flexibility', help: 'Scale of the Laplace prior on trend changes; larger bends more.', default: 0.05, min: 0.001, max: 10, minOpen: false, form: true, sweep: { lo: 0.001, hi: 0.5, log: true } },
      seasonalityPriorScale: { kind: 'float', label: 'Season strength', help: 'Scale of the normal prior on seasonal terms.', default: 10, min: 0.01, max: 100, sweep: { lo: 0.01, hi: 10, log: true } },
      holidaysPriorScale: { kind: 'float', label: 'Holiday strength', help: 'Scale of the normal prior on holiday effects.', default: 10, min: 0.01, max: 100 },
      seasonalityMode: { kind: 'enum', label: 'Seasonality', help: 'Additive, or multiplicative (seasons scale with the trend).', default: 'additive', choices: ['additive', 'multiplicative'], form: true, sweep: { choices: ['additive', 'multiplicative'] } },
      fourierOrder: { kind: 'int', label: 'Fourier order', help: 'Sine/cosine pairs per season; 0 = by period (yearly 10, weekly 3, daily 4, others 5).', default: 0, min: 0, max: 50 },
    },
    searchFirst: ['changepointPriorScale', 'seasonalityMode'],
  }),
  gbdt: spec({
    id: 'gbdt',
    label: 'Boosted trees on lags',
    description: 'One gradient-boosted model across all series on lags, rolling statistics, calendar parts and covariates.',
    scope: 'global',
    covariates: true,
    params: {
      lags: { kind: 'int', label: 'Lags', help: 'Past values used as features (1..lags); 0 = two seasons (at least 7).', default: 0, min: 0, max: 1000, form: true, sweep: { lo: 7, hi: 60 } },
      trees: { kind: 'int', label: 'Trees', help: 'Boosting rounds (early stopping on the training tail picks fewer).', default: 500, min: 1, max: 10_000, form: true, sweep: { lo: 100, hi: 1000 } },
      learningRate: { kind: 'float', label: 'Learning rate', help: 'Shrinkage of each tree.', default: 0.05, min: 0, minOpen: true, max: 1, step: 0.01, form: true, sweep: { lo: 0.01, hi: 0.3, log: true } },
      maxDepth: { kind: 'int', label: 'Max depth', help: 'Deepest level of each tree.', default: 6, min: 1, max: 16, sweep: { lo: 3, hi: 10 } },
      target: { kind: 'enum', label: 'Target', help: 'Predict the level, or the change from the last value (better for trends).', default: 'difference', choices: ['level', 'difference'] },
    },
    searchFirst: ['learningRate', 'lags'],
  }),
  lstm: spec({
    id: 'lstm',
    label: 'LSTM',
    description: 'A recurrent network (TF.js) on windows of past values, one model across all series.',
    scope: 'global',
    covariates: true,
    params: {
      window: { kind: 'int', label: 'Window', help: 'Past steps the network reads; 0 = two seasons (at least 8).', default: 0, min: 0, max: 1000, form: true },
      units: { kind: 'intList', label: 'Units per layer', help: 'LSTM units of each stacked layer, e.g. 32 or 64,32.', default: [32], min: 1, max: 1024, maxLength: 4, form: true, sweep: { choices: ['16', '32', '64', '32,16'] } },
      epochs: { kind: 'int', label: 'Epochs', help: 'Passes over the windows (early stopping may stop sooner).', default: 100, min: 1, max: 5000, form: true },
      patience: { kind: 'int', label: 'Patience', help: 'Epochs without improvement on the validation tail before stopping; 0 = never stop early.', default: 10, min: 0, max: 1000 },
      learningRate: { kind: 'float', label: 'Learning rate', help: 'Adam step size.', default: 0.005, min: 0, minOpen: true, max: 1, step: 0.001, sweep: { lo: 0.0005, hi: 0.02, log: true } },
      batchSize: { kind: 'int', label: 'Batch size', help: 'Windows per gradient step.', default: 32, min: 1, max: 4096 },
    },
    searchFirst: ['learningRate', 'units'],
  }),
  auto: spec({
    id: 'auto',
    label: 'Auto',
    description: 'Every cheap model backtested on the training tail; the best k averaged.',
    scope: 'per-series',
    covariates: false,
    params: { combine: { kind: 'int', label: 'Best k', help: 'How many of the best models to average (1 = the single best).', default: 3, min: 1, max: 7, form: true } },
    searchFirst: [],
  }),
  ensemble: spec({
    id: 'ensemble',
    label: 'Ensemble',
    description: 'The median of the best k models on the backtest, each model its own forecast.',
    scope: 'per-series',
    covariates: false,
    params: { k: { kind: 'int', label: 'Best k', help: 'How many of the best models to take the median of.', default: 3, min: 2, max: 7, form: true } },
    searchFirst: [],
  }),
} as const;

export type ForecastModelId = keyof typeof FORECAST_MODEL_SPECS;
export const FORECAST_MODEL_IDS = Object.keys(FORECAST_MODEL_SPECS) as ForecastModelId[];
export const forecastModelSchema = z.enum(FORECAST_MODEL_IDS as [ForecastModelId, ...ForecastModelId[]]);
export type ForecastParams<M extends ForecastModelId> = ValuesOf<(typeof FORECAST_MODEL_SPECS)[M]['params']>;

/** Every parameter of a forecasting model at its default. */
export function forecastDefaults<M extends ForecastModelId>(model: M): ForecastParams<M> {
  return defaultsOf(FORECAST_MODEL_SPECS[model] as { params: (typeof FORECAST_MODEL_SPECS)[M]['params'] }) as ForecastParams<M>;
}

/** Prediction-interval levels (percent) when none are given. */
export const DEFAULT_FORECAST_LEVELS: readonly number[] = [80, 95];
/** Rolling-origin backtest windows on the training tail when no test dataset is given. */
export const DEFAULT_BACKTEST_WINDOWS = 5;

/** Accuracy measures a forecast run reports and a forecast sweep may minimise (all lower-is-better). */
export const FORECAST_SWEEP_METRICS = ['mase', 'mae', 'rmse', 'mape', 'smape'] as const;
/** What a forecast sweep minimises when none is named: scale-free, so series of any size weigh alike. */
export const DEFAULT_FORECAST_OBJECTIVE = 'mase';

/** A sweep dimension checked against a forecasting model's parameters. */
export function forecastSweepDimProblem(model: ForecastModelId, dim: SweepDim): string | null {
  return dimProblem(model, FORECAST_MODEL_SPECS[model].params, dim);
}
