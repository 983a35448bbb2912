/**
 * Training: the shared loop (models/nn/train) with Adam's update on the masked mean squared error (only the
 * targets a window may learn count), batches in a seeded order, early stopping on the validation tail with
 * the best epoch's weights restored, a stop request honoured between batches.
 */
import { tf } from '../../mlp/backend';
import { trainNetwork as trainLoop, type RowSet, type TrainCheckpoint } from '../../nn/train/index';
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
  /** After each epoch: the state to resume this fit from. */
  onCheckpoint?: (checkpoint: TrainCheckpoint) => void | Promise<void>;
  /** Continue from a checkpoint of this same fit (a finished fit's last one trains nothing more). */
  resumeFrom?: TrainCheckpoint;
  /** 'auto' (default): the LSTM WebAssembly kernel where it runs, else TF.js; 'tfjs': TF.js always. */
  engine?: 'auto' | 'tfjs';
}

export interface TrainResult {
  /** The weights of the epoch with the lowest validation loss. */
  weights: Float32Array[];
  epochsRun: number;
  bestEpoch: number;
  bestValLoss: number;
  stopped: 'epochs' | 'patience' | 'cancelled';
  /** What trained it: 'wasm-kernel' or a TF.js backend's name. */
  device: string;
}

const PREDICT_CHUNK = 4096;

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
  try {
    const r = await trainLoop(net, { xShape: [shape.steps, shape.channels], yShape: [2 * k], train: withMask(train, k), valid: valid.count > 0 ? withMask(valid, k) : undefined }, {
      // The loss sees [targets | mask] and averages over the targets a window may learn.
      epochs: s.epochs, batchSize: s.batchSize, seed: s.seed ^ 0x5eed, learningRate: s.learningRate, loss: 'maskedMeanSquaredError', engine: s.engine,
      // Plain Adam's update; the validation tail picks the best epoch's weights.
      optimizer: { weightDecay: 0 }, restoreBest: true,
      earlyStopping: s.patience > 0 ? { patience: s.patience } : undefined,
      onMetrics: (epoch, m) => s.onMetrics?.(epoch, { loss: m.loss, val_loss: m.val_loss ?? NaN }),
      onProgress: s.onProgress, shouldStop: s.shouldStop, onCheckpoint: s.onCheckpoint, resumeFrom: s.resumeFrom,
    });
    return { weights: readWeights(net), epochsRun: r.epochsRun, bestEpoch: r.bestEpoch, bestValLoss: r.bestValLoss ?? NaN, stopped: r.stopped, device: r.device };
  } finally {
    net.dispose();
  }
}
