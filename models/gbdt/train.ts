/**
 * Histogram gradient boosting trainer. The training matrix is binned once
 * (edges from training rows only); each round computes gradients, grows one
 * tree per output with TreeBuilder, applies shrinkage and updates margins.
 */
import { fitBinMapper, binMatrix } from './binning';
import { GbdtParams, earlyStoppingOn, resolveGbdtParams } from './params';
import { TreeBuilder } from './treeBuilder';
import { Tree, addTreePredictions, leafIndex } from './tree';
import { GbdtModel } from './model';
import { refitWithMargins } from './refit';
import {
  baseScore, computeGradients, evalLoss, logisticLossAndGradients, outputCount, quantile, softmaxRows, squaredLossAndGradients,
} from './losses';
import { takeMatrixRows, takeValues } from './matrix';
import { mulberry32, range, shuffleInPlace } from '../split/prng';
import { randomSplit } from '../split/split';
import { availableParallelism } from 'node:os';

export interface GbdtData {
  /** Row-major float32 features, NaN = missing. */
  X: Float32Array;
  nRows: number;
  nCols: number;
  /** Targets; 0/1 for logloss, class index for softmax. */
  y: Float64Array;
}

export interface IterationMetrics {
  train: number;
  valid?: number;
}

export interface GbdtTrainOptions {
  featureNames?: string[];
  /** Per feature: category count when it holds ordinal category codes, else 0. */
  categoryCounts?: ArrayLike<number>;
  /**
   * Rows watched for the validation curve (`curves.valid`, `onIteration`'s `valid`). Early stopping
   * never decides on them: it watches its own held-out share of the training rows, so a caller may
   * pass its test rows here for the live curve. Without them, the curve is the held-out share's.
   */
  valid?: { X: Float32Array; nRows: number; y: Float64Array };
  onIteration?: (iter: number, metrics: IterationMetrics) => void;
  /** Polled before every tree; returning true ends training with the trees built so far. */
  shouldStop?: () => boolean;
  /**
   * Threads for histogram building; results do not depend on it. Default:
   * one core is left to the rest of the app (2 cores: 1 thread, 4 cores: 3),
   * at most 4. Helper threads start only for large enough data.
   */
  threads?: number;
  /**
   * Continue boosting from this model: its margins start every row, its trees come first in the result,
   * and new trees are added with these params. Its loss, outputs and feature count must match.
   */
  init?: GbdtModel;
  /**
   * With `init`: refit its leaf values on the training rows first (refit.ts), keeping this share of each
   * old value; 1 or undefined keeps the model as it is.
   */
  refitDecay?: number;
}

export interface GbdtTrainResult {
  model: GbdtModel;
  params: GbdtParams;
  /** Per round: training loss, `valid` loss (else the held-out share's), held-out share's loss (empty when stopping is off). */
  curves: { train: number[]; valid: number[]; holdout: number[] };
  /** Round (0-based) with the best held-out loss when stopping ended training, else the last round. */
  bestIteration: number;
  /** Whether early stopping was on ('auto' decided by the training-row count). */
  earlyStopping: boolean;
  /** Training rows held out for early stopping (0 when off); the trees were grown on the rest. */
  heldOutRows: number;
  stoppedEarly: boolean;
  cancelled: boolean;
}

function sampleSorted(n: number, m: number, rand: () => number, perm: Uint32Array, out: Uint32Array): number {
  for (let i = 0; i < m; i++) {
    const j = i + Math.floor(rand() * (n - i));
    const t = perm[i];
    perm[i] = perm[j];
    perm[j] = t;
  }
  out.set(perm.subarray(0, m));
  out.subarray(0, m).sort();
  return m;
}

function maxLabel(y: Float64Array): number {
  let m = 0;
  for (let i = 0; i < y.length; i++) if (y[i] > m) m = y[i];
  return m;
}

function defaultThreads(): number {
  return Math.max(1, Math.min(4, availableParallelism() - 1));
}

