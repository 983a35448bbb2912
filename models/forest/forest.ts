/**
 * Random forest built on the gbdt TreeBuilder.
 *
 * Each estimator sees a bootstrap sample, expressed as per-row weights
 * (gradient = -target * count, hessian = count, l2 = 0) so that a leaf value
 * -G/H is exactly the bootstrap mean of the target in that leaf, and splits
 * minimise squared error. Features are sampled at every node.
 *
 * Classification uses one tree per class on 0/1 indicator targets (a single
 * tree for binary): leaves then hold class frequencies, the squared-error
 * criterion on an indicator equals the Gini criterion, and the single-output
 * builder is reused unchanged. Class probabilities are tree averages,
 * renormalised per row for multiclass.
 */
import { fitBinMapper, binMatrix } from '../gbdt/binning';
import { TreeBuilder } from '../gbdt/treeBuilder';
import { Tree, TreeJSON, addTreePredictions, leafIndex, treeFromJSON, treeToJSON } from '../gbdt/tree';
import { mulberry32 } from '../split/prng';
import { FOREST_DEFAULTS, type FamilyParams } from '../../shared/families/index';

/** Stated once, with ranges and help, in the family schema; the seed comes from the run. */
export type ForestParams = FamilyParams<'forest'> & { seed: number };
export const DEFAULT_FOREST_PARAMS: ForestParams = { ...FOREST_DEFAULTS, seed: 0 };

export type ForestTask = 'regression' | 'classification';

export interface ForestModelJSON {
  format: 'lathe-forest';
  version: 1;
  task: ForestTask;
  numClasses: number;
  /** Trees per estimator: 1 for regression and binary, numClasses for multiclass. */
  outputs: number;
  nFeatures: number;
  featureNames: string[];
  trees: TreeJSON[];
}

export class ForestModel {
  constructor(
    readonly task: ForestTask,
    readonly numClasses: number,
    readonly outputs: number,
    readonly nFeatures: number,
    readonly featureNames: string[],
    readonly trees: Tree[],
  ) {}

  /** Regression values, P(class 1) for binary, or n x K class probabilities. */
  predict(X: Float32Array, nRows: number): Float64Array {
    const K = this.outputs;
    const out = new Float64Array(nRows * K);
    for (let t = 0; t < this.trees.length; t++) addTreePredictions(this.trees[t], X, nRows, this.nFeatures, out, K, t % K);
    return this.fromTreeSums(out);
  }

  /** predict() from the trees' summed outputs (row-major nRows x outputs, tree t into output t % outputs). */
  fromTreeSums(sums: Float64Array): Float64Array {
    const K = this.outputs;
    const out = Float64Array.from(sums);
    const est = this.trees.length / K;
    for (let i = 0; i < out.length; i++) out[i] /= est;
    if (K > 1) normaliseRows(out, K);
    return out;
  }

  toJSON(): ForestModelJSON {
    return {
      format: 'lathe-forest', version: 1, task: this.task, numClasses: this.numClasses, outputs: this.outputs,
      nFeatures: this.nFeatures, featureNames: this.featureNames.slice(), trees: this.trees.map(treeToJSON),
    };
  }

  static fromJSON(j: ForestModelJSON): ForestModel {
    if (j.format !== 'lathe-forest') throw new Error('not a lathe forest model');
    return new ForestModel(j.task, j.numClasses, j.outputs, j.nFeatures, j.featureNames, j.trees.map(treeFromJSON));
  }
}

function normaliseRows(p: Float64Array, K: number): void {
  for (let r = 0; r < p.length / K; r++) {
    let s = 0;
    for (let k = 0; k < K; k++) s += p[r * K + k];
    for (let k = 0; k < K; k++) p[r * K + k] = s > 0 ? p[r * K + k] / s : 1 / K;
  }
}

export interface ForestTrainOptions {
  task: ForestTask;
  /** Classes for classification (labels 0..K-1). */
  numClasses?: number;
  featureNames?: string[];
  categoryCounts?: ArrayLike<number>;
  /** Called after each estimator with the out-of-bag loss so far (rmse or logloss). */
  onIteration?: (iter: number, metrics: { train: number }) => void;
  shouldStop?: () => boolean;
}

