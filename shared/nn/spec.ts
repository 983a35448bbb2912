/**
 * A neural network as data: what it reads (a table row, a sequence, token ids, or a (user, item) id pair)
 * and an ordered list of layers, each a discriminated union by `type`. Plain JSON, zod-checked; the engine
 * builds it (models/nn/build.ts) and an editor shows LAYER_INFO's fields with their ranges and help.
 */
import { z } from 'zod';
import type { ParamSpec } from '../families/define';
import { boolField, enumField, FIELDS as F, intField, shareField } from './fields';

export const inputSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('table'), features: intField(F.features) }),
  z.object({ kind: z.literal('sequence'), steps: intField(F.steps), features: intField(F.features) }),
  z.object({ kind: z.literal('tokens'), vocabulary: intField(F.vocabulary), length: intField(F.length) }),
  // A (user id, item id) pair: what a recommender network scores.
  z.object({ kind: z.literal('pair'), users: intField(F.users), items: intField(F.items) }),
]);
export type NetworkInput = z.output<typeof inputSchema>;

const dense = z.object({ type: z.literal('dense'), units: intField(F.units), activation: enumField(F.activation), useBias: boolField(F.useBias) });
const dropout = z.object({ type: z.literal('dropout'), rate: shareField(F.rate) });
const batchNorm = z.object({ type: z.literal('batchNorm') });
const layerNorm = z.object({ type: z.literal('layerNorm') });
const embedding = z.object({ type: z.literal('embedding'), inputDim: intField(F.inputDim), outputDim: intField(F.outputDim) });
const embeddingBag = z.object({ type: z.literal('embeddingBag'), inputDim: intField(F.inputDim), outputDim: intField(F.outputDim) });
const pairEmbedding = z.object({ type: z.literal('pairEmbedding'), outputDim: intField(F.pairDim), combine: enumField(F.combine) });
const pool = z.object({ type: z.literal('globalAveragePooling1d') });
const conv1d = z.object({
  type: z.literal('conv1d'), filters: intField(F.filters), kernelSize: intField(F.kernelSize), strides: intField(F.strides),
  padding: enumField(F.padding), activation: enumField(F.activation),
});
const lstm = z.object({ type: z.literal('lstm'), units: intField(F.units), returnSequences: boolField(F.returnSequences) });
const gru = z.object({ type: z.literal('gru'), units: intField(F.units), returnSequences: boolField(F.returnSequences) });
const attention = z.object({ type: z.literal('multiHeadAttention'), heads: intField(F.heads), keyDim: intField(F.keyDim), dropout: shareField(F.attentionDropout) });
const encoder = z.object({
  type: z.literal('transformerEncoder'), heads: intField(F.heads), keyDim: intField(F.keyDim), ffUnits: intField(F.ffUnits), dropout: shareField(F.blockDropout),
});
const flatten = z.object({ type: z.literal('flatten') });
const output = z.object({ type: z.literal('output'), units: intField(F.outputUnits), activation: enumField(F.outputActivation) });

const plain = [dense, dropout, batchNorm, layerNorm, embedding, embeddingBag, pairEmbedding, pool, conv1d, lstm, gru, attention, encoder, flatten, output] as const;
type PlainLayer = z.output<(typeof plain)[number]>;
type PlainLayerInput = z.input<(typeof plain)[number]>;

/** A block of layers whose output is added to its input (through a bias-free projection when the last size differs). */
export interface ResidualLayer { type: 'residual'; layers: Layer[] }
export interface ResidualLayerInput { type: 'residual'; layers: LayerInput[] }
/** Lists of layers that each read the block's input; their outputs (flat vectors) are concatenated. */
export interface BranchesLayer { type: 'branches'; branches: Layer[][] }
export interface BranchesLayerInput { type: 'branches'; branches: LayerInput[][] }
export type Layer = PlainLayer | ResidualLayer | BranchesLayer;
/** A layer as written: fields at their defaults may be left out. */
export type LayerInput = PlainLayerInput | ResidualLayerInput | BranchesLayerInput;
export type LayerType = Layer['type'];
export type LayerOf<T extends LayerType> = Extract<Layer, { type: T }>;

const residual = z.object({
  type: z.literal('residual'),
  get layers(): z.ZodArray<z.ZodType<Layer, LayerInput>> {
    return z.array(layerSchema, { error: 'must be a list of layers' });
  },
});

