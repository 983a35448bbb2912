/**
 * Exact path-dependent TreeSHAP for one flat tree (Lundberg, Erion & Lee 2018, Algorithm 2:
 * EXTEND / UNWIND over the unique path of features from the root).
 *
 * Players are input columns, not encoded features: every node is labelled with the column its
 * feature comes from, so a column split on through several encoded features (date parts,
 * tf-idf terms) is one player, exactly like a feature split on twice. The result is then the
 * exact Shapley value of the column under the path-dependent conditional expectation.
 *
 * The "zero fractions" are each child's share of the covers of the two children (hessian sums
 * for gbdt, bootstrap counts for forest). Children's covers add up to the parent's only up to
 * rounding, so normalising keeps efficiency exact: sum(phi) = f(x) - expectedValue.
 */
import type { Tree } from '../gbdt/tree';

export interface PreparedTree {
  tree: Tree;
  /** Per node: source column of the split feature; -1 at leaves. */
  column: Int32Array;
  /** Per internal node: share of the children's cover that goes left (the right gets 1 - share). */
  leftShare: Float64Array;
  /** Deepest leaf (root = 0). */
  depth: number;
  /** Expected output under the covers. */
  expected: number;
}

/** The branch rule of leafIndex, for one node. */
export function goesLeft(tree: Tree, n: number, x: number): boolean {
  if (x !== x) return tree.defaultLeft[n] === 1;
  if (tree.isCategorical[n] === 1) {
    const end = tree.catStart[n] + tree.catCount[n];
    for (let i = tree.catStart[n]; i < end; i++) if (tree.catValues[i] === x) return true;
    return false;
  }
  return x < tree.threshold[n];
}

export function prepareTree(tree: Tree, featureColumn: Int32Array): PreparedTree {
  const n = tree.feature.length;
  const { left, right, cover, value } = tree;
  const column = new Int32Array(n).fill(-1);
  const leftShare = new Float64Array(n);
  const depthOf = new Int32Array(n);
  let depth = 0;
  // Children are always created after their parent, so one forward pass sets depths.
  for (let i = 0; i < n; i++) {
    if (left[i] < 0) {
      if (depthOf[i] > depth) depth = depthOf[i];
      continue;
    }
    column[i] = featureColumn[tree.feature[i]];
    const cl = cover[left[i]], cr = cover[right[i]];
    leftShare[i] = cl + cr > 0 ? cl / (cl + cr) : 0.5;
    depthOf[left[i]] = depthOf[right[i]] = depthOf[i] + 1;
  }
  const e = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    e[i] = left[i] < 0 ? value[i] : leftShare[i] * e[left[i]] + (1 - leftShare[i]) * e[right[i]];
  }
  return { tree, column, leftShare, depth, expected: n ? e[0] : 0 };
}

/**
 * Reusable path buffers. A path element is four numbers in one array (column, zero fraction,
 * one fraction, permutation weight), so a level's path is copied with one copyWithin. Each
 * recursion level owns a slice: a call at unique depth d copies its parent's d elements and
 * appends its own right after the parent's slice.
 */
export class TreeShap {
  private path: Float64Array;
  // Per-call state, kept on the instance to keep the recursion's argument list short.
  private t!: PreparedTree;
  private X!: Float32Array;
  private xOff = 0;
  private phi!: Float64Array;
  private phiOff = 0;
  private scale = 1;

  constructor(maxDepth: number) {
    this.path = new Float64Array(4 * (((maxDepth + 2) * (maxDepth + 3)) / 2 + 1));
    ensureReciprocals(maxDepth);
  }

  /** Adds scale * SHAP values of the row X[xOff ..] to phi[phiOff + column]. */
  explainRow(t: PreparedTree, X: Float32Array, xOff: number, phi: Float64Array, phiOff: number, scale: number): void {
    if (t.tree.left.length === 0 || t.tree.left[0] < 0) return; // a single leaf attributes nothing
    if (4 * (((t.depth + 2) * (t.depth + 3)) / 2 + 1) > this.path.length) throw new Error('TreeShap buffers too small for tree depth');
    this.t = t;
    this.X = X;
    this.xOff = xOff;
    this.phi = phi;
    this.phiOff = phiOff;
    this.scale = scale;
    this.recurse(0, 0, 0, 1, 1, -1);
  }