export function trainForest(
  data: { X: Float32Array; nRows: number; nCols: number; y: Float64Array },
  paramsIn: Partial<ForestParams>,
  opts: ForestTrainOptions,
): { model: ForestModel; curve: number[]; cancelled: boolean } {
  const params = { ...DEFAULT_FOREST_PARAMS, ...paramsIn };
  const { X, nRows: n, nCols, y } = data;
  const classification = opts.task === 'classification';
  const numClasses = classification ? opts.numClasses ?? y.reduce((m, v) => Math.max(m, v), 0) + 1 : 0;
  const K = classification && numClasses > 2 ? numClasses : 1;
  const colsample = params.colsample > 0 ? params.colsample : classification ? Math.sqrt(nCols) / nCols : 1 / 3;
  const mapper = fitBinMapper(X, n, nCols, params.maxBins, opts.categoryCounts);
  const builder = new TreeBuilder(binMatrix(mapper, X, n), n, mapper, {
    maxDepth: params.maxDepth, maxLeaves: 0 /* unused by depthwise growth */, growth: 'depthwise', l2: 0,
    minChildWeight: params.minChildWeight, minSplitGain: 0, colsampleByNode: Math.min(1, colsample),
  });
  const rand = mulberry32(params.seed);
  const counts = new Float64Array(n);
  const grad = new Float64Array(n), hess = new Float64Array(n);
  const rows = new Uint32Array(n);
  const features = Int32Array.from({ length: nCols }, (_, i) => i);
  const oobSum = new Float64Array(n * K), oobCount = new Float64Array(n);
  const trees: Tree[] = [];
  const curve: number[] = [];
  let cancelled = false;
  for (let t = 0; t < params.trees; t++) {
    if (opts.shouldStop?.()) {
      cancelled = true;
      break;
    }
    counts.fill(params.bootstrap ? 0 : 1);
    if (params.bootstrap) for (let i = 0; i < n; i++) counts[Math.floor(rand() * n)]++;
    let m = 0;
    for (let r = 0; r < n; r++) if (counts[r] > 0) rows[m++] = r;
    for (let k = 0; k < K; k++) {
      const cls = K > 1 ? k : 1;
      for (let r = 0; r < n; r++) {
        const target = classification ? (y[r] === cls ? 1 : 0) : y[r];
        grad[r] = -target * counts[r];
        hess[r] = counts[r];
      }
      const tree = builder.build(grad, hess, rows.subarray(0, m), features, rand).tree;
      trees.push(tree);
      for (let r = 0; r < n; r++) if (counts[r] === 0) oobSum[r * K + k] += tree.value[leafIndex(tree, X, nCols, r)];
    }
    for (let r = 0; r < n; r++) if (counts[r] === 0) oobCount[r]++;
    const loss = oobLoss(y, oobSum, oobCount, K, classification);
    curve.push(loss);
    opts.onIteration?.(t, { train: loss });
  }
  const model = new ForestModel(opts.task, numClasses, K, nCols, opts.featureNames ?? Array.from({ length: nCols }, (_, i) => `f${i}`), trees);
  return { model, curve, cancelled };
}

/** Out-of-bag rmse (regression) or logloss (classification) over rows that were out of bag at least once. */
function oobLoss(y: Float64Array, sum: Float64Array, count: Float64Array, K: number, classification: boolean): number {
  let s = 0, m = 0;
  const p = new Float64Array(K);
  for (let r = 0; r < y.length; r++) {
    if (count[r] === 0) continue;
    m++;
    if (!classification) {
      s += (sum[r] / count[r] - y[r]) ** 2;
      continue;
    }
    let pTrue: number;
    if (K === 1) pTrue = y[r] === 1 ? sum[r] / count[r] : 1 - sum[r] / count[r];
    else {
      let tot = 0;
      for (let k = 0; k < K; k++) tot += p[k] = sum[r * K + k];
      pTrue = tot > 0 ? p[y[r]] / tot : 1 / K;
    }
    s -= Math.log(Math.min(1 - 1e-15, Math.max(1e-15, pTrue)));
  }
  if (m === 0) return NaN;
  return classification ? s / m : Math.sqrt(s / m);
}
