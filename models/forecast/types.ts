/** Point forecasts and central prediction intervals, keyed by level in percent (80, 95). */
export interface Forecast {
  mean: Float64Array;
  lower: Record<number, Float64Array>;
  upper: Record<number, Float64Array>;
}

export type FamilyName = 'naive' | 'seasonal-naive' | 'drift' | 'ets' | 'theta' | 'auto';

export interface FitOptions {
  /** Whole number of steps per season; 1 (the default) means none. */
  seasonalPeriod?: number;
  /** Seed of the simulated prediction intervals, so a model forecasts the same every time. */
  seed?: number;
  /** The horizon the model will be asked for (auto backtests at it). */
  horizon?: number;
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
}

export interface ForecastFamily {
  name: FamilyName;
  /** `y` may hold NaN for missing values. */
  fit(y: Float64Array, opts?: FitOptions): ForecastModel;
  fromJSON(json: ModelJson): ForecastModel;
}
