/** Feature matrices of a panel and one boosting stage, stopped on the training tail's one-step error. */
import { GbdtModel } from '../../gbdt/model';
import { DEFAULT_GBDT_PARAMS } from '../../gbdt/params';
import { trainGbdt, type IterationMetrics } from '../../gbdt/train';
import { categoryCounts, featureNames, targetAt, writeFeatureRow, type FeatureSpec, type SeriesView } from './features';

export interface Rows {
  X: Float32Array;
  y: Float64Array;
  nRows: number;
  nCols: number;
}

/** Rows of grid indices from(s) .. to(s) − 1 of every series (rows whose target is missing left out). */
export function buildRows(spec: FeatureSpec, views: readonly SeriesView[], from: (s: number) => number, to: (s: number) => number): Rows {
  const nCols = featureNames(spec).length;
  let capacity = 0;
  views.forEach((_, s) => (capacity += Math.max(0, to(s) - from(s))));
  const X = new Float32Array(capacity * nCols);
  const y = new Float64Array(capacity);
  let n = 0;
  views.forEach((view, s) => {
    for (let t = from(s); t < to(s); t++) {
      const target = targetAt(spec, view, t);
      if (Number.isNaN(target)) continue;
      writeFeatureRow(spec, view, t, X, n * nCols);
      y[n++] = target;
    }
  });
  return { X: X.subarray(0, n * nCols), y: y.subarray(0, n), nRows: n, nCols };
}

export interface StageOptions {
  trees: number;
  learningRate: number;
  maxDepth: number;
  seed: number;
  onTree?: (iter: number, metrics: IterationMetrics) => void;
  shouldStop?: () => boolean;
}

export interface StageResult {
  model: GbdtModel;
  /** Rounds kept: up to the best validation round when `valid` was given. */
  rounds: number;
  /** The caller's shouldStop ended the stage. */
  cancelled: boolean;
}

/**
 * One boosting stage. With `valid` (the tail's rows), stops once their error has not improved for the gbdt
 * family's patience and keeps the trees up to the best round; without, grows exactly `trees` rounds.
 */
export function trainStage(spec: FeatureSpec, train: Rows, valid: Rows | null, o: StageOptions): StageResult {
  const patience = DEFAULT_GBDT_PARAMS.earlyStoppingRounds;
  let best = Infinity;
  let bestIter = -1;
  let stalled = false;
  let cancelled = false;
  const result = trainGbdt(
    { X: train.X, nRows: train.nRows, nCols: train.nCols, y: train.y },
    { trees: o.trees, learningRate: o.learningRate, maxDepth: o.maxDepth, seed: o.seed, earlyStopping: 'off' },
    {
      featureNames: featureNames(spec),
      categoryCounts: categoryCounts(spec),
      valid: valid && valid.nRows > 0 ? { X: valid.X, nRows: valid.nRows, y: valid.y } : undefined,
      onIteration(iter, metrics) {
        if (metrics.valid !== undefined) {
          if (metrics.valid < best) {
            best = metrics.valid;
            bestIter = iter;
          } else if (iter - bestIter >= patience) stalled = true;
        }
        o.onTree?.(iter, metrics);
      },
      shouldStop: () => {
        if (stalled) return true;
        cancelled = o.shouldStop?.() ?? false;
        return cancelled;
      },
    },
  );
  const m = result.model;
  if (bestIter < 0 || bestIter + 1 >= m.rounds) return { model: m, rounds: m.rounds, cancelled };
  const kept = new GbdtModel(m.loss, m.numOutputs, m.baseScore, m.nFeatures, m.featureNames, m.trees.slice(0, bestIter + 1));
  return { model: kept, rounds: kept.rounds, cancelled };
}
