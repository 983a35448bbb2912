/**
 * Whether a TF.js network can train on the dense kernel: a chain of dense layers (ReLU or linear), after an
 * optional embedding bag over token ids (custom-layers.ts), with dropout after hidden layers, ending
 * in a dense head whose activation pairs with the loss (linear with squared or absolute error or a
 * from-logits cross-entropy, sigmoid with binary cross-entropy, softmax with categorical cross-entropy),
 * L2 kernel penalties only, float32 weights. Networks with an LSTM layer are lstm-plan.ts's; anything else trains
 * on TF.js, and the reason says why.
 */
import type { tf } from '../../mlp/backend';
import type { LossFn, LossName } from '../train/losses';
import type { DenseLayerPlan, DensePlan, EmbeddingPlan } from './dense-kernel';
import type { HeadLoss } from './head-loss';

const HEADS: Partial<Record<LossName, Record<string, HeadLoss>>> = {
  meanSquaredError: { linear: 'mse' },
  meanAbsoluteError: { linear: 'mae' },
  sigmoidCrossEntropy: { linear: 'logits-sigmoid' },
  softmaxCrossEntropy: { linear: 'logits-softmax' },
  binaryCrossentropy: { sigmoid: 'sigmoid-bce' },
  categoricalCrossentropy: { softmax: 'softmax-cce' },
};

interface DenseConfig {
  units: number;
  activation: string;
  useBias: boolean;
  kernelRegularizer?: unknown;
  biasRegularizer?: unknown;
  activityRegularizer?: unknown;
}

/** The L2 factor of a kernel regulariser's config (0 without one), or null for any other kind (L1 included). */
function l2Of(r: unknown): number | null {
  if (!r) return 0;
  const { className, config } = r as { className?: string; config?: { l1?: number; l2?: number } };
  if (className !== 'L1L2' || (config?.l1 ?? 0) !== 0) return null;
  return config?.l2 ?? 0;
}

/** Layers the kernel can run; the first layer of another kind is the reason a network is left to TF.js. */
const KERNEL_LAYERS = new Set(['InputLayer', 'LatheEmbeddingBag', 'Dense', 'Dropout']);

/** 'an' before a vowel sound: a word's first vowel, or a capitals-only name read letter by letter (an LSTM, a GRU). */
const article = (name: string): string => ((/^[A-Z0-9]+$/.test(name) ? /^[AEFHILMNORSX]/ : /^[AEIOU]/).test(name) ? 'an' : 'a');

export function densePlan(model: tf.LayersModel, loss: LossName | LossFn): { plan: DensePlan } | { reason: string } {
  // The layer kind first: it says more to a user (an LSTM layer) than what follows from it (its input's shape, its loss).
  const foreign = model.layers.find((l) => !KERNEL_LAYERS.has(l.getClassName()))?.getClassName();
  if (foreign) return { reason: `${article(foreign)} ${foreign} layer` };
  if (typeof loss === 'function') return { reason: 'a custom loss function' };
  if (model.inputs.length !== 1 || model.outputs.length !== 1) return { reason: 'more than one input or output' };
  let layers = model.layers.filter((l) => l.getClassName() !== 'InputLayer');
  if (layers.length === 0) return { reason: 'no layers' };
  const plan: DenseLayerPlan[] = [];
  let inputs = model.inputs[0].shape.length === 2 ? model.inputs[0].shape[1] : null;
  if (inputs == null) return { reason: 'the input is not a flat row of features' };
  let embedding: EmbeddingPlan | undefined;
  if (layers[0].getClassName() === 'LatheEmbeddingBag') {
    const c = layers[0].getConfig() as { inputDim: number; outputDim: number };
    embedding = { vocabulary: c.inputDim, dim: c.outputDim, length: inputs };
    inputs = c.outputDim;
    if (layers.length < 2) return { reason: 'an embedding bag with no dense layer after it' };
  }
  const first = embedding ? 1 : 0;
  let head: HeadLoss | undefined;
  const all = layers;
  layers = layers.slice(first);
  for (const [i, layer] of layers.entries()) {
    if (i + first > 0 && layer.inboundNodes[0]?.inboundLayers[0] !== all[i + first - 1]) return { reason: 'the layers are not a chain' };
    if (layer.getClassName() === 'Dropout') {
      const d = layer.getConfig() as { rate: number; seed?: number | null; noiseShape?: unknown };
      const after = plan.at(-1);
      if (!after || i === layers.length - 1) return { reason: 'a dropout layer that does not follow a hidden dense layer' };
      if (d.noiseShape) return { reason: 'a dropout layer with a noise shape' };
      if (after.dropout) return { reason: 'two dropout layers in a row' };
      // TF.js drops nothing at a rate of 0 or 1 (tfjs-layers' Dropout.call).
      if (d.rate > 0 && d.rate < 1) after.dropout = { rate: d.rate, ...(d.seed != null ? { seed: d.seed } : {}) };
      continue;
    }
    if (layer.getClassName() !== 'Dense') return { reason: `a ${layer.getClassName()} layer` };
    const c = layer.getConfig() as unknown as DenseConfig;
    if (!c.useBias) return { reason: 'a dense layer without bias' };
    if (c.biasRegularizer || c.activityRegularizer) return { reason: 'a bias or activity regulariser' };
    const l2 = l2Of(c.kernelRegularizer);
    if (l2 === null) return { reason: 'a kernel regulariser other than L2' };
    const last = i === layers.length - 1;
    if (last) {
      head = HEADS[loss]?.[c.activation];
      if (!head) return { reason: `a ${c.activation} head with ${loss}` };
    } else if (c.activation !== 'relu' && c.activation !== 'linear') {
      return { reason: `a ${c.activation} activation` };
    }
    plan.push({ inputs, units: c.units, relu: !last && c.activation === 'relu', ...(l2 > 0 ? { l2 } : {}) });
    inputs = c.units;
  }
  if (model.trainableWeights.some((w) => w.dtype !== 'float32')) return { reason: 'weights that are not float32' };
  return { plan: { ...(embedding ? { embedding } : {}), layers: plan, head: head! } };
}
