/**
 * The shared training loop for Lathe's networks: AdamW with a per-batch learning-rate schedule,
 * optional clipping by global norm, batches gathered from typed arrays in an order drawn per epoch from
 * a seeded generator, the epoch's train and validation loss reported, a stop request honoured between
 * batches, early stopping on the validation loss with the best epoch's weights restored, and a
 * checkpoint after every epoch from which a run continues exactly: on the 'cpu' backend a resumed run
 * ends with the same weights, bit for bit, as one that was never interrupted. Dropout layers must be
 * seeded for that, with the same seeds in the resumed network (TF.js draws a seeded dropout's mask from
 * the seed alone; an unseeded one from its own generator, which no checkpoint holds).
 * Reported losses are the data loss alone; layer regularisers are added to the minimised objective only.
 * The batches are trained by an engine (engine.ts): a WebAssembly kernel (models/nn/kernel) for plain dense
 * networks and stacked LSTM layers under a dense head — deterministic, and resumable bit for bit too — else TF.js.
 */
import { noteTrainingDevice, type tf } from '../../mlp/backend';
import { kernelEngine } from '../kernel/kernel-engine';
import type { AdamWConfig } from './adamw';
import { checkRowSet, type RowSet } from './batches';
import { checkResumable, decodeArray, encodeArray, type CheckpointFingerprint, type TrainCheckpoint } from './checkpoint';
import { tfjsEngine, type EngineSettings, type TrainEngine } from './engine';
import { lossFunction, type LossFn, type LossName } from './losses';
import { SeededRng } from './rng';
import { makeSchedule, type ScheduleSpec } from './schedule';

export interface NetworkData {
  /** Shape of one input row and of one target row, e.g. [features] and [outputs], or [steps, channels]. */
  xShape: number[];
  yShape: number[];
  train: RowSet;
  /** Rows for the validation curve and early stopping. */
  valid?: RowSet;
}

export interface TrainOptions {
  epochs: number;
  batchSize: number;
  seed: number;
  loss: LossName | LossFn;
  /** The constant rate, the cosine's peak or the one-cycle's maximum. */
  learningRate: number;
  /** AdamW's other settings (weight decay 0.01, betas 0.9 / 0.999, ε 1e-8 by default). */
  optimizer?: Omit<AdamWConfig, 'learningRate'>;
  schedule?: ScheduleSpec;
  /** Clip the gradients to this global L2 norm; none when absent. */
  clipNorm?: number;
  /** Stop after `patience` epochs whose validation loss is not below the best by more than `minDelta`. */
  earlyStopping?: { patience: number; minDelta?: number };
  /** With validation rows: end with the weights of the best epoch (default true). */
  restoreBest?: boolean;
  /** After each epoch (1-based): loss, val_loss (with validation rows), lr (the last batch's). */
  onMetrics?: (epoch: number, values: Record<string, number>) => void;
  /** Share of all batches done, in [0, 1], at most about every 1 % and after each epoch. */
  onProgress?: (fraction: number, message: string) => void;
  /** Polled before every batch; true ends the run (status 'cancelled'). */
  shouldStop?: () => boolean;
  /** After each epoch; the caller stores it to resume a crashed or cancelled run. */
  onCheckpoint?: (checkpoint: TrainCheckpoint) => void | Promise<void>;
  /** Continue from a checkpoint of a run with the same seed, batch size, rows and network shape. */
  resumeFrom?: TrainCheckpoint;
  /**
   * 'auto' (default): a WebAssembly kernel when one covers the network (plain dense layers, or LSTM layers under a dense head), else
   * TF.js on its active backend; 'tfjs': TF.js always.
   */
  engine?: 'auto' | 'tfjs';
}

export interface TrainResult {
  /** Epochs completed, counting those before a resume. */
  epochsRun: number;
  /** The epoch whose weights the model ends with (1-based; 0 when none completed). */
  bestEpoch: number;
  bestValLoss: number | null;
  stopped: 'epochs' | 'patience' | 'cancelled';
  curves: { train: number[]; valid: number[] };
  /** Optimizer steps taken, counting those before a resume. */
  steps: number;
  /** What trained the batches: 'wasm-kernel' or the TF.js backend's name. */
  device: string;
  /** Why the kernel did not train this network (absent when it did, or when TF.js was asked for). */
  kernelSkipped?: string;
}

