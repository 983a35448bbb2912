import type { RunSummaryDto } from './dto';

export type { Family } from '../families/index';
export type { Task as TaskKind } from '../families/task';
import type { Family } from '../families/index';
import type { Task as TaskKind } from '../families/task';
import type { ForecastReportDto } from './forecast-dto';
import type { ForecastArgs } from './methods/forecast';
import type { RecommendArgs } from './methods/recommend';
import type { RecommendReportDto } from './recommend-dto';
import type { NetworkSpec } from '../nn/spec';
import type { TrainingDeviceDto } from './device-dto';

export type { TrainingDeviceDto } from './device-dto';

/** What a run does: one of the tabular tasks, a forecast or a recommender (RunSummaryDto.task holds one of these). */
export type RunTask = TaskKind | 'forecast' | 'recommend';

export interface SplitDto {
  kind: 'random' | 'time' | 'kfold' | 'holdout';
  testFraction: number;
  /** time split: the ordering column. */
  column?: string;
  /** k-fold: number of folds. */
  k?: number;
}

export interface RunDetailDto extends RunSummaryDto {
  datasetName: string | null;
  testDatasetId: string | null;
  exclude: string[];
  params: Record<string, unknown>;
  split: SplitDto;
  seed: number | null;
  datasetSha256: string | null;
  /** The dataset version the run trained on (null: the dataset is gone or predates versions). */
  datasetVersion: number | null;
  backend: string | null;
  versions: Record<string, string>;
  durationMs: number | null;
  endedAt: string | null;
  jobId: string | null;
  notes: string;
  tags: string[];
  error: string | null;
  /** Per-iteration curves by name (train, valid, …). */
  curves: Record<string, { step: number; value: number }[]>;
  /** Tabular runs' report; null for forecast runs, whose report is `forecast`. */
  report: RunReportDto | null;
  /** A forecast run's report once it succeeded; null otherwise and for tabular runs. */
  forecast: ForecastReportDto | null;
  /** A forecast run's resolved arguments (datasets by id, seasons and every parameter explicit); null for tabular runs. */
  forecastSpec: ForecastArgs | null;
  /** A recommender run's report once it succeeded; null otherwise and for other runs. */
  recommend: RecommendReportDto | null;
  /** A recommender run's resolved arguments (datasets by id, split and every parameter explicit); null for other runs. */
  recommendSpec: RecommendArgs | null;
  /** The run whose model this run continued from (`warmStartFrom`); null when it trained from scratch. */
  warmStartFrom: string | null;
}

/** One input column's (or term's) importance: the mean over repeats and their standard deviation. */
export interface ImportanceItemDto {
  feature: string;
  importance: number;
  std: number;
}

/**
 * One coefficient of a linear model: per standard deviation for numeric columns and date parts, for 0/1 one-hot
 * levels and missing indicators; a positive one raises the prediction (classification: towards `class`).
 */
export interface CoefficientDto {
  feature: string;
  /** The input column the feature comes from. */
  column: string;
  class: string | null;
  coefficient: number;
}