export function trainGbdt(data: GbdtData, paramsIn: Partial<GbdtParams> = {}, opts: GbdtTrainOptions = {}): GbdtTrainResult {
  const params = resolveGbdtParams(paramsIn);
  const { loss, quantileAlpha } = params;
  const alpha = loss === 'absolute' ? 0.5 : quantileAlpha;
  let { X, nRows: n, y } = data;
  const nCols = data.nCols;
  const stopping = earlyStoppingOn(params, n);
  let holdout: GbdtTrainOptions['valid'];
  if (stopping) {
    const strata = loss === 'logloss' || loss === 'softmax' ? y : undefined;
    const s = randomSplit(n, params.validationFraction, params.seed ^ 0x5eed, strata);
    holdout = { X: takeMatrixRows(X, nCols, s.test), nRows: s.test.length, y: takeValues(y, s.test) };
    X = takeMatrixRows(X, nCols, s.train);
    y = takeValues(y, s.train);
    n = s.train.length;
  }
  let K = outputCount(loss, params.numClasses);
  if (loss === 'softmax' && K === 0) K = maxLabel(y) + 1;
  if (loss === 'softmax' && K < 2) throw new Error('softmax needs at least 2 classes');
  if (opts.init) checkInit(opts.init, loss, K, nCols);
  // Refit on the rows the trees train on, never on the held-out share early stopping decides on.
  const refit = opts.init && opts.refitDecay !== undefined && opts.refitDecay < 1
    ? refitWithMargins(opts.init, X, n, y, { decay: opts.refitDecay, learningRate: params.learningRate, l2: params.l2, alpha })
    : undefined;
  const init = refit?.model ?? opts.init;

  const mapper = fitBinMapper(X, n, nCols, params.maxBins, opts.categoryCounts);
  const builder = new TreeBuilder(binMatrix(mapper, X, n), n, mapper, {
    maxDepth: params.maxDepth,
    maxLeaves: params.maxLeaves,
    growth: params.growth,
    l2: params.l2,
    minChildWeight: params.minChildWeight,
    minSplitGain: params.minSplitGain,
    colsampleByNode: 1,
  }, Math.max(1, Math.floor(opts.threads ?? defaultThreads())));
  try {
    return boost(params, { ...opts, init }, builder, X, y, n, nCols, opts.valid ?? holdout, holdout, K, alpha, refit?.margins);
  } finally {
    builder.close();
  }
}

/** A model to continue from must predict the same outputs from the same features. */
function checkInit(init: GbdtModel, loss: GbdtParams['loss'], K: number, nCols: number): void {
  if (init.loss !== loss) throw new Error(`cannot continue a ${init.loss} model with ${loss} loss`);
  if (init.numOutputs !== K) throw new Error(`cannot continue a model of ${init.numOutputs} outputs with ${K}`);
  if (init.nFeatures !== nCols) throw new Error(`cannot continue a model of ${init.nFeatures} features on ${nCols}`);
}

/** Starting margins: the base score, or a continued model's raw outputs. */
function startMargins(init: GbdtModel | undefined, base: number[], X: Float32Array, n: number, K: number): Float64Array {
  if (init) return init.predictRaw(X, n);
  const m = new Float64Array(n * K);
  for (let i = 0; i < m.length; i++) m[i] = base[i % K];
  return m;
}