interface Best {
  epoch: number;
  loss: number | null;
  sinceBest: number;
  /** A copy of the best epoch's weights (with validation rows). */
  weights: Float32Array[] | null;
}

/** The kernel when asked and able, else TF.js; the kernel's reason for declining goes into the result. */
function openEngine(model: tf.LayersModel, data: NetworkData, o: TrainOptions, lossOf: LossFn): { engine: TrainEngine; kernelSkipped?: string } {
  const settings: EngineSettings = { xShape: data.xShape, yShape: data.yShape, train: data.train, lossOf, optimizer: { ...o.optimizer, learningRate: o.learningRate }, clipNorm: o.clipNorm };
  if (o.engine === 'tfjs') return { engine: tfjsEngine(model, settings) };
  const k = kernelEngine(model, o.loss, o.batchSize, settings);
  return 'engine' in k ? k : { engine: tfjsEngine(model, settings), kernelSkipped: k.reason };
}

function fingerprintOf(model: tf.LayersModel, data: NetworkData, o: TrainOptions): CheckpointFingerprint {
  return {
    seed: o.seed, batchSize: o.batchSize, trainRows: data.train.rows, validRows: data.valid?.rows ?? 0,
    weightShapes: model.getWeights().map((w) => [...w.shape]),
  };
}

function checkOptions(o: TrainOptions): void {
  if (!Number.isInteger(o.epochs) || o.epochs < 1) throw new Error('epochs must be a positive integer');
  if (!Number.isInteger(o.batchSize) || o.batchSize < 1) throw new Error('batchSize must be a positive integer');
  if (o.earlyStopping && !(o.earlyStopping.patience >= 1)) throw new Error('early stopping needs a patience of at least 1');
}

/**
 * Trains `model` (one input, one output, float32 weights) in place — on the dense WebAssembly kernel when
 * it covers the network, else on the active TF.js backend — and returns how the run went; the model ends
 * with the best epoch's weights when there are validation rows.
 */