/** What a finished run learned, beyond its headline metrics. */
export interface RunReportDto {
  classes: (string | number)[] | null;
  /** Network runs (mlp): the network as built, with the data's input width and the task's head. */
  network?: NetworkSpec | null;
  /**
   * Tabular runs: permutation importance of the input columns (described by `permutation`); runs stored before
   * it: gain for tree families, permutation of the derived features for linear and mlp. Text runs: the terms
   * with the largest weights (coefficient: linear, nbsvm) or the lexicon words that moved the test scores most.
   */
  importance: ImportanceItemDto[];
  importanceKind: 'gain' | 'permutation' | 'coefficient' | 'lexicon';
  /**
   * How `importance` was measured when it is permutation on input columns: the metric (classification: drop in
   * accuracy; regression: increase in RMSE), how many held-out rows and seeded shuffles. Absent on older runs.
   */
  permutation?: { metric: 'accuracy' | 'rmse'; rows: number; repeats: number };
  /** gbdt, forest: each input column's share of the split gain. Absent on older runs. */
  gain?: ImportanceItemDto[];
  /** linear: signed coefficients on the fitted features, largest |value| first. Absent on older runs. */
  coefficients?: CoefficientDto[];
  confusion: { labels: string[]; matrix: number[][] } | null;
  calibration: { meanPredicted: number; fractionPositive: number; count: number }[] | null;
  /** Binary classifiers: ROC and precision-recall curves of the test rows (at most ~200 points each). */
  roc: { fpr: number; tpr: number }[] | null;
  pr: { recall: number; precision: number }[] | null;
  intervals: { coverage: number; halfWidth: number; testCoverage: number } | null;
  foldMetrics: Record<string, number>[] | null;
  /** Regression: a sample of (actual, predicted) test pairs for a residual plot. */
  residuals: { actual: number; predicted: number }[] | null;
  testRows: number;
  features: string[];
  /** Things the run did that the user should know (e.g. labels matched across files). */
  notes: string[];
  /** Network runs: which device trained them and why the others were not used. Absent on older runs. */
  device?: TrainingDeviceDto;
}

/** Result of `runs.start` as the CLI prints it. */
export interface TrainOutcomeDto {
  runId: string;
  task: TaskKind;
  model: Family;
  metrics: Record<string, number>;
  durationMs: number;
  backend: string;
}

/** Per-row test predictions of a run, the basis of paired comparisons. */
export interface RunPredictionsDto {
  /** Row indices into the evaluated frame (the dataset, or the test dataset). */
  rows: number[];
  /** Regression: target values; classification: class index. */
  actual: number[];
  /** Regression: predictions; classification: predicted class index. */
  values: number[];
  /** Classification: n × K probabilities, row-major. */
  probabilities: number[] | null;
  classes: (string | number)[] | null;
  /**
   * Forecast runs: where each scored point lies. Row i is point i in the order series (as in the
   * report, sorted by id), then origin (earliest first), then step ahead (1..H); only points with an
   * actual value are kept, so two runs on the same data and protocol list the same points.
   */
  forecastPoints?: {
    /** Series ids, indexed by `series`. */
    seriesIds: string[];
    series: number[];
    /** Grid time (epoch ms) of the origin: the first forecast step. */
    origin: number[];
    /** 1-based steps ahead. */
    step: number[];
  };
  /**
   * Recommender runs: row i is evaluated user `users[i]` (ids as text, sorted as the engine indexed them);
   * `values` holds each user's ndcg@k and `actual` their held-out interactions.
   */
  recommendPoints?: { users: string[]; k: number; metric: 'ndcg' };
}

/** Two models scored on the same rows: the metric of each, B − A with its interval, and the verdict. */
export interface PairComparisonDto {
  metric: string;
  lowerIsBetter: boolean;
  valueA: number;
  valueB: number;
  rows: number;
  /**
   * B − A with its paired bootstrap interval. `clusters`: how many groups were resampled whole, when rows are
   * not independent (forecast points of one series and time, from overlapping origins); absent: rows one by one.
   */
  difference: { estimate: number; lo: number; hi: number; level: number; resamples: number; clusters?: number };
  margin: number;
  verdict: 'b-better' | 'a-better' | 'equivalent' | 'inconclusive';
  text: string;
  mcnemar: { onlyA: number; onlyB: number; statistic: number; pValue: number; exact: boolean } | null;
}

export interface CompareResultDto extends PairComparisonDto {
  a: string;
  b: string;
  correctedT: { meanDiff: number; t: number; df: number; pValue: number; lo: number; hi: number } | null;
  /** Forecast runs: Diebold–Mariano test of equal accuracy over the shared points (loss differential A − B per origin). */
  dieboldMariano?: { meanDiff: number; statistic: number; df: number; pValue: number; origins: number; horizon: number; loss: 'squared' | 'absolute' } | null;
  /** Recommender runs: paired t-test of the per-user differences (B − A) over the shared evaluated users. */
  pairedT?: { meanDiff: number; t: number; df: number; pValue: number; lo: number; hi: number } | null;
}