const branches = z.object({
  type: z.literal('branches'),
  get branches(): z.ZodArray<z.ZodArray<z.ZodType<Layer, LayerInput>>> {
    return z.array(z.array(layerSchema, { error: 'each branch must be a list of layers' }), { error: 'must be a list of branches' }).min(2, { error: 'needs at least two branches' });
  },
});

export const layerSchema: z.ZodType<Layer, LayerInput> = z.discriminatedUnion('type', [...plain, residual, branches], {
  error: (iss) => (iss.code === 'invalid_union' ? `must be one of ${LAYER_TYPES.join(', ')}` : undefined),
});

export const networkSpecSchema = z.object({
  input: inputSchema,
  layers: z.array(layerSchema, { error: 'must be a list of layers' }).min(1, { error: 'needs at least one layer (the output head)' }),
});
export type NetworkSpec = z.output<typeof networkSpecSchema>;
export type NetworkSpecInput = z.input<typeof networkSpecSchema>;

export interface LayerInfo {
  label: string;
  /** One line, shown beside the layer in an editor. */
  help: string;
  /** The layer's fields (beyond `type`), with ranges and help. */
  fields: Record<string, ParamSpec>;
}

export const LAYER_INFO: Record<LayerType, LayerInfo> = {
  dense: { label: 'Dense', help: 'Every output a weighted sum of every input (needs a flat vector).', fields: { units: F.units, activation: F.activation, useBias: F.useBias } },
  dropout: { label: 'Dropout', help: 'Zeroes a share of values in training, against overfitting.', fields: { rate: F.rate } },
  batchNorm: { label: 'Batch norm', help: 'Normalises each feature over the batch (moving averages at prediction).', fields: {} },
  layerNorm: { label: 'Layer norm', help: 'Normalises each sample’s features (each step’s, for sequences).', fields: {} },
  embedding: { label: 'Embedding', help: 'A learned vector per token id: tokens become a sequence (first layer only).', fields: { inputDim: F.inputDim, outputDim: F.outputDim } },
  embeddingBag: { label: 'Embedding bag', help: 'The mean of the token vectors, padding (id 0) left out (first layer only).', fields: { inputDim: F.inputDim, outputDim: F.outputDim } },
  pairEmbedding: { label: 'Pair embedding', help: 'A learned vector per user and per item of a (user, item) input, multiplied or concatenated (first layer of a branch).', fields: { outputDim: F.pairDim, combine: F.combine } },
  globalAveragePooling1d: { label: 'Average over steps', help: 'The mean of a sequence’s steps: a sequence becomes one vector.', fields: {} },
  conv1d: { label: 'Conv 1D', help: 'Filters slid along a sequence’s steps.', fields: { filters: F.filters, kernelSize: F.kernelSize, strides: F.strides, padding: F.padding, activation: F.activation } },
  lstm: { label: 'LSTM', help: 'A recurrent layer with gated memory over a sequence.', fields: { units: F.units, returnSequences: F.returnSequences } },
  gru: { label: 'GRU', help: 'A lighter gated recurrent layer over a sequence.', fields: { units: F.units, returnSequences: F.returnSequences } },
  multiHeadAttention: { label: 'Self-attention', help: 'Each step attends to every step, in several heads (needs a sequence).', fields: { heads: F.heads, keyDim: F.keyDim, dropout: F.attentionDropout } },
  transformerEncoder: { label: 'Transformer encoder', help: 'Self-attention then a feed-forward layer, each with a residual and layer norm.', fields: { heads: F.heads, keyDim: F.keyDim, ffUnits: F.ffUnits, dropout: F.blockDropout } },
  residual: { label: 'Residual block', help: 'Its layers’ output plus its input (projected when the last size differs).', fields: {} },
  branches: { label: 'Branches', help: 'Several lists of layers on the same input, their outputs concatenated (NeuMF’s GMF and MLP towers).', fields: {} },
  flatten: { label: 'Flatten', help: 'A sequence’s steps laid end to end as one vector.', fields: {} },
  output: { label: 'Output', help: 'The last layer: the predicted values, probabilities or logits.', fields: { units: F.outputUnits, activation: F.outputActivation } },
};

export const LAYER_TYPES = Object.keys(LAYER_INFO) as LayerType[];