function boost(
  params: GbdtParams, opts: GbdtTrainOptions, builder: TreeBuilder,
  X: Float32Array, y: Float64Array, n: number, nCols: number,
  valid: GbdtTrainOptions['valid'], holdout: GbdtTrainOptions['valid'], K: number, alpha: number,
  /** The training rows' margins when the caller already has them (a refit computes them). */
  knownMargins?: Float64Array,
): GbdtTrainResult {
  const { loss, learningRate } = params;
  const init = opts.init;
  const base = init ? init.baseScore.slice() : baseScore(loss, y, K, alpha);
  const margins = knownMargins ?? startMargins(init, base, X, n, K);
  const vn = valid ? valid.nRows : 0;
  const vMargins = valid ? startMargins(init, base, valid.X, vn, K) : new Float64Array(0);
  // The held-out share's margins, unless it is also the curve's set.
  const separateHoldout = holdout !== undefined && holdout !== valid;
  const hn = separateHoldout ? holdout.nRows : 0;
  const hMargins = separateHoldout ? startMargins(init, base, holdout.X, hn, K) : new Float64Array(0);
  const marginK = K > 1 ? null : margins;
  const probs = loss === 'softmax' ? new Float64Array(n * K) : null;
  const grad = new Float64Array(n);
  const hess = new Float64Array(n);
  const rand = mulberry32(params.seed);
  const allRows = range(n);
  const rowPerm = range(n);
  const sampled = new Uint32Array(n);
  const rows = new Uint32Array(n);
  const inSample = new Uint8Array(n);
  const allFeatures = Int32Array.from(range(nCols));
  const nTreeFeat = Math.max(1, Math.round(nCols * params.colsample));
  const resid = new Float64Array(n);
  // Logloss: exp(-margin) per row, updated with the margins (see logisticLossAndGradients).
  const expNeg = loss === 'logloss' ? margins.map((v) => Math.exp(-v)) : null;

  const initTrees = init ? init.trees.length : 0;
  const trees: Tree[] = init ? init.trees.slice() : [];
  const curves = { train: [] as number[], valid: [] as number[], holdout: [] as number[] };
  let best = Infinity, bestIter = -1, stoppedEarly = false, cancelled = false;
  // Continuing: the model as it was is a candidate too, so stopping never leaves it worse on the held-out share.
  if (init && holdout) best = evalLoss(loss, holdout.y, separateHoldout ? hMargins : vMargins, K, alpha);
  // Logloss and squared loss: the train-loss pass also leaves the next round's gradients in grad/hess.
  let gradientsReady = false;
  for (let iter = 0; iter < params.trees; iter++) {
    if (opts.shouldStop?.()) {
      cancelled = true;
      break;
    }
    const m = params.subsample < 1 ? Math.max(1, Math.round(n * params.subsample)) : n;
    if (m < n) {
      sampleSorted(n, m, rand, rowPerm, sampled);
      inSample.fill(0);
      for (let i = 0; i < m; i++) inSample[sampled[i]] = 1;
    } else sampled.set(allRows);
    let features = allFeatures;
    if (nTreeFeat < nCols) features = shuffleInPlace(Int32Array.from(allFeatures), rand).subarray(0, nTreeFeat).sort();
    if (probs) softmaxRows(margins, K, probs);
    for (let k = 0; k < K; k++) {
      // Per-class margin view for the single-output gradient formulas.
      if (!gradientsReady) computeGradients(loss, y, marginK ?? margins, probs, K, k, alpha, grad, hess);
      gradientsReady = false;
      rows.set(sampled.subarray(0, m));
      const built = builder.build(grad, hess, rows.subarray(0, m), features, rand);
      const tree = built.tree;
      for (let i = 0; i < tree.value.length; i++) tree.value[i] *= learningRate;
      for (let l = 0; l < built.leafNode.length; l++) {
        const node = built.leafNode[l], s = built.leafStart[l], e = built.leafEnd[l];
        if (loss === 'absolute' || loss === 'quantile') {
          // Newton steps are meaningless for piecewise-linear losses: use the residual quantile instead.
          const len = e - s;
          for (let i = 0; i < len; i++) resid[i] = y[rows[s + i]] - margins[rows[s + i]];
          tree.value[node] = learningRate * quantile(resid.subarray(0, len), alpha);
        }
        const v = tree.value[node];
        if (expNeg) {
          const f = Math.exp(-v);
          for (let i = s; i < e; i++) {
            const r = rows[i];
            margins[r] += v;
            expNeg[r] *= f;
          }
        } else for (let i = s; i < e; i++) margins[rows[i] * K + k] += v;
      }
      if (m < n) {
        for (let r = 0; r < n; r++) {
          if (inSample[r]) continue;
          const v = tree.value[leafIndex(tree, X, nCols, r)];
          margins[r * K + k] += v;
          if (expNeg) expNeg[r] *= Math.exp(-v);
        }
      }
      if (valid) addTreePredictions(tree, valid.X, vn, nCols, vMargins, K, k);
      if (separateHoldout) addTreePredictions(tree, holdout.X, hn, nCols, hMargins, K, k);
      trees.push(tree);
    }
    let trainLoss: number;
    if (loss === 'logloss') {
      trainLoss = logisticLossAndGradients(y, margins, expNeg!, grad, hess);
      gradientsReady = true;
    } else if (loss === 'squared') {
      trainLoss = squaredLossAndGradients(y, margins, grad, hess);
      gradientsReady = true;
    } else trainLoss = evalLoss(loss, y, margins, K, alpha);
    const validLoss = valid ? evalLoss(loss, valid.y, vMargins, K, alpha) : undefined;
    const holdoutLoss = separateHoldout ? evalLoss(loss, holdout.y, hMargins, K, alpha) : holdout ? validLoss : undefined;
    curves.train.push(trainLoss);
    if (validLoss !== undefined) curves.valid.push(validLoss);
    if (holdoutLoss !== undefined) curves.holdout.push(holdoutLoss);
    opts.onIteration?.(iter, validLoss === undefined ? { train: trainLoss } : { train: trainLoss, valid: validLoss });
    if (holdoutLoss !== undefined) {
      if (holdoutLoss < best) {
        best = holdoutLoss;
        bestIter = iter;
      } else if (iter - bestIter >= params.earlyStoppingRounds) {
        stoppedEarly = true;
        break;
      }
    }
  }
  if (stoppedEarly) trees.length = initTrees + (bestIter + 1) * K;
  const rounds = (trees.length - initTrees) / K;
  const model = new GbdtModel(loss, K, base, nCols, opts.featureNames ?? Array.from({ length: nCols }, (_, i) => `f${i}`), trees);
  return {
    model, params, curves, bestIteration: stoppedEarly ? bestIter : rounds - 1,
    earlyStopping: holdout !== undefined, heldOutRows: holdout?.nRows ?? 0, stoppedEarly, cancelled,
  };
}
