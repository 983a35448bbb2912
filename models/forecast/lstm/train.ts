/**
 * Training: the shared loop (models/nn/train) with Adam's update on the masked mean squared error (only the
 * targets a window may learn count), batches in a seeded order, early stopping on the validation tail with
 * the best epoch's weights restored, a stop request honoured between batches.
 */
import { tf } from '../../mlp/backend';
import { trainNetwork as trainLoop, type RowSet } from '../../nn/train/index';
import { readWeights, type NetworkShape } from './network';
import { buildNetwork } from './tf-network';
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

/** Targets and their mask side by side, one row per window: what the shared loop's loss reads. */
function withMask(set: WindowSet, outputs: number): RowSet {
  const y = new Float32Array(set.count * 2 * outputs);
  for (let r = 0; r < set.count; r++) {
    y.set(set.y.subarray(r * outputs, (r + 1) * outputs), r * 2 * outputs);
    y.set(set.mask.subarray(r * outputs, (r + 1) * outputs), r * 2 * outputs + outputs);
  }
  return { x: set.x, y, rows: set.count };
}

export async function trainNetwork(shape: NetworkShape, init: readonly Float32Array[], train: WindowSet, valid: WindowSet, s: TrainSettings): Promise<TrainResult> {
  const net = buildNetwork(shape, init);
  const k = shape.outputs;
  // The loss sees [targets | mask] and averages over the targets a window may learn.
  const loss = (yTrue: tf.Tensor, pred: tf.Tensor) => maskedMse(pred, tf.slice(yTrue, [0, 0], [-1, k]), tf.slice(yTrue, [0, k], [-1, k]));
  try {
    const r = await trainLoop(net, { xShape: [shape.steps, shape.channels], yShape: [2 * k], train: withMask(train, k), valid: valid.count > 0 ? withMask(valid, k) : undefined }, {
      epochs: s.epochs, batchSize: s.batchSize, seed: s.seed ^ 0x5eed, learningRate: s.learningRate, loss,
      // Plain Adam's update; the validation tail picks the best epoch's weights.
      optimizer: { weightDecay: 0 }, restoreBest: true,
      earlyStopping: s.patience > 0 ? { patience: s.patience } : undefined,
      onMetrics: (epoch, m) => s.onMetrics?.(epoch, { loss: m.loss, val_loss: m.val_loss ?? NaN }),
      onProgress: s.onProgress, shouldStop: s.shouldStop,
    });
    return { weights: readWeights(net), epochsRun: r.epochsRun, bestEpoch: r.bestEpoch, bestValLoss: r.bestValLoss ?? NaN, stopped: r.stopped };
  } finally {
    net.dispose();
  }
}