  private recurse(node: number, depth: number, parentStart: number, pZero: number, pOne: number, pCol: number): void {
    const path = this.path;
    const start = parentStart + 4 * (depth + 1);
    path.copyWithin(start, parentStart, parentStart + 4 * depth);
    extend(path, start, depth, pZero, pOne, pCol);
    const { tree, column, leftShare } = this.t;
    const l = tree.left[node];
    if (l < 0) {
      const v = tree.value[node] * this.scale;
      const phi = this.phi, phiOff = this.phiOff;
      for (let i = 1; i <= depth; i++) {
        const e = start + 4 * i;
        phi[phiOff + path[e]] += unwoundSum(path, start, depth, i) * (path[e + 2] - path[e + 1]) * v;
      }
      return;
    }
    const r = tree.right[node];
    const col = column[node];
    const left = goesLeft(tree, node, this.X[this.xOff + tree.feature[node]]);
    const hot = left ? l : r, cold = left ? r : l;
    const hotShare = left ? leftShare[node] : 1 - leftShare[node];
    let inZero = 1, inOne = 1;
    let k = 0;
    while (k <= depth && path[start + 4 * k] !== col) k++;
    if (k <= depth) {
      // Column already on the path: undo its earlier split so this node redoes it with the combined fractions.
      inZero = path[start + 4 * k + 1];
      inOne = path[start + 4 * k + 2];
      unwind(path, start, depth, k);
      depth--;
    }
    const hz = hotShare * inZero, cz = (1 - hotShare) * inZero;
    // A branch no background mass and no row path reaches contributes nothing (and would divide by 0 below).
    if (hz !== 0 || inOne !== 0) this.recurse(hot, depth + 1, start, hz, inOne, col);
    if (cz !== 0) this.recurse(cold, depth + 1, start, cz, 0, col);
  }
}

// Path element e at p[s + 4e]: column, zero fraction, one fraction, weight. Divisions are by
// small integers, taken from a reciprocal table: the loops run for every leaf of every tree.

/** INV[i] = 1 / i. Unique path lengths never exceed the tree depth + 1. */
let INV = reciprocals(64);

function reciprocals(n: number): Float64Array {
  return Float64Array.from({ length: n + 1 }, (_, i) => (i ? 1 / i : 0));
}

function ensureReciprocals(maxDepth: number): void {
  if (INV.length < maxDepth + 3) INV = reciprocals(maxDepth + 3);
}

function extend(p: Float64Array, s: number, d: number, z: number, o: number, col: number): void {
  const e = s + 4 * d;
  p[e] = col;
  p[e + 1] = z;
  p[e + 2] = o;
  p[e + 3] = d === 0 ? 1 : 0;
  const inv = INV[d + 1];
  for (let i = d - 1; i >= 0; i--) {
    const w = s + 4 * i + 3;
    p[w + 4] += o * p[w] * (i + 1) * inv;
    p[w] = z * p[w] * (d - i) * inv;
  }
}

function unwind(p: Float64Array, s: number, d: number, k: number): void {
  const z = p[s + 4 * k + 1], o = p[s + 4 * k + 2];
  let next = p[s + 4 * d + 3];
  const inv = INV[d + 1];
  if (o !== 0) {
    const scale = (d + 1) / o;
    for (let i = d - 1; i >= 0; i--) {
      const w = s + 4 * i + 3;
      const tmp = p[w];
      p[w] = next * scale * INV[i + 1];
      next = tmp - p[w] * z * (d - i) * inv;
    }
  } else {
    const scale = (d + 1) / z;
    for (let i = d - 1; i >= 0; i--) p[s + 4 * i + 3] *= scale * INV[d - i];
  }
  // Drop element k: shift the later elements' column and fractions down (weights are already in place).
  for (let i = k; i < d; i++) {
    const e = s + 4 * i;
    p[e] = p[e + 4];
    p[e + 1] = p[e + 5];
    p[e + 2] = p[e + 6];
  }
}

/** Total path weight with element k unwound, without modifying the path. */
function unwoundSum(p: Float64Array, s: number, d: number, k: number): number {
  const z = p[s + 4 * k + 1], o = p[s + 4 * k + 2];
  let total = 0;
  if (o !== 0) {
    const scale = (d + 1) / o, zInv = z * INV[d + 1];
    let next = p[s + 4 * d + 3];
    for (let i = d - 1; i >= 0; i--) {
      const tmp = next * scale * INV[i + 1];
      total += tmp;
      next = p[s + 4 * i + 3] - tmp * zInv * (d - i);
    }
  } else if (z !== 0) {
    const scale = (d + 1) / z;
    for (let i = d - 1; i >= 0; i--) total += p[s + 4 * i + 3] * scale * INV[d - i];
  }
  return total;
}
