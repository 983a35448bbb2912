/**
 * TreeSHAP over a tree ensemble whose output k is offset[k] + scale * (sum of the trees t with
 * t % K == k): gbdt margins (offset = base score, scale = 1) and forest averages (offset = 0,
 * scale = 1 / estimators). Attributions are linear in the trees, so the ensemble's are sums.
 */
import type { Tree } from '../gbdt/tree';
import { PreparedTree, TreeShap, prepareTree } from './treeShap';

export interface TreeEnsembleShap {
  /** Expected output per k under the covers. */
  base: Float64Array;
  /** (r * K + k) * C + c */
  values: Float64Array;
}

export function treeEnsembleShap(
  trees: Tree[], K: number, offset: ArrayLike<number>, scale: number,
  X: Float32Array, rows: number, nFeatures: number, featureColumn: Int32Array, C: number,
): TreeEnsembleShap {
  const prepared: PreparedTree[] = trees.map((t) => prepareTree(t, featureColumn));
  const base = new Float64Array(K);
  for (let k = 0; k < K; k++) base[k] = offset[k];
  let maxDepth = 0;
  for (let t = 0; t < prepared.length; t++) {
    base[t % K] += scale * prepared[t].expected;
    maxDepth = Math.max(maxDepth, prepared[t].depth);
  }
  const values = new Float64Array(rows * K * C);
  const shap = new TreeShap(maxDepth);
  // Trees outer, rows inner: one tree's arrays stay hot in cache across the rows.
  for (let t = 0; t < prepared.length; t++) {
    const k = t % K;
    for (let r = 0; r < rows; r++) shap.explainRow(prepared[t], X, r * nFeatures, values, (r * K + k) * C, scale);
  }
  return { base, values };
}
