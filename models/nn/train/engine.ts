/**
 * What trains a network's batches for the loop (loop.ts): TF.js on its active backend, or a WebAssembly
 * kernel (dense or LSTM) for the networks it covers. The loop keeps the epochs, order, schedule, early
 * stopping and checkpoints; an engine keeps the weights and the optimizer's moments between batches.
 */
import { tf } from '../../mlp/backend';
import { AdamW, type AdamWConfig, type AdamWState } from './adamw';
import { batchTensors, sliceTensors, type RowSet } from './batches';
import { clipByGlobalNorm } from './clip';
import type { LossFn } from './losses';

export interface TrainEngine {
  /** What trains: a TF.js backend's name (e.g. 'wasm', 'cpu') or 'wasm-kernel'. */
  readonly device: string;
  /** Optimizer steps taken. */
  readonly steps: number;
  /** One optimizer step on rows order[from..to) at rate `lr`; the batch's mean data loss. */
  step(order: Uint32Array, from: number, to: number, lr: number): number;
  /** Row-weighted mean data loss over a set, without dropout. */
  evaluate(set: RowSet): number;
  readWeights(): Float32Array[];
  writeWeights(values: readonly Float32Array[]): void;
  getState(): AdamWState;
  setState(state: AdamWState): void;
  /** Leaves the current weights in the model and frees what the engine holds. */
  close(): void;
}

export interface EngineSettings {
  xShape: number[];
  yShape: number[];
  train: RowSet;
  lossOf: LossFn;
  optimizer: AdamWConfig;
  clipNorm?: number;
}

const EVAL_CHUNK = 1024;

function forward(model: tf.LayersModel, x: tf.Tensor, training: boolean): tf.Tensor {
  const out = model.apply(x, { training });
  if (Array.isArray(out) || !(out instanceof tf.Tensor)) throw new Error('trainNetwork expects a network with one input and one output');
  return out;
}

export const readModelWeights = (model: tf.LayersModel): Float32Array[] => model.getWeights().map((w) => Float32Array.from(w.dataSync() as Float32Array));

export function writeModelWeights(model: tf.LayersModel, values: readonly Float32Array[]): void {
  const current = model.getWeights();
  if (values.length !== current.length) throw new Error('weights do not match the network');
  const tensors = values.map((v, i) => tf.tensor(v, current[i].shape, 'float32'));
  model.setWeights(tensors);
  tf.dispose(tensors);
}

/** TF.js: a tape per batch, AdamW on the backend's tensors. */
export function tfjsEngine(model: tf.LayersModel, s: EngineSettings): TrainEngine {
  const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const optimizer = new AdamW(s.optimizer);
  return {
    device: tf.getBackend(),
    get steps() {
      return optimizer.step;
    },
    step(order, from, to, lr) {
      optimizer.learningRate = lr;
      const batch = batchTensors(s.train, s.xShape, s.yShape, order, from, to);
      let loss = 0;
      const { value, grads } = tf.variableGrads(() => {
        const dataLoss = s.lossOf(batch.y, forward(model, batch.x, true));
        const penalties = model.calculateLosses();
        // Keep the data loss apart so the reported curve is comparable with the validation one.
        loss = dataLoss.dataSync()[0];
        return penalties.length > 0 ? (tf.addN([dataLoss, ...penalties]) as tf.Scalar) : dataLoss;
      }, vars);
      const clipped = s.clipNorm ? clipByGlobalNorm(grads, s.clipNorm).grads : grads;
      optimizer.applyGradients(clipped);
      tf.dispose([batch.x, batch.y, value]);
      tf.dispose(Object.values(grads));
      if (clipped !== grads) tf.dispose(Object.values(clipped));
      return loss;
    },
    evaluate(set) {
      let sum = 0;
      for (let from = 0; from < set.rows; from += EVAL_CHUNK) {
        const to = Math.min(set.rows, from + EVAL_CHUNK);
        sum += tf.tidy(() => {
          const { x, y } = sliceTensors(set, s.xShape, s.yShape, from, to);
          return s.lossOf(y, forward(model, x, false)).dataSync()[0];
        }) * (to - from);
      }
      return sum / set.rows;
    },
    readWeights: () => readModelWeights(model),
    writeWeights: (values) => writeModelWeights(model, values),
    getState: () => optimizer.getState(vars),
    setState: (state) => optimizer.setState(vars, state),
    close: () => optimizer.dispose(),
  };
}
