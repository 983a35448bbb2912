/** Fits one model family on pipeline output and wraps it behind a common interface. */
import type { Family, ModelArtifact } from './types';
import type { Task } from './task';
import type { Tree } from '../gbdt/tree';
import type { Pipeline, PipelineOptions } from '../pipeline/pipeline';
import { trainGbdt } from '../gbdt/train';
import { GbdtModel, type GbdtModelJSON } from '../gbdt/model';
import type { GbdtParams } from '../gbdt/params';
import { fitLogistic, fitRidge, LinearModel } from '../linear/linear';
import { trainForest } from '../forest/forest';
import type { MlpModel, MlpModelJSON } from '../mlp/mlp';
import { familyParams, progressTotal } from '../../shared/families/index';
import { GBDT_WARM_START } from '../../shared/families/gbdt';
import type { TrainCheckpoint } from '../nn/train/checkpoint';

export interface MatrixData {
  X: Float32Array;
  nRows: number;
  nCols: number;
  y: Float64Array;
}

/** Uniform view of a trained model: regression values, P(class 1) for binary, n x K probabilities for multiclass. */
export interface FittedModel {
  predict(X: Float32Array, nRows: number): Float64Array;
  toJSON(): ModelArtifact['model'];
  trees: Tree[] | null;
  /** Tree ensembles: predict() from the trees' summed outputs, tree t into output t % outputs (fast re-scoring). */
  treeSums?: { outputs: number; finish: (sums: Float64Array) => Float64Array };
}

export interface FitOutcome {
  model: FittedModel;
  curves: { train: number[]; valid: number[] };
  cancelled: boolean;
}

export interface FitHooks {
  onIteration?: (iter: number, total: number, metrics: { train: number; valid?: number }) => void;
  shouldStop?: () => boolean;
  /** An earlier model of the same family to continue from (gbdt, mlp); the other families refit. */
  init?: ModelArtifact['model'];
  /** Networks (mlp): after each epoch, the state an interrupted run continues from. */
  onCheckpoint?: (checkpoint: TrainCheckpoint) => void | Promise<void>;
  /** Networks (mlp): continue from this checkpoint of the same run. */
  resumeFrom?: TrainCheckpoint;
}

/** Trees consume raw values and category codes; linear models and networks need dense standardised input. */
export function defaultPipelineOptions(family: Family): Partial<PipelineOptions> {
  return family === 'gbdt' || family === 'forest'
    ? { treeMode: true }
    : { treeMode: false, standardize: true, missingIndicators: true, categorical: 'onehot' };
}

export async function fitFamily(
  family: Family,
  task: Task,
  numClasses: number,
  data: MatrixData,
  monitor: { X: Float32Array; nRows: number; y: Float64Array } | null,
  /** The family's parameters (checked and completed from its schema here) plus the seed. */
  params: Readonly<Record<string, unknown>> & { seed: number },
  pipeline: Pipeline,
  hooks: FitHooks,
): Promise<FitOutcome> {
  const featureNames = pipeline.featureNames;
  const { seed, ...given } = params;
  const total = progressTotal(family, familyParams(family, given));
  if (family === 'gbdt') {
    const p = familyParams('gbdt', given);
    const loss = task === 'regression' ? p.loss : task === 'binary' ? 'logloss' : 'softmax';
    const full: Partial<GbdtParams> = { ...p, seed, loss, numClasses: task === 'multiclass' ? numClasses : 0 };
    if (hooks.init) full.learningRate = p.learningRate * GBDT_WARM_START.learningRateScale;
    const res = trainGbdt(data, full, {
      featureNames,
      categoryCounts: pipeline.categoryCounts,
      // The test rows only draw the live curve: the trainer stops on its own held-out share, never on them.
      valid: monitor ?? undefined,
      onIteration: (i, m) => hooks.onIteration?.(i, total, m),
      shouldStop: hooks.shouldStop,
      init: hooks.init ? GbdtModel.fromJSON(hooks.init as GbdtModelJSON) : undefined,
      refitDecay: GBDT_WARM_START.refitDecay,
    });
    const m = res.model;
    const treeSums = { outputs: m.numOutputs, finish: (s: Float64Array) => m.fromTreeSums(s) };
    return { model: { predict: (X, n) => m.predict(X, n), toJSON: () => m.toJSON(), trees: m.trees, treeSums }, curves: res.curves, cancelled: res.cancelled };
  }
  if (family === 'forest') {
    const p = { ...familyParams('forest', given), seed };
    const res = trainForest(data, p, {
      task: task === 'regression' ? 'regression' : 'classification',
      numClasses,
      featureNames,
      categoryCounts: pipeline.categoryCounts,
      onIteration: (i, m) => hooks.onIteration?.(i, total, { train: NaN, valid: m.train }),
      shouldStop: hooks.shouldStop,
    });
    const m = res.model;
    return {
      model: {
        predict: (X, n) => m.predict(X, n), toJSON: () => m.toJSON(), trees: m.trees,
        treeSums: { outputs: m.outputs, finish: (s: Float64Array) => m.fromTreeSums(s) },
      },
      curves: { train: [], valid: res.curve },
      cancelled: res.cancelled,
    };
  }
  if (family === 'linear') {
    const p = familyParams('linear', given);
    const curve: number[] = [];
    let stopped = false;
    const shouldStop = () => (stopped ||= hooks.shouldStop?.() ?? false);
    let m: LinearModel;
    if (task === 'regression') m = fitRidge(data.X, data.nRows, data.nCols, data.y, p);
    else {
      m = fitLogistic(data.X, data.nRows, data.nCols, data.y, numClasses, p, {
        onIteration: (i, loss) => {
          curve.push(loss);
          hooks.onIteration?.(i, total, { train: loss });
        },
        shouldStop,
      });
    }
    return {
      model: { predict: (X, n) => m.predict(X, n), toJSON: () => m.toJSON(), trees: null },
      curves: { train: curve, valid: [] },
      cancelled: stopped,
    };
  }
  // Loaded lazily so tree and linear users never pay for TF.js start-up.
  const { trainMlp } = await import('../mlp/mlp');
  const p = { ...familyParams('mlp', given), seed };
  const mlpHooks = {
    valid: monitor ?? undefined,
    onEpoch: (i: number, m: { train: number; valid?: number }) => hooks.onIteration?.(i, total, m),
    shouldStop: hooks.shouldStop,
    init: hooks.init as MlpModelJSON | undefined,
    onCheckpoint: hooks.onCheckpoint,
    resumeFrom: hooks.resumeFrom,
  };
  const res = await trainMlp(data, task, numClasses, p, mlpHooks);
  const m: MlpModel = res.model;
  return { model: { predict: (X, n) => m.predict(X, n), toJSON: () => m.toJSON(), trees: null }, curves: res.curves, cancelled: res.cancelled };
}
