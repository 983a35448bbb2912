/** Public types of the training entry point. */
import type { Frame } from '../frame/frame';
import type { PipelineJSON, PipelineOptions } from '../pipeline/pipeline';
import type { GbdtModelJSON } from '../gbdt/model';
import type { LinearModelJSON } from '../linear/linear';
import type { ForestModelJSON } from '../forest/forest';
import type { MlpModelJSON } from '../mlp/mlp';
import type { FitCheckpointing, TrainCheckpoint } from '../nn/train/checkpoint';
import type { FeatureImportance } from '../importance/importance';
import type { PermutationReport } from '../importance/permutation';
import type { Coefficient } from '../importance/coefficients';
import type { Task } from './task';

import type { Family as AnyFamily, TextOnlyFamily } from '../../shared/families/index';
import type { TextModelJSON } from '../text/types';
import type { LexiconClassifierJSON } from '../text/lexiconClassifier';
/** Families trained on the pipeline's feature matrix (trainModel); the text-only ones train in trainTextRun. */
export type Family = Exclude<AnyFamily, TextOnlyFamily>;
export type { AnyFamily };

export type SplitSpec =
  | { kind: 'random'; testFraction: number; seed: number }
  | { kind: 'time'; column: string; testFraction: number }
  | { kind: 'kfold'; k: number; seed: number }
  | { kind: 'holdout'; test: Frame };

export interface TrainSpec {
  target: string;
  task?: Task;
  exclude?: string[];
  family: Family;
  /** Family parameters, checked against the family's schema (shared/families); the rest take its defaults. */
  params?: Readonly<Record<string, unknown>>;
  /** Seeds the family's randomness (the split has its own). Default: the split's seed, else 0. */
  seed?: number;
  split: SplitSpec;
  /** Overrides of the family's default pipeline options. */
  pipeline?: Partial<PipelineOptions>;
  /** Regression only: target coverage of conformal intervals (default 0.9). */
  coverage?: number;
  /** Regression only: share of training rows held out to calibrate intervals (default 0.1, 0 = no intervals). */
  calibrationFraction?: number;
  /**
   * An earlier run's artifact to continue from (same family, task, target and features): its pipeline
   * transforms the rows and its classes keep their order; the family continues or refits as
   * shared/families/warm-start.ts states.
   */
  warmStart?: ModelArtifact;
}

export interface TrainHooks {
  onProgress?: (fraction: number, message: string) => void;
  onMetrics?: (step: number, values: Record<string, number>) => void;
  shouldStop?: () => boolean;
  /** Network families, splits other than k-fold: after each epoch, the state to resume from. */
  onCheckpoint?: (checkpoint: TrainCheckpoint) => void | Promise<void>;
  /** Continue from the last checkpoint of this same run (same data, parameters and seed). */
  resumeFrom?: TrainCheckpoint;
  /** Network k-fold runs (mlp, textnet): each fold's fit, then the final one, takes its share of the run's checkpoint in turn (FitSequence). */
  fits?: { next(): FitCheckpointing; readonly storedEpochs: number };
}

export interface IntervalReport {
  coverage: number;
  halfWidth: number;
  /** Share of test targets inside prediction +- halfWidth. */
  testCoverage: number;
}

export interface ModelArtifact {
  format: 'lathe-model';
  version: 1;
  family: Family;
  task: Task;
  target: string;
  features: string[];
  classes: (string | number)[] | null;
  pipeline: PipelineJSON;
  model: GbdtModelJSON | LinearModelJSON | ForestModelJSON | MlpModelJSON;
  /** Conformal half-width for regression, when calibrated. */
  interval: { coverage: number; halfWidth: number } | null;
}

/**
 * A text run's model: one text column in, the target's classes out. `model` is the text engine's classifier
 * (models/text: TextModelJSON, loadTextClassifier) or, for `lexicon`, its scoring settings. `classes` is the
 * run's class order (predictions and probabilities follow it); the classifier keeps its own sorted label
 * strings, matched by String(class).
 */
export interface TextModelArtifact {
  format: 'lathe-text-artifact';
  version: 1;
  family: 'linear' | TextOnlyFamily;
  task: 'binary' | 'multiclass';
  target: string;
  /** The text column, alone: the model's whole input. */
  features: [string];
  textColumn: string;
  /** Feature columns the run left out (a text family reads one text column). */
  ignored: string[];
  classes: (string | number)[];
  model: TextModelJSON | LexiconClassifierJSON;
}

/** What a run stores as its model: a tabular pipeline + model, or a text model. */
export type RunArtifact = ModelArtifact | TextModelArtifact;

export const isTextArtifact = (a: { format: string }): a is TextModelArtifact => a.format === 'lathe-text-artifact';

/** trainRun's spec: any family; text families and `linear` on one text column go to the text engine. */
export type RunSpec = Omit<TrainSpec, 'family'> & { family: AnyFamily };

export interface ImportanceViews {
  /** Every family: input columns shuffled on held-out rows (k-fold: the first fold's). */
  permutation?: PermutationReport;
  /** gbdt, forest: share of split gain per input column. */
  gain?: FeatureImportance[];
  /** linear: signed coefficients on the fitted (standardised) features. */
  coefficients?: Coefficient[];
}

export interface TrainResult<A extends RunArtifact = ModelArtifact> {
  task: Task;
  classes: (string | number)[] | null;
  /** Test metrics (k-fold: mean over folds). Keys: mae rmse r2 mape, or accuracy precision recall f1 auc prAuc logloss. */
  metrics: Record<string, number>;
  /** k-fold only: metrics of each fold. */
  foldMetrics?: Record<string, number>[];
  /**
   * Per-iteration losses of the (first) fit: train loss and, for gbdt, the
   * early-stopping fold (or the test rows, for monitoring only, when early
   * stopping is off); forest reports out-of-bag loss as valid.
   */
  curves: { train: number[]; valid: number[] };
  /** Tabular runs: permutation importance of the input columns (gain when no held-out rows); text runs: top terms. */
  importance: FeatureImportance[];
  /** Tabular runs: every importance view the family has. */
  importanceViews?: ImportanceViews;
  intervals: IntervalReport | null;
  /** Test rows (indices into the test frame; k-fold: every row, out of fold). */
  predictions: {
    rows: Uint32Array;
    /** Regression values or predicted class indices. */
    values: Float64Array;
    /** Classification: n x K class probabilities. */
    probabilities: Float64Array | null;
  };
  artifact: A;
  cancelled: boolean;
}
