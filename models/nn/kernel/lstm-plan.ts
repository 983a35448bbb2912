/**
 * Whether a TF.js network can train on the LSTM kernel: over a [steps, channels] float input, a stack of
 * LSTM layers (tanh activation, logistic gates, bias, no dropout, regulariser or constraint, every layer
 * but the last returning its sequence, the last only its final state) and a linear dense head whose loss
 * is a mean squared or absolute error (masked or not) or a from-logits cross-entropy. Anything else is
 * left to the dense kernel's plan (plan.ts) or TF.js; the reason says why.
 */
import type { tf } from '../../mlp/backend';
import type { LossFn, LossName } from '../train/losses';
import type { HeadLoss } from './head-loss';
import type { LstmPlan } from './lstm-params';

const HEADS: Partial<Record<LossName, HeadLoss>> = {
  meanSquaredError: 'mse',
  meanAbsoluteError: 'mae',
  maskedMeanSquaredError: 'masked-mse',
  sigmoidCrossEntropy: 'logits-sigmoid',
  softmaxCrossEntropy: 'logits-softmax',
};

interface LstmConfig {
  units: number;
  activation: string;
  recurrentActivation: string;
  useBias: boolean;
  dropout: number;
  recurrentDropout: number;
  returnSequences: boolean;
  returnState: boolean;
  goBackwards: boolean;
  stateful: boolean;
  [key: string]: unknown;
}

const EXTRAS = ['kernelRegularizer', 'recurrentRegularizer', 'biasRegularizer', 'activityRegularizer', 'kernelConstraint', 'recurrentConstraint', 'biasConstraint'];

/** Why an LSTM layer's settings are not the kernel's (the first found), or null when they are. */
function lstmMismatch(c: LstmConfig, last: boolean): string | null {
  if (c.activation !== 'tanh') return `an LSTM layer with a ${c.activation} activation`;
  if (c.recurrentActivation !== 'sigmoid') return `an LSTM layer with ${c.recurrentActivation} gates`;
  if (!c.useBias) return 'an LSTM layer without bias';
  if (c.dropout > 0 || c.recurrentDropout > 0) return 'an LSTM layer with dropout';
  if (EXTRAS.some((k) => c[k])) return 'an LSTM layer with a regulariser or constraint';
  if (c.goBackwards || c.stateful || c.returnState) return 'an LSTM layer that runs backwards, keeps state or returns it';
  if (c.returnSequences === last) return last ? 'a last LSTM layer that returns its sequence' : 'an LSTM layer under another that does not return its sequence';
  return null;
}

/** True when `model` has an LSTM layer: its plan is this file's, whatever the answer. */
export const hasLstm = (model: tf.LayersModel): boolean => model.layers.some((l) => l.getClassName() === 'LSTM');

export function lstmPlan(model: tf.LayersModel, loss: LossName | LossFn): { plan: LstmPlan } | { reason: string } {
  const layers = model.layers.filter((l) => l.getClassName() !== 'InputLayer');
  const kinds = layers.map((l) => l.getClassName());
  const lstms = kinds.findIndex((k) => k !== 'LSTM');
  if (lstms < 1 || lstms !== layers.length - 1 || kinds[lstms] !== 'Dense') {
    const other = kinds.find((k) => k !== 'LSTM' && k !== 'Dense') ?? 'Dense';
    return { reason: other === 'Dense' ? 'LSTM layers not followed by one dense head' : `an LSTM network with a ${other} layer` };
  }
  if (typeof loss === 'function') return { reason: 'a custom loss function' };
  if (model.inputs.length !== 1 || model.outputs.length !== 1) return { reason: 'more than one input or output' };
  const shape = model.inputs[0].shape;
  if (shape.length !== 3 || shape[1] == null || shape[2] == null) return { reason: 'the input is not a sequence of a fixed number of steps' };
  for (let i = 1; i < layers.length; i++) {
    if (layers[i].inboundNodes[0]?.inboundLayers[0] !== layers[i - 1]) return { reason: 'the layers are not a chain' };
  }
  const units: number[] = [];
  for (let i = 0; i < lstms; i++) {
    const c = layers[i].getConfig() as unknown as LstmConfig;
    const why = lstmMismatch(c, i === lstms - 1);
    if (why) return { reason: why };
    units.push(c.units);
  }
  const d = layers[lstms].getConfig() as { units: number; activation: string; useBias: boolean; [key: string]: unknown };
  if (!d.useBias) return { reason: 'a dense head without bias' };
  if (EXTRAS.some((k) => d[k])) return { reason: 'a dense head with a regulariser or constraint' };
  const head = d.activation === 'linear' ? HEADS[loss] : undefined;
  if (!head) return { reason: `a ${d.activation} head with ${loss} after an LSTM layer` };
  if (model.trainableWeights.some((w) => w.dtype !== 'float32')) return { reason: 'weights that are not float32' };
  return { plan: { steps: shape[1], channels: shape[2], units, outputs: d.units, head } };
}
