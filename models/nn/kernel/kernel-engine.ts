/** The dense WebAssembly kernel as the loop's engine (models/nn/train/engine.ts). */
import type { tf } from '../../mlp/backend';
import { AdamW } from '../train/adamw';
import { readModelWeights, writeModelWeights, type EngineSettings, type TrainEngine } from '../train/engine';
import type { LossFn, LossName } from '../train/losses';
import { DenseKernel, kernelUnavailable } from './dense-kernel';
import { densePlan } from './plan';

export const KERNEL_DEVICE = 'wasm-kernel';

/** The kernel engine for `model`, or why it cannot train it (the loop then uses TF.js). */
export function kernelEngine(model: tf.LayersModel, loss: LossName | LossFn, batchSize: number, s: EngineSettings): { engine: TrainEngine } | { reason: string } {
  const unavailable = kernelUnavailable();
  if (unavailable) return { reason: unavailable };
  const planned = densePlan(model, loss);
  if ('reason' in planned) return planned;
  // AdamW checks the settings and fills the defaults, once for both engines.
  const o = new AdamW(s.optimizer);
  o.dispose();
  const kernel = new DenseKernel(planned.plan, batchSize, { beta1: o.beta1, beta2: o.beta2, epsilon: o.epsilon, weightDecay: o.weightDecay });
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
