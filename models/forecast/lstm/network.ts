/**
 * The network: stacked LSTM layers (every one but the last returns its sequence) and a linear dense head with
 * one output per forecast step (direct) or a single output used recursively — shared/nn's lstm preset, built by
 * models/nn/build (tf-network.ts, apart so the exported runtime, which reads only the shapes here, stays free of it). Initial weights come from our
 * seeded PRNG, not TF.js's initialisers, so a seed fixes them on every backend (and the orthogonal
 * initialiser's console warning above 2,000 elements never fires).
 */
import { tf } from '../../mlp/backend';
import { gaussian, mulberry32 } from '../../split/prng';

/** The network's shape, plain JSON. */
export interface NetworkShape {
  steps: number;
  channels: number;
  units: number[];
  outputs: number;
}

/** Weights in TF.js's order: per LSTM layer kernel [in, 4u], recurrent kernel [u, 4u], bias [4u]; then dense kernel [u, outputs], bias. */
export function weightShapes(n: NetworkShape): number[][] {
  const shapes: number[][] = [];
  let inputs = n.channels;
  for (const u of n.units) {
    shapes.push([inputs, 4 * u], [u, 4 * u], [4 * u]);
    inputs = u;
  }
  shapes.push([inputs, n.outputs], [n.outputs]);
  return shapes;
}

function glorotUniform(rows: number, cols: number, rand: () => number): Float32Array {
  const limit = Math.sqrt(6 / (rows + cols));
  return Float32Array.from({ length: rows * cols }, () => (2 * rand() - 1) * limit);
}

/** A [rows, cols] matrix with orthonormal rows (rows ≤ cols): Gram–Schmidt on Gaussian columns, as Keras does by QR. */
function orthogonalRows(rows: number, cols: number, rand: () => number): Float32Array {
  // Work on the transpose: `rows` orthonormal vectors of length `cols`.
  const v = Array.from({ length: rows }, () => Float64Array.from({ length: cols }, () => gaussian(rand)));
  for (let a = 0; a < rows; a++) {
    for (let b = 0; b < a; b++) {
      let dot = 0;
      for (let k = 0; k < cols; k++) dot += v[a][k] * v[b][k];
      for (let k = 0; k < cols; k++) v[a][k] -= dot * v[b][k];
    }
    let norm = 0;
    for (let k = 0; k < cols; k++) norm += v[a][k] * v[a][k];
    norm = Math.sqrt(norm) || 1;
    for (let k = 0; k < cols; k++) v[a][k] /= norm;
  }
  const out = new Float32Array(rows * cols);
  for (let a = 0; a < rows; a++) out.set(v[a], a * cols);
  return out;
}

/** Seeded starting weights: Glorot-uniform kernels, orthogonal recurrent kernels, forget-gate bias 1. */
export function initialWeights(n: NetworkShape, seed: number): Float32Array[] {
  const rand = mulberry32(seed);
  const out: Float32Array[] = [];
  let inputs = n.channels;
  for (const u of n.units) {
    out.push(glorotUniform(inputs, 4 * u, rand), orthogonalRows(u, 4 * u, rand));
    const bias = new Float32Array(4 * u);
    bias.fill(1, u, 2 * u);
    out.push(bias);
    inputs = u;
  }
  out.push(glorotUniform(inputs, n.outputs, rand), new Float32Array(n.outputs));
  return out;
}

export function setWeights(net: tf.LayersModel, n: NetworkShape, weights: readonly Float32Array[]): void {
  const shapes = weightShapes(n);
  const tensors = weights.map((w, i) => tf.tensor(w, shapes[i]));
  net.setWeights(tensors);
  tf.dispose(tensors);
}

/** The network's current weights, copied out of the backend. */
export function readWeights(net: tf.LayersModel): Float32Array[] {
  return net.getWeights().map((w) => Float32Array.from(w.dataSync() as Float32Array));
}
