import type { FitCheckpointing } from '../nn/train/checkpoint';

/** Point forecasts and central prediction intervals, keyed by level in percent (80, 95). */
export interface Forecast {
  mean: Float64Array;
  lower: Record<number, Float64Array>;
  upper: Record<number, Float64Array>;
}

export type FamilyName = 'naive' | 'seasonal-naive' | 'drift' | 'ets' | 'theta' | 'auto' | 'ensemble' | 'decomposable' | 'gbdt' | 'lstm';

/**
 * Time and covariates along one series' regular grid, for the models that use more than the values
 * (decomposable, gbdt, lstm). Index 0 is the series' first training value; a model that has seen n
 * values forecasts indices n .. n + h − 1, so the timeline must reach that far for covariates that are
 * known in the future. Models keep the timeline they were given; `update` moves along it.
 */
export interface Timeline {
  frequency: import('./frequency').Frequency;
  /** Epoch ms of grid index i (any integer i, past or future). */
  time(i: number): number;
  /** Covariate names, in a fixed order. */
  readonly covariates: readonly string[];
  /** Covariates whose future values are known (calendar flags, planned prices); the rest are past-only. */
  readonly knownFuture: ReadonlySet<string>;
  /** Value of a covariate at grid index i; NaN where not known (past-only ones beyond the data). */
  covariate(name: string, i: number): number;
  /** Holidays/events: name of the event at grid index i, or null. */
  event(i: number): string | null;
}

export interface FitOptions {
  /** Whole number of steps per season; 1 (the default) means none. */
  seasonalPeriod?: number;
  /** Seed of the simulated prediction intervals, so a model forecasts the same every time. */
  seed?: number;
  /** The horizon the model will be asked for (auto backtests at it). */
  horizon?: number;
  /** Every seasonal period to model (decomposable: Fourier terms per period, may be fractional). */
  seasonalPeriods?: readonly number[];
  /** Time, covariates and events; required by decomposable, gbdt and lstm, ignored by the rest. */
  timeline?: Timeline;
  /** The model's parameters (shared/families/forecast.ts); omitted ones take the schema's defaults. */
  params?: Readonly<Record<string, unknown>>;
  /** Called as work advances (0..1) with a short message; global models report epochs/trees. */
  onProgress?: (fraction: number, message: string) => void;
  /** Training curves (e.g. lstm loss per epoch, gbdt validation error per tree). */
  onMetrics?: (step: number, values: Record<string, number>) => void;
  /** Polled between iterations; true stops training early with what was learned so far. */
  shouldStop?: () => boolean;
  /** Network families (lstm): each network fit's share of the run's checkpoint, so a stopped run resumes. */
  networkFits?: { next(): FitCheckpointing };
}

/** One named, additive piece of a forecast (decomposable: trend, each season, holidays, regressors). */
export interface Component {
  name: string;
  /** Over the fitted history then the horizon: history.length + h values. */
  values: Float64Array;
  /** Trend: grid indices of its changepoints with their rate change. */
  changepoints?: { index: number; delta: number }[];
}

/** Plain JSON that `loadForecastModel` turns back into the model. */
export interface ModelJson {
  family: FamilyName;
  version: 1;
}

/** What a backtest needs of a model. */
export interface Forecaster {
  /** e.g. "ETS(M,A,M)", "seasonal naive (12)". */
  describe(): string;
  /** The next h steps after the last value the model has seen. */
  forecast(h: number, levels?: readonly number[]): Forecast;
  /** A model that has also seen `newValues` (NaN = missing), same parameters, state moved on: no refit. */
  update(newValues: ArrayLike<number>): Forecaster;
}

export interface ForecastModel extends Forecaster {
  readonly family: FamilyName;
  update(newValues: ArrayLike<number>): ForecastModel;
  toJSON(): ModelJson;
  /** The model's explainable parts over history + h steps, where it has them (decomposable). */
  components?(h: number): Component[];
}

export interface ForecastFamily {
  name: FamilyName;
  /** `y` may hold NaN for missing values. */
  fit(y: Float64Array, opts?: FitOptions): ForecastModel;
  /** `timeline` as at fit time, for the families that need one. */
  fromJSON(json: ModelJson, timeline?: Timeline): ForecastModel;
}

/** A model fitted across several series at once: shared parameters, one forecaster per series. */
export interface GlobalModel {
  readonly family: FamilyName;
  /** One per input series, in order; each forecasts from its own history and moves on with `update`. */
  readonly members: readonly ForecastModel[];
  describe(): string;
  /** Shared parameters and every member's state. */
  toJSON(): ModelJson;
}

/** Several series, one model for all (gbdt, lstm): fitted together, each forecast with its own history. */
export interface GlobalFamily {
  name: FamilyName;
  fit(series: readonly { y: Float64Array; timeline: Timeline }[], opts?: Omit<FitOptions, 'timeline'>): GlobalModel | Promise<GlobalModel>;
  fromJSON(json: ModelJson, timelines: readonly Timeline[]): GlobalModel | Promise<GlobalModel>;
}
