/**
 * The training loop: Adam on the masked mean squared error (only the targets a window may learn count),
 * batches in a seeded order, early stopping on the validation tail with the best epoch's weights restored.
 * Our own loop rather than `model.fit`, so a stop request is honoured between batches, not only between epochs.
 */
import { tf } from '../../mlp/backend';
import { mulberry32, range, shuffleInPlace } from '../../split/prng';
import { buildNetwork, readWeights, type NetworkShape } from './network';
import type { WindowSet } from './windows';

export interface TrainSettings {
  epochs: number;
  /** Epochs without a better validation loss before stopping; 0 = run every epoch. */
  patience: number;
  learningRate: number;
  batchSize: number;
  seed: number;
  onProgress?: (fraction: number, message: string) => void;
  onMetrics?: (step: number, values: Record<string, number>) => void;
  shouldStop?: () => boolean;
}

export interface TrainResult {
  /** The weights of the epoch with the lowest validation loss. */
  weights: Float32Array[];
  epochsRun: number;
  bestEpoch: number;
  bestValLoss: number;
  stopped: 'epochs' | 'patience' | 'cancelled';
}

const PREDICT_CHUNK = 4096;

function maskedMse(pred: tf.Tensor, y: tf.Tensor, mask: tf.Tensor): tf.Scalar {
  return tf.div(tf.sum(tf.mul(tf.square(tf.sub(pred, y)), mask)), tf.maximum(tf.sum(mask), 1)) as tf.Scalar;
}

/** Network outputs for windows laid out as in `WindowSet.x`, in chunks so a large tail never needs one huge tensor. */
export function predictWith(net: tf.LayersModel, shape: NetworkShape, x: Float32Array, count: number): Float32Array {
  const inSize = shape.steps * shape.channels;
  const out = new Float32Array(count * shape.outputs);
  for (let start = 0; start < count; start += PREDICT_CHUNK) {
    const n = Math.min(PREDICT_CHUNK, count - start);
    const part = tf.tidy(() => {
      const xs = tf.tensor3d(x.subarray(start * inSize, (start + n) * inSize), [n, shape.steps, shape.channels]);
      return (net.predict(xs) as tf.Tensor).dataSync() as Float32Array;
    });
    out.set(part, start * shape.outputs);
  }
  return out;
}

function validationLoss(net: tf.LayersModel, shape: NetworkShape, valid: WindowSet): number {
  const pred = predictWith(net, shape, valid.x, valid.count);
  let sum = 0, n = 0;
  for (let i = 0; i < pred.length; i++) {
    if (valid.mask[i] === 0) continue;
    sum += (pred[i] - valid.y[i]) ** 2;
    n++;
  }
  return n > 0 ? sum / n : NaN;
}

/** Rows `rows` of a [count, size] array, gathered in order. */
function gatherRows(src: Float32Array, size: number, rows: ArrayLike<number>, from: number, to: number): Float32Array {
  const out = new Float32Array((to - from) * size);
  for (let r = from; r < to; r++) out.set(src.subarray(rows[r] * size, (rows[r] + 1) * size), (r - from) * size);
  return out;
}

export async function trainNetwork(shape: NetworkShape, init: readonly Float32Array[], train: WindowSet, valid: WindowSet, s: TrainSettings): Promise<TrainResult> {
  const net = buildNetwork(shape, init);
  const optimizer = tf.train.adam(s.learningRate);
  const variables = net.trainableWeights.map((w) => w.read() as tf.Variable);
  const inSize = shape.steps * shape.channels;
  const rand = mulberry32(s.seed ^ 0x5eed);
  const result: TrainResult = { weights: readWeights(net), epochsRun: 0, bestEpoch: 0, bestValLoss: Infinity, stopped: 'epochs' };
  let sinceBest = 0;
  try {
    for (let epoch = 1; epoch <= s.epochs; epoch++) {
      const order = shuffleInPlace(range(train.count), rand);
      let lossSum = 0, lossWeight = 0;
      for (let from = 0; from < train.count; from += s.batchSize) {
        if (s.shouldStop?.()) {
          result.stopped = 'cancelled';
          break;
        }
        const to = Math.min(train.count, from + s.batchSize);
        const n = to - from;
        const xb = tf.tensor3d(gatherRows(train.x, inSize, order, from, to), [n, shape.steps, shape.channels]);
        const yb = tf.tensor2d(gatherRows(train.y, shape.outputs, order, from, to), [n, shape.outputs]);
        const mb = tf.tensor2d(gatherRows(train.mask, shape.outputs, order, from, to), [n, shape.outputs]);
        const cost = optimizer.minimize(() => maskedMse(net.apply(xb, { training: true }) as tf.Tensor, yb, mb), true, variables);
        let weight = 0;
        for (let r = from; r < to; r++) for (let j = 0; j < shape.outputs; j++) weight += train.mask[order[r] * shape.outputs + j];
        lossSum += cost!.dataSync()[0] * weight;
        lossWeight += weight;
        tf.dispose([xb, yb, mb, cost!]);
      }
      if (result.stopped === 'cancelled') break;
      result.epochsRun = epoch;
      const valLoss = validationLoss(net, shape, valid);
      s.onMetrics?.(epoch, { loss: lossWeight > 0 ? lossSum / lossWeight : NaN, val_loss: valLoss });
      s.onProgress?.(epoch / s.epochs, `epoch ${epoch} of ${s.epochs}`);
      // NaN never wins: a diverged epoch keeps the last good weights.
      if (valLoss < result.bestValLoss || (result.bestEpoch === 0 && !Number.isNaN(valLoss))) {
        result.bestValLoss = valLoss;
        result.bestEpoch = epoch;
        result.weights = readWeights(net);
        sinceBest = 0;
      } else if (s.patience > 0 && ++sinceBest >= s.patience) {
        result.stopped = 'patience';
        break;
      }
    }
  } finally {
    optimizer.dispose();
    net.dispose();
  }
  return result;
}
