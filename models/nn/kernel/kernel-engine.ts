/** The WebAssembly kernels (dense, LSTM) as the loop's engine (models/nn/train/engine.ts). */
import { tf } from '../../mlp/backend';
import { AdamW } from '../train/adamw';
import { readModelWeights, writeModelWeights, type EngineSettings, type TrainEngine } from '../train/engine';
import type { LossFn, LossName } from '../train/losses';
import { DenseKernel, kernelUnavailable, type DensePlan, type DropoutMasks } from './dense-kernel';
import { LstmKernel, lstmKernelUnavailable } from './lstm-kernel';
import { hasLstm, lstmPlan } from './lstm-plan';
import { densePlan } from './plan';

export const KERNEL_DEVICE = 'wasm-kernel';

/**
 * Dropout masks drawn by TF.js's own dropout, so the kernel drops what the TF.js path would: a seeded
 * dropout draws the same mask for the same seed and shape (kept once per row count), an unseeded one a
 * fresh mask per batch.
 */
function tfjsDropoutMasks(plan: DensePlan): DropoutMasks {
  const kept = new Map<string, Float32Array>();
  return (layer, rows) => {
    const { units, dropout } = plan.layers[layer];
    const key = `${layer}:${rows}`;
    const hit = dropout!.seed !== undefined ? kept.get(key) : undefined;
    if (hit) return hit;
    const mask = tf.tidy(() => Float32Array.from(tf.dropout(tf.ones([rows, units]), dropout!.rate, undefined, dropout!.seed).dataSync() as Float32Array));
    if (dropout!.seed !== undefined) kept.set(key, mask);
    return mask;
  };
}

/** What both kernels offer the loop. */
interface Kernel {
  readonly step: number;
  trainStep(set: EngineSettings['train'], order: Uint32Array, from: number, to: number, lr: number, clipNorm?: number): number;
  evaluate(set: EngineSettings['train']): number;
  getWeights(): Float32Array[];
  setWeights(values: readonly Float32Array[]): void;
  getState(): ReturnType<DenseKernel['getState']>;
  setState(state: ReturnType<DenseKernel['getState']>): void;
}

/** The kernel that covers `model` (a network with an LSTM layer: the LSTM kernel's plan; else the dense one's), or why none does. */
function openKernel(model: tf.LayersModel, loss: LossName | LossFn, batchSize: number, s: EngineSettings): { kernel: Kernel } | { reason: string } {
  const lstm = hasLstm(model);
  const unavailable = lstm ? lstmKernelUnavailable() : kernelUnavailable();
  if (unavailable) return { reason: unavailable };
  const planned = lstm ? lstmPlan(model, loss) : densePlan(model, loss);
  if ('reason' in planned) return planned;
  // AdamW checks the settings and fills the defaults, once for both engines.
  const o = new AdamW(s.optimizer);
  o.dispose();
  const opt = { beta1: o.beta1, beta2: o.beta2, epsilon: o.epsilon, weightDecay: o.weightDecay };
  if ('steps' in planned.plan) return { kernel: new LstmKernel(planned.plan, batchSize, opt) };
  return { kernel: new DenseKernel(planned.plan, batchSize, opt, tfjsDropoutMasks(planned.plan)) };
}

/** The kernel engine for `model`, or why it cannot train it (the loop then uses TF.js). */
export function kernelEngine(model: tf.LayersModel, loss: LossName | LossFn, batchSize: number, s: EngineSettings): { engine: TrainEngine } | { reason: string } {
  const opened = openKernel(model, loss, batchSize, s);
  if ('reason' in opened) return opened;
  const kernel = opened.kernel;
  kernel.setWeights(readModelWeights(model));
  return {
    engine: {
      device: KERNEL_DEVICE,
      get steps() {
        return kernel.step;
      },
      step: (order, from, to, lr) => kernel.trainStep(s.train, order, from, to, lr, s.clipNorm),
      evaluate: (set) => kernel.evaluate(set),
      readWeights: () => kernel.getWeights(),
      writeWeights: (values) => kernel.setWeights(values),
      getState: () => kernel.getState(),
      setState: (state) => kernel.setState(state),
      close: () => writeModelWeights(model, kernel.getWeights()),
    },
  };
}