export async function trainNetwork(model: tf.LayersModel, data: NetworkData, o: TrainOptions): Promise<TrainResult> {
  checkOptions(o);
  checkRowSet('train', data.train, data.xShape, data.yShape);
  if (data.valid) checkRowSet('valid', data.valid, data.xShape, data.yShape);
  const lossOf = lossFunction(o.loss);
  const varShapes = model.trainableWeights.map((w) => w.shape as number[]);
  const batchesPerEpoch = Math.ceil(data.train.rows / o.batchSize);
  const totalSteps = o.epochs * batchesPerEpoch;
  const schedule = makeSchedule(o.schedule ?? { kind: 'constant' }, o.learningRate, totalSteps);
  const rng = new SeededRng(o.seed);
  const fingerprint = fingerprintOf(model, data, o);
  const patience = o.earlyStopping?.patience ?? Infinity, minDelta = o.earlyStopping?.minDelta ?? 0;
  const restoreBest = (o.restoreBest ?? true) && data.valid !== undefined;
  const curves = { train: [] as number[], valid: [] as number[] };
  let best: Best = { epoch: 0, loss: null, sinceBest: 0, weights: null };
  let epoch = 0;
  const { engine, kernelSkipped } = openEngine(model, data, o, lossOf);
  noteTrainingDevice(engine.device, kernelSkipped);

  if (o.resumeFrom) {
    const c = o.resumeFrom;
    try {
      checkResumable(c, fingerprint);
    } catch (e) {
      engine.close();
      throw e;
    }
    engine.writeWeights(c.weights.map(decodeArray));
    engine.setState({ step: c.optimizer.step, m: c.optimizer.m.map(decodeArray), v: c.optimizer.v.map(decodeArray) });
    rng.state = c.rng;
    const bestWeights = c.best.weights ?? (c.best.epoch === c.epoch && data.valid ? c.weights : null);
    best = { epoch: c.best.epoch, loss: c.best.loss, sinceBest: c.best.sinceBest, weights: bestWeights?.map(decodeArray) ?? null };
    curves.train.push(...c.curves.train);
    curves.valid.push(...c.curves.valid);
    epoch = c.epoch;
  }

  let stopped: TrainResult['stopped'] = best.sinceBest >= patience ? 'patience' : 'epochs';
  let lastReported = -1;
  const report = (done: number, message: string, force: boolean) => {
    const fraction = Math.min(1, done / totalSteps);
    if (!o.onProgress || (!force && fraction - lastReported < 0.01)) return;
    lastReported = fraction;
    o.onProgress(fraction, message);
  };

  try {
    while (stopped === 'epochs' && epoch < o.epochs) {
      const order = rng.permutation(data.train.rows);
      let lossSum = 0, lr = 0;
      for (let b = 0; b < batchesPerEpoch; b++) {
        if (o.shouldStop?.()) {
          stopped = 'cancelled';
          break;
        }
        const from = b * o.batchSize, to = Math.min(data.train.rows, from + o.batchSize);
        lr = schedule(engine.steps);
        lossSum += engine.step(order, from, to, lr) * (to - from);
        report(epoch * batchesPerEpoch + b + 1, `epoch ${epoch + 1} of ${o.epochs}`, false);
      }
      if (stopped === 'cancelled') break;
      epoch++;
      const trainLoss = lossSum / data.train.rows;
      curves.train.push(trainLoss);
      const metrics: Record<string, number> = { loss: trainLoss, lr };
      if (data.valid) {
        const valLoss = engine.evaluate(data.valid);
        curves.valid.push(valLoss);
        metrics.val_loss = valLoss;
        // NaN never wins; the first finite loss always does.
        if (Number.isFinite(valLoss) && (best.loss === null || valLoss < best.loss - minDelta)) {
          best = { epoch, loss: valLoss, sinceBest: 0, weights: engine.readWeights() };
        } else if (++best.sinceBest >= patience) {
          stopped = 'patience';
        }
      }
      o.onMetrics?.(epoch, metrics);
      report(epoch * batchesPerEpoch, `epoch ${epoch} of ${o.epochs}`, true);
      if (o.onCheckpoint) await o.onCheckpoint(checkpointOf(engine, fingerprint.weightShapes, varShapes, rng, fingerprint, epoch, best, curves));
    }
    // Also after a cancel: the weights of a half-done epoch are no epoch's.
    if (restoreBest && best.weights) engine.writeWeights(best.weights);
  } finally {
    engine.close();
  }
  if (stopped === 'patience') o.onProgress?.(1, `stopped early after epoch ${epoch}: no better validation loss since epoch ${best.epoch}`);
  return {
    epochsRun: epoch, bestEpoch: restoreBest ? best.epoch : epoch, bestValLoss: best.loss, stopped, curves, steps: engine.steps,
    device: engine.device, ...(kernelSkipped ? { kernelSkipped } : {}),
  };
}

function checkpointOf(engine: TrainEngine, shapes: readonly number[][], varShapes: readonly number[][], rng: SeededRng, fingerprint: CheckpointFingerprint, epoch: number, best: Best, curves: TrainResult['curves']): TrainCheckpoint {
  const state = engine.getState();
  return {
    format: 'lathe-nn-checkpoint', version: 1, epoch, fingerprint,
    weights: engine.readWeights().map((w, i) => encodeArray(w, shapes[i])),
    optimizer: { step: state.step, m: state.m.map((a, i) => encodeArray(a, varShapes[i])), v: state.v.map((a, i) => encodeArray(a, varShapes[i])) },
    rng: rng.state,
    // The best epoch's weights are stored apart only when they are not this epoch's.
    best: { epoch: best.epoch, loss: best.loss, sinceBest: best.sinceBest, weights: best.weights && best.epoch !== epoch ? best.weights.map((a, i) => encodeArray(a, shapes[i])) : null },
    curves: { train: [...curves.train], valid: [...curves.valid] },
  };
}
