/**
 * Lathe trees (gbdt / forest) as one `ai.onnx.ml` TreeEnsembleRegressor.
 *
 * - numeric split `x < threshold`      -> BRANCH_LT on the float32 threshold
 * - categorical split `x in {c1..cm}`  -> chain of BRANCH_EQ nodes: each true
 *   branch goes to the left child, each false branch to the next test, the
 *   last false branch to the right child (an empty set always goes right)
 * - missing values                     -> nodes_missing_value_tracks_true = defaultLeft
 *   (on every node of a chain, so NaN reaches the left child at the first
 *   test or falls through all of them to the right child)
 *
 * Leaf weights and base values are double tensors and the ensemble is fed a
 * double copy of the float32 features, so onnxruntime accumulates the sum in
 * double (thresholds compare exactly: float32 values widen losslessly) and
 * rounds once to the float output.
 */
import type { TreeJSON } from '../../gbdt/tree';
import { attr, GraphBuilder, ML, tensorProto } from './proto';

export interface EnsembleSpec {
  trees: TreeJSON[];
  /** Number of outputs; tree t feeds output t % numOutputs. */
  numOutputs: number;
  /**
   * Base value per output, or per output and copy: with C = baseValues.length / numOutputs
   * copies, every leaf also feeds target (t % numOutputs) + c * numOutputs for c < C, so
   * copies differ only by their base value (used for interval bounds).
   */
  baseValues: number[];
  /** Every leaf value is divided by this (forest averaging; 1 for boosting). */
  leafDivisor: number;
  nFeatures: number;
}

/** Adds the ensemble on `xDouble` ([N, F] double) and returns its [N, baseValues.length] float output. */
export function treeEnsemble(g: GraphBuilder, xDouble: string, spec: EnsembleSpec): string {
  const treeIds: number[] = [], nodeIds: number[] = [], featureIds: number[] = [], modes: string[] = [];
  const values: number[] = [], trueIds: number[] = [], falseIds: number[] = [], missingTrue: number[] = [];
  const tTree: number[] = [], tNode: number[] = [], tTarget: number[] = [], tWeight: number[] = [];
  const copies = spec.baseValues.length / spec.numOutputs;
  if (!Number.isInteger(copies) || copies < 1) throw new Error('base values do not match the number of outputs');

  spec.trees.forEach((tree, t) => {
    const n = tree.feature.length;
    if (n === 0) throw new Error(`tree ${t} has no nodes`);
    // First pass: ids. A categorical node with m > 1 categories needs m - 1 extra chain nodes.
    const id = new Int32Array(n);
    const order: number[] = [];
    let next = 0;
    const stack = [0];
    while (stack.length) {
      const k = stack.pop()!;
      order.push(k);
      id[k] = next;
      const internal = tree.left[k] >= 0;
      next += internal && tree.isCategorical[k] === 1 ? Math.max(1, tree.catCount[k]) : 1;
      if (internal) stack.push(tree.right[k], tree.left[k]);
    }
    const push = (nodeId: number, feature: number, mode: string, value: number, tId: number, fId: number, miss: number) => {
      treeIds.push(t); nodeIds.push(nodeId); featureIds.push(feature); modes.push(mode);
      values.push(value); trueIds.push(tId); falseIds.push(fId); missingTrue.push(miss);
    };
    for (const k of order) {
      const left = tree.left[k];
      if (left < 0) {
        push(id[k], 0, 'LEAF', 0, 0, 0, 0);
        const w = tree.value[k] / spec.leafDivisor;
        for (let c = 0; c < copies; c++) {
          tTree.push(t); tNode.push(id[k]); tTarget.push((t % spec.numOutputs) + c * spec.numOutputs); tWeight.push(w);
        }
        continue;
      }
      const feature = tree.feature[k];
      if (feature < 0 || feature >= spec.nFeatures) throw new Error(`tree ${t} node ${k}: feature ${feature} out of range`);
      const miss = tree.defaultLeft[k] ? 1 : 0;
      const l = id[left], r = id[tree.right[k]];
      if (tree.isCategorical[k] !== 1) {
        push(id[k], feature, 'BRANCH_LT', tree.threshold[k], l, r, miss);
        continue;
      }
      const m = tree.catCount[k];
      if (m === 0) {
        // Nothing is in an empty set: finite codes go right, missing follows defaultLeft.
        push(id[k], feature, 'BRANCH_LT', -Infinity, l, r, miss);
        continue;
      }
      for (let i = 0; i < m; i++) {
        const code = tree.catValues[tree.catStart[k] + i];
        push(id[k] + i, feature, 'BRANCH_EQ', code, l, i === m - 1 ? r : id[k] + i + 1, miss);
      }
    }
  });

  return g.op('TreeEnsembleRegressor', [xDouble], {
    n_targets: attr.int(spec.baseValues.length),
    aggregate_function: attr.string('SUM'),
    post_transform: attr.string('NONE'),
    nodes_treeids: attr.ints(treeIds),
    nodes_nodeids: attr.ints(nodeIds),
    nodes_featureids: attr.ints(featureIds),
    nodes_modes: attr.strings(modes),
    nodes_values_as_tensor: attr.tensor(tensorProto('double', [values.length], values)),
    nodes_truenodeids: attr.ints(trueIds),
    nodes_falsenodeids: attr.ints(falseIds),
    nodes_missing_value_tracks_true: attr.ints(missingTrue),
    target_treeids: attr.ints(tTree),
    target_nodeids: attr.ints(tNode),
    target_ids: attr.ints(tTarget),
    target_weights_as_tensor: attr.tensor(tensorProto('double', [tWeight.length], tWeight)),
    base_values_as_tensor: attr.tensor(tensorProto('double', [spec.baseValues.length], spec.baseValues)),
  }, { domain: ML });
}
