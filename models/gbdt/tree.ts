/**
 * Flat decision tree shared by gbdt and forest.
 *
 * Decision rule at an internal node n (mirrors ONNX TreeEnsemble BRANCH_LT):
 *   - x is NaN                 -> defaultLeft[n] ? left : right
 *   - categorical node         -> x in category set ? left : right
 *   - numeric node             -> x < threshold[n] ? left : right
 * Thresholds are float32 values and inputs are float32, so the comparison is
 * exact in any float32 runtime. Leaves have left = right = -1.
 */
import { packedLeafIndices } from './traverse';

export interface Tree {
  feature: Int32Array;
  threshold: Float32Array;
  left: Int32Array;
  right: Int32Array;
  defaultLeft: Uint8Array;
  isCategorical: Uint8Array;
  /** Leaf output (shrinkage already applied); for internal nodes the value the node would have as a leaf. */
  value: Float64Array;
  /** Loss reduction of the split (0 at leaves); used for gain importance. */
  gain: Float64Array;
  /** Hessian sum reaching the node. */
  cover: Float64Array;
  /** Category sets: node n's set is catValues[catStart[n] .. catStart[n] + catCount[n]). */
  catStart: Int32Array;
  catCount: Int32Array;
  catValues: Int32Array;
}

export interface TreeJSON {
  feature: number[];
  threshold: number[];
  left: number[];
  right: number[];
  defaultLeft: number[];
  isCategorical: number[];
  value: number[];
  gain: number[];
  cover: number[];
  catStart: number[];
  catCount: number[];
  catValues: number[];
}

export function nodeCount(tree: Tree): number {
  return tree.feature.length;
}

/** Index of the leaf reached by row r of a row-major matrix. */
export function leafIndex(tree: Tree, X: Float32Array, nCols: number, r: number): number {
  const { feature, threshold, left, right, defaultLeft, isCategorical, catStart, catCount, catValues } = tree;
  let n = 0;
  while (left[n] >= 0) {
    const x = X[r * nCols + feature[n]];
    let goLeft: boolean;
    if (x !== x) goLeft = defaultLeft[n] === 1;
    else if (isCategorical[n] === 1) {
      goLeft = false;
      const end = catStart[n] + catCount[n];
      for (let i = catStart[n]; i < end; i++) {
        if (catValues[i] === x) {
          goLeft = true;
          break;
        }
      }
    } else goLeft = x < threshold[n];
    n = goLeft ? left[n] : right[n];
  }
  return n;
}

/** leafIndex for every row into out; prediction, refit and continued boosting spend most of their time here. */
export function leafIndices(tree: Tree, X: Float32Array, nCols: number, nRows: number, out: Int32Array): Int32Array {
  if (!packedLeafIndices(tree, X, nCols, nRows, out)) for (let r = 0; r < nRows; r++) out[r] = leafIndex(tree, X, nCols, r);
  return out;
}

/** Adds the tree's output for every row to out[r * stride + k]. */
export function addTreePredictions(
  tree: Tree,
  X: Float32Array,
  nRows: number,
  nCols: number,
  out: Float64Array,
  stride: number,
  k: number,
  scratch: Int32Array = new Int32Array(nRows),
): void {
  const value = tree.value;
  const leaf = leafIndices(tree, X, nCols, nRows, scratch);
  for (let r = 0; r < nRows; r++) out[r * stride + k] += value[leaf[r]];
}

export function treeToJSON(t: Tree): TreeJSON {
  return {
    feature: Array.from(t.feature),
    threshold: Array.from(t.threshold),
    left: Array.from(t.left),
    right: Array.from(t.right),
    defaultLeft: Array.from(t.defaultLeft),
    isCategorical: Array.from(t.isCategorical),
    value: Array.from(t.value),
    gain: Array.from(t.gain),
    cover: Array.from(t.cover),
    catStart: Array.from(t.catStart),
    catCount: Array.from(t.catCount),
    catValues: Array.from(t.catValues),
  };
}

export function treeFromJSON(j: TreeJSON): Tree {
  return {
    feature: Int32Array.from(j.feature),
    threshold: Float32Array.from(j.threshold),
    left: Int32Array.from(j.left),
    right: Int32Array.from(j.right),
    defaultLeft: Uint8Array.from(j.defaultLeft),
    isCategorical: Uint8Array.from(j.isCategorical),
    value: Float64Array.from(j.value),
    gain: Float64Array.from(j.gain),
    cover: Float64Array.from(j.cover),
    catStart: Int32Array.from(j.catStart),
    catCount: Int32Array.from(j.catCount),
    catValues: Int32Array.from(j.catValues),
  };
}
