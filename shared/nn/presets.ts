/**
 * Starting networks, each sized from what the app trains today: the MLP family's hidden layers and dropout,
 * the LSTM forecaster's units, the text network's embedding bag, NeuMF's factors and MLP tower. Their sizes are read from
 * shared/families, never retyped; the rest are the layer fields' defaults (fields.ts).
 */
import { forecastDefaults } from '../families/forecast';
import { recommendDefaults } from '../families/recommend';
import { MLP_DEFAULTS, TEXTNET_DEFAULTS } from '../families/index';
import { FIELDS } from './fields';
import { networkSpecSchema, type LayerInput, type NetworkInput, type NetworkSpec } from './spec';
import type { OutputActivation } from './fields';

export const PRESET_NAMES = ['mlp', 'residual-mlp', 'lstm', 'transformer', 'textnet', 'ncf'] as const;
export type PresetName = (typeof PRESET_NAMES)[number];

export interface PresetOptions {
  /** What the network reads; each preset has a default of its own kind. */
  input?: NetworkInput;
  /** Output units (default 1; textnet 2). Output activation: linear by default; ncf sigmoid. */
  outputs?: number;
  activation?: OutputActivation;
  /** A family's own sizes in place of its defaults (shared/nn/families.ts maps a run's parameters here). */
  sizes?: PresetSizes;
}

export interface PresetSizes {
  /** mlp, residual-mlp (the first width), textnet (its one dense layer), ncf (its MLP tower). */
  hidden?: readonly number[];
  dropout?: number;
  /** lstm: units of each stacked layer. */
  units?: readonly number[];
  /** textnet: length of each token vector. */
  embeddingDim?: number;
  /** ncf: the GMF tower's user and item vectors. */
  factors?: number;
  /** ncf: each user and item vector of the MLP tower (default: half its first layer, rounded up). */
  mlpDim?: number;
}

/** NeuMF's MLP embedding: half the tower's first layer (rounded up), so the user and item halves together feed it. */
export const ncfMlpDim = (layers: readonly number[]): number => Math.max(1, Math.ceil(layers[0] / 2));

export const PRESET_INFO: Record<PresetName, { label: string; help: string; inputs: readonly NetworkInput['kind'][] }> = {
  mlp: { label: 'MLP', help: 'Dense ReLU layers with dropout: the app’s neural network family.', inputs: ['table'] },
  'residual-mlp': { label: 'Residual MLP', help: 'A dense layer then two residual blocks with layer norm, for deeper tables.', inputs: ['table'] },
  lstm: { label: 'LSTM', help: 'Stacked LSTM layers and a linear head: the forecaster’s network.', inputs: ['sequence'] },
  transformer: { label: 'Transformer', help: 'A small encoder block over token embeddings or projected steps, averaged.', inputs: ['tokens', 'sequence'] },
  textnet: { label: 'Text network', help: 'The mean of token embeddings, a dense layer and logits: the text family’s network.', inputs: ['tokens'] },
  ncf: { label: 'NeuMF', help: 'User and item embeddings through a GMF product and an MLP tower, concatenated, one sigmoid output: the recommender’s network.', inputs: ['pair'] },
};

const DEFAULT_INPUTS: Record<PresetName, NetworkInput> = {
  mlp: { kind: 'table', features: FIELDS.features.default },
  'residual-mlp': { kind: 'table', features: FIELDS.features.default },
  lstm: { kind: 'sequence', steps: FIELDS.steps.default, features: 1 },
  transformer: { kind: 'tokens', vocabulary: FIELDS.vocabulary.default, length: FIELDS.length.default },
  textnet: { kind: 'tokens', vocabulary: TEXTNET_DEFAULTS.maxFeatures, length: FIELDS.length.default },
  ncf: { kind: 'pair', users: FIELDS.users.default, items: FIELDS.items.default },
};

function body(name: PresetName, input: NetworkInput, sizes: PresetSizes): LayerInput[] {
  const dropout = sizes.dropout ?? MLP_DEFAULTS.dropout;
  switch (name) {
    case 'mlp':
      return (sizes.hidden ?? MLP_DEFAULTS.hidden).flatMap((units): LayerInput[] => [
        { type: 'dense', units, activation: 'relu' },
        ...(dropout > 0 ? [{ type: 'dropout' as const, rate: dropout }] : []),
      ]);
    case 'residual-mlp': {
      const width = (sizes.hidden ?? MLP_DEFAULTS.hidden)[0];
      const block = (): LayerInput => ({
        type: 'residual',
        layers: [{ type: 'layerNorm' }, { type: 'dense', units: width, activation: 'relu' }, { type: 'dropout', rate: dropout }, { type: 'dense', units: width, activation: 'linear' }],
      });
      return [{ type: 'dense', units: width, activation: 'relu' }, block(), block(), { type: 'layerNorm' }];
    }
    case 'lstm': {
      const units = sizes.units ?? forecastDefaults('lstm').units;
      return units.map((u, i) => ({ type: 'lstm', units: u, returnSequences: i < units.length - 1 }));
    }
    case 'transformer': {
      const width = FIELDS.outputDim.default;
      const entry: LayerInput = input.kind === 'tokens'
        ? { type: 'embedding', inputDim: input.vocabulary, outputDim: width }
        // A kernel-3 convolution projects each step and gives the block the local order attention alone lacks.
        : { type: 'conv1d', filters: width, kernelSize: 3, padding: 'same', activation: 'linear' };
      return [entry, { type: 'transformerEncoder' }, { type: 'globalAveragePooling1d' }, { type: 'dropout' }];
    }
    case 'textnet': {
      const vocabulary = input.kind === 'tokens' ? input.vocabulary : TEXTNET_DEFAULTS.maxFeatures;
      return [
        { type: 'embeddingBag', inputDim: vocabulary, outputDim: sizes.embeddingDim ?? TEXTNET_DEFAULTS.embeddingDim },
        { type: 'dense', units: sizes.hidden?.[0] ?? TEXTNET_DEFAULTS.hidden, activation: 'relu' },
        { type: 'dropout', rate: sizes.dropout ?? TEXTNET_DEFAULTS.dropout },
      ];
    }
    case 'ncf': {
      const tower = sizes.hidden ?? recommendDefaults('ncf').layers;
      return [{
        type: 'branches',
        branches: [
          [{ type: 'pairEmbedding', outputDim: sizes.factors ?? recommendDefaults('ncf').factors, combine: 'product' }],
          [{ type: 'pairEmbedding', outputDim: sizes.mlpDim ?? ncfMlpDim(tower), combine: 'concat' }, ...tower.map((units): LayerInput => ({ type: 'dense', units, activation: 'relu' }))],
        ],
      }];
    }
  }
}

/** A preset's complete spec (every field filled). Throws only on options outside the fields' ranges. */
export function networkPreset(name: PresetName, opts: PresetOptions = {}): NetworkSpec {
  const input = opts.input ?? DEFAULT_INPUTS[name];
  const outputs = opts.outputs ?? (name === 'textnet' ? 2 : 1);
  const activation = opts.activation ?? (name === 'ncf' ? 'sigmoid' : 'linear');
  return networkSpecSchema.parse({ input, layers: [...body(name, input, opts.sizes ?? {}), { type: 'output', units: outputs, activation }] });
}
