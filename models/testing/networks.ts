/** A small seeded regression set and network for the training-loop tests. */
import { tf } from '../mlp/backend';
import { gaussian, mulberry32 } from '../split/prng';
import type { RowSet } from '../nn/train/batches';

/** y = x·w + 0.1·noise with w = (1, −2, 0.5, 3, …); `flip` negates y (a validation set that training can only get worse on). */
export function linearRows(rows: number, features: number, seed: number, flip = false): RowSet {
  const rand = mulberry32(seed);
  const x = new Float32Array(rows * features), y = new Float32Array(rows);
  const w = Array.from({ length: features }, (_, j) => [1, -2, 0.5, 3][j % 4]);
  for (let r = 0; r < rows; r++) {
    let s = 0;
    for (let j = 0; j < features; j++) s += (x[r * features + j] = gaussian(rand)) * w[j];
    y[r] = (flip ? -s : s) + 0.1 * gaussian(rand);
  }
  return { x, y, rows };
}

/**
 * Dense(hidden, relu) → dropout → dense(1); `seed` sets the initial weights only. The dropout's seed is
 * part of the architecture, fixed here: TF.js draws the same mask for the same seed and shape.
 */
export function smallNetwork(features: number, hidden: number, seed: number, dropout = 0.2): tf.Sequential {
  const net = tf.sequential();
  net.add(tf.layers.dense({ units: hidden, activation: 'relu', inputShape: [features], kernelInitializer: tf.initializers.glorotUniform({ seed }) }));
  if (dropout > 0) net.add(tf.layers.dropout({ rate: dropout, seed: 17 }));
  net.add(tf.layers.dense({ units: 1, kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 2 }) }));
  return net;
}

/** The bits of every weight, to compare two networks exactly. */
export const weightBits = (net: tf.LayersModel): number[][] =>
  net.getWeights().map((w) => Array.from(new Uint32Array(Float32Array.from(w.dataSync() as Float32Array).buffer)));
