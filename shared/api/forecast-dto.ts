/** What forecasting shows and returns: detection before a run, the run's report, the CLI's result. */
import type { ForecastModelId } from '../families/forecast';
import type { TrainingDeviceDto } from './device-dto';
import type { NetworkSpec } from '../nn/index';

export type ForecastFrequency = 'hourly' | 'daily' | 'weekly' | 'monthly' | 'quarterly' | 'yearly';

/** What `forecast.detect` found before anything is fitted (the dialog shows it). */
export interface ForecastDetectionDto {
  frequency: ForecastFrequency;
  /** Series found (1 without a series column). */
  series: { id: string; points: number; start: number; end: number; gaps: number; missing: number; duplicates: number }[];
  /** Gaps on the grid across all series, filled as missing. */
  gaps: { series: string; start: number; length: number }[];
  /** Grid points with several rows, and the rule that combines them ('error' refuses). */
  duplicates: { series: string; timestamp: number; count: number }[];
  duplicateRule: 'error' | 'sum' | 'mean' | 'last';
  /** Seasonal periods proposed from the frequency, the dominant first. */
  seasonalPeriods: number[];
  /** The shortest series, in whole seasons of the dominant period. */
  minSeasons: number;
  /** Things the user should know before starting (e.g. a long gap, a short series). */
  notes: string[];
}

/** One forecast point: grid time (epoch ms), mean and bounds per level. */
export interface ForecastPointDto {
  t: number;
  mean: number;
  lower: Record<string, number>;
  upper: Record<string, number>;
  /** The test/backtest actual at t, where there is one. */
  actual: number | null;
}

/** Accuracy of one model over (origin, step) pairs: the metric set plus coverage and Winkler per level. */
export interface ForecastMetricsDto {
  mae: number;
  rmse: number;
  /** A fraction, as for tabular regression (shared/metric-units.ts). */
  mape: number;
  /** In percent, 0–200. */
  smape: number;
  mase: number;
  /** e.g. coverage80, coverage95, winkler80, winkler95. */
  [key: string]: number;
}

export interface ForecastSeriesReportDto {
  id: string;
  /** The training history (thinned to at most ~5,000 points for drawing). */
  history: { t: number; y: number }[];
  /** The next H steps after the history (or after the test data when a test dataset is given). */
  forecast: ForecastPointDto[];
  /** Rolling-origin forecasts over the test dataset (or the backtest windows), origin by origin. */
  evaluation: { origin: number; points: ForecastPointDto[] }[];
  /** Components over history + horizon (decomposable); empty where the model has none. */
  components: { name: string; t: number[]; values: number[]; changepoints?: { t: number; delta: number }[] }[];
  /** Autocorrelation of the one-step residuals, lags 1..k, with the ±1.96/√n band. */
  residualAcf: { lag: number; value: number }[];
  acfBand: number;
  metrics: ForecastMetricsDto;
  /** e.g. "ETS(M,A,M)". */
  describe: string;
}

/** The report of a finished forecast run (RunDetailDto.forecast). */
export interface ForecastReportDto {
  model: ForecastModelId;
  frequency: ForecastFrequency;
  horizon: number;
  levels: number[];
  seasonalPeriods: number[];
  /** 'test' when a test dataset was given (rolling origins through it), else 'backtest' on the training tail. */
  evaluatedOn: 'test' | 'backtest';
  windows: number;
  /** Pooled over every series, origin and step. */
  metrics: ForecastMetricsDto;
  /** Pooled per step ahead (1-based). */
  perStep: ({ step: number } & ForecastMetricsDto)[];
  /** The backtest table: every candidate model the run tried (auto/ensemble), or the one model. */
  candidates: { model: string; describe: string; metrics: ForecastMetricsDto; chosen: boolean }[];
  series: ForecastSeriesReportDto[];
  notes: string[];
  /** LSTM runs: which device trained the network and why the others were not used. Absent on older runs. */
  device?: TrainingDeviceDto;
  /** LSTM runs: the network as built (shared/nn's lstm preset for the run's windows and units). Absent on older runs. */
  network?: NetworkSpec;
}

/** Result of `forecast.start` once its job ends, as `lathe forecast --json` prints it. */
export interface ForecastOutcomeDto {
  runId: string;
  task: 'forecast';
  model: ForecastModelId;
  frequency: ForecastFrequency;
  horizon: number;
  metrics: ForecastMetricsDto;
  durationMs: number;
}
