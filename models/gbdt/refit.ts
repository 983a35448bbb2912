/**
 * Leaf refit of a boosted ensemble on new rows (LightGBM's `refit` with `refit_decay_rate`): the trees keep
 * their structure and thresholds; tree by tree, in boosting order, each leaf's value becomes
 *   decay · old + (1 − decay) · learningRate · Newton step of the rows reaching it,
 * the step taken from the gradients of the margins of the trees before it (already refitted). Absolute and
 * quantile losses take the residual quantile as their step, as their boosting does. A leaf no row reaches
 * keeps its value. The result is a new model; the given one is not changed.
 */
import { GbdtModel } from './model';
import { computeGradients, quantile, softmaxRows } from './losses';
import { leafIndices, type Tree } from './tree';

export interface RefitOptions {
  /** Weight of the old leaf value, in [0, 1]: 1 keeps the model as it is, 0 takes the new step alone. */
  decay: number;
  /** Shrinkage of the new step (the trees were grown with it). */
  learningRate: number;
  /** L2 penalty on leaf values, as in boosting. */
  l2: number;
  /** Quantile for the quantile loss (absolute uses 0.5). */
  alpha?: number;
}

export function refitLeaves(model: GbdtModel, X: Float32Array, n: number, y: Float64Array, o: RefitOptions): GbdtModel {
  return refitWithMargins(model, X, n, y, o).model;
}

/** refitLeaves, also returning the refitted model's raw margins on the rows (row-major n x outputs), which it computes anyway. */
export function refitWithMargins(model: GbdtModel, X: Float32Array, n: number, y: Float64Array, o: RefitOptions): { model: GbdtModel; margins: Float64Array } {
  if (!(o.decay >= 0 && o.decay <= 1)) throw new Error(`refit decay must be within [0, 1], got ${o.decay}`);
  if (X.length !== n * model.nFeatures) throw new Error(`expected ${model.nFeatures} features per row`);
  const { loss, numOutputs: K, nFeatures } = model;
  const alpha = loss === 'absolute' ? 0.5 : o.alpha ?? 0.5;
  const margins = new Float64Array(n * K);
  for (let i = 0; i < margins.length; i++) margins[i] = model.baseScore[i % K];
  const probs = loss === 'softmax' ? new Float64Array(n * K) : null;
  const column = K > 1 ? null : margins;
  const grad = new Float64Array(n), hess = new Float64Array(n);
  const leafOf = new Int32Array(n);
  const trees: Tree[] = [];
  for (let t = 0; t < model.trees.length; t++) {
    const k = t % K;
    if (probs && k === 0) softmaxRows(margins, K, probs);
    const old = model.trees[t];
    const tree: Tree = { ...old, value: old.value.slice() };
    leafIndices(old, X, nFeatures, n, leafOf);
    const steps = loss === 'absolute' || loss === 'quantile'
      ? quantileSteps(leafOf, y, margins, K, k, alpha, old.value.length)
      : newtonSteps(leafOf, grad, hess, o.l2, old.value.length, () => computeGradients(loss, y, column ?? margins, probs, K, k, alpha, grad, hess));
    for (let node = 0; node < steps.length; node++) {
      const s = steps[node];
      if (s === s) tree.value[node] = o.decay * old.value[node] + (1 - o.decay) * o.learningRate * s;
    }
    for (let r = 0; r < n; r++) margins[r * K + k] += tree.value[leafOf[r]];
    trees.push(tree);
  }
  return { model: new GbdtModel(loss, K, model.baseScore.slice(), nFeatures, model.featureNames.slice(), trees), margins };
}

/** Per node, −G/(H + l2) over the rows reaching it; NaN where none does. */
function newtonSteps(leafOf: Int32Array, grad: Float64Array, hess: Float64Array, l2: number, nodes: number, gradients: () => void): Float64Array {
  gradients();
  const G = new Float64Array(nodes), H = new Float64Array(nodes), count = new Uint32Array(nodes);
  for (let r = 0; r < leafOf.length; r++) {
    const l = leafOf[r];
    G[l] += grad[r];
    H[l] += hess[r];
    count[l]++;
  }
  const out = new Float64Array(nodes).fill(NaN);
  for (let l = 0; l < nodes; l++) if (count[l] > 0) out[l] = -G[l] / (H[l] + l2);
  return out;
}

/** Per node, the residual quantile of the rows reaching it; NaN where none does. */
function quantileSteps(leafOf: Int32Array, y: Float64Array, margins: Float64Array, K: number, k: number, alpha: number, nodes: number): Float64Array {
  const byLeaf = new Map<number, number[]>();
  for (let r = 0; r < leafOf.length; r++) {
    let list = byLeaf.get(leafOf[r]);
    if (!list) byLeaf.set(leafOf[r], (list = []));
    list.push(y[r] - margins[r * K + k]);
  }
  const out = new Float64Array(nodes).fill(NaN);
  for (const [l, resid] of byLeaf) out[l] = quantile(Float64Array.from(resid), alpha);
  return out;
}
