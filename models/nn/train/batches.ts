/** Row batches from flat typed arrays: a set of rows is one Float32Array of rows × the row's size. */
import { tf } from '../../mlp/backend';

export interface RowSet {
  /** rows × prod(xShape) inputs, row-major. */
  x: Float32Array;
  /** rows × prod(yShape) targets, row-major. */
  y: Float32Array;
  rows: number;
}

export const sizeOf = (shape: readonly number[]): number => shape.reduce((p, d) => p * d, 1);

/** Rows order[from..to) of a [rows, size] array, in that order. */
export function gatherRows(src: Float32Array, size: number, order: ArrayLike<number>, from: number, to: number): Float32Array {
  const out = new Float32Array((to - from) * size);
  for (let r = from; r < to; r++) out.set(src.subarray(order[r] * size, (order[r] + 1) * size), (r - from) * size);
  return out;
}

/** The batch as tensors shaped [n, ...xShape] and [n, ...yShape]; the caller disposes them. */
export function batchTensors(set: RowSet, xShape: readonly number[], yShape: readonly number[], order: ArrayLike<number>, from: number, to: number): { x: tf.Tensor; y: tf.Tensor } {
  const n = to - from;
  return {
    x: tf.tensor(gatherRows(set.x, sizeOf(xShape), order, from, to), [n, ...xShape], 'float32'),
    y: tf.tensor(gatherRows(set.y, sizeOf(yShape), order, from, to), [n, ...yShape], 'float32'),
  };
}

/** Contiguous rows [from, to) as tensors (no copy of the order), for evaluation. */
export function sliceTensors(set: RowSet, xShape: readonly number[], yShape: readonly number[], from: number, to: number): { x: tf.Tensor; y: tf.Tensor } {
  const n = to - from, xs = sizeOf(xShape), ys = sizeOf(yShape);
  return {
    x: tf.tensor(set.x.slice(from * xs, to * xs), [n, ...xShape], 'float32'),
    y: tf.tensor(set.y.slice(from * ys, to * ys), [n, ...yShape], 'float32'),
  };
}

/** Throws, naming the set, when its arrays do not hold `rows` rows of the given shapes. */
export function checkRowSet(name: string, set: RowSet, xShape: readonly number[], yShape: readonly number[]): void {
  if (!Number.isInteger(set.rows) || set.rows < 1) throw new Error(`${name}: needs at least one row`);
  if (set.x.length !== set.rows * sizeOf(xShape)) throw new Error(`${name}: x holds ${set.x.length} values, expected ${set.rows} × ${sizeOf(xShape)}`);
  if (set.y.length !== set.rows * sizeOf(yShape)) throw new Error(`${name}: y holds ${set.y.length} values, expected ${set.rows} × ${sizeOf(yShape)}`);
}
