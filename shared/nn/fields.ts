/**
 * Every field a network layer or input has, stated once: kind, default, range and a one-line help (the
 * same shape as a family's parameters in shared/families/define.ts). The zod schemas in spec.ts, the
 * validator's messages and an editor's fields all read these.
 */
import { z } from 'zod';
import type { BoolSpec, EnumSpec, NumberSpec } from '../families/define';

export const ACTIVATIONS = ['linear', 'relu', 'elu', 'selu', 'gelu', 'swish', 'tanh', 'sigmoid'] as const;
export type Activation = (typeof ACTIVATIONS)[number];
export const OUTPUT_ACTIVATIONS = ['linear', 'sigmoid', 'softmax'] as const;
export type OutputActivation = (typeof OUTPUT_ACTIVATIONS)[number];

const int = (label: string, help: string, def: number, min: number, max: number): NumberSpec => ({ kind: 'int', label, help, default: def, min, max });
const share = (label: string, help: string, def: number): NumberSpec => ({ kind: 'float', label, help, default: def, min: 0, max: 0.9, step: 0.05 });

export const FIELDS = {
  features: int('Features', 'Numbers per row (table) or per step (sequence).', 8, 1, 1_000_000),
  steps: int('Steps', 'Length of each sequence.', 16, 1, 100_000),
  vocabulary: int('Vocabulary', 'Distinct token ids (0 is padding).', 10_000, 2, 10_000_000),
  length: int('Length', 'Tokens per text, padded or cut.', 64, 1, 100_000),
  units: int('Units', 'Outputs of the layer.', 64, 1, 65_536),
  activation: { kind: 'enum', label: 'Activation', help: 'Function applied to each output.', default: 'relu', choices: ACTIVATIONS } satisfies EnumSpec<Activation>,
  useBias: { kind: 'bool', label: 'Bias', help: 'Adds a learned offset to each output.', default: true } satisfies BoolSpec,
  rate: share('Rate', 'Share of values dropped in training.', 0.1),
  inputDim: int('Vocabulary', 'Token ids the table holds; at least the input vocabulary.', 10_000, 2, 10_000_000),
  outputDim: int('Embedding size', 'Length of each token vector.', 32, 1, 4096),
  filters: int('Filters', 'Output channels.', 32, 1, 4096),
  kernelSize: int('Kernel size', 'Steps each filter reads.', 3, 1, 1024),
  strides: int('Strides', 'Steps between filter positions.', 1, 1, 1024),
  padding: { kind: 'enum', label: 'Padding', help: "'same' keeps the length (with stride 1); 'valid' reads only whole windows.", default: 'same', choices: ['same', 'valid'] } satisfies EnumSpec<'same' | 'valid'>,
  returnSequences: { kind: 'bool', label: 'Return sequences', help: 'Output every step (for another recurrent or attention layer) or only the last.', default: false } satisfies BoolSpec,
  heads: int('Heads', 'Attention heads, each with its own projections.', 2, 1, 64),
  keyDim: int('Key size', 'Length of each head’s query and key vectors.', 16, 1, 1024),
  attentionDropout: share('Dropout', 'Share of attention weights dropped in training.', 0),
  ffUnits: int('Feed-forward units', 'Hidden units of the block’s position-wise feed-forward layer.', 64, 1, 65_536),
  blockDropout: share('Dropout', 'Dropout after attention and after the feed-forward layer.', 0.1),
  users: int('Users', 'Distinct user ids (0 … users − 1).', 1_000, 1, 100_000_000),
  items: int('Items', 'Distinct item ids (0 … items − 1).', 1_000, 1, 100_000_000),
  pairDim: int('Embedding size', 'Length of each user and item vector.', 32, 1, 4096),
  combine: { kind: 'enum', label: 'Combine', help: "'product': the user and item vectors multiplied element-wise (GMF); 'concat': laid end to end (an MLP tower's input).", default: 'product', choices: ['product', 'concat'] } satisfies EnumSpec<'product' | 'concat'>,
  outputUnits: int('Outputs', 'Values predicted: 1 for regression or binary, the class count for softmax.', 1, 1, 100_000),
  outputActivation: { kind: 'enum', label: 'Activation', help: 'linear: values or logits; sigmoid: binary; softmax: classes.', default: 'linear', choices: OUTPUT_ACTIVATIONS } satisfies EnumSpec<OutputActivation>,
} as const;

/** A whole number in the field's range; messages read after "layer 2 (dense): units ". */
export function intField(spec: NumberSpec) {
  return z
    .number({ error: (iss) => `must be a number, got ${shown(iss.input)}` })
    .int({ error: (iss) => `must be a whole number, got ${shown(iss.input)}` })
    .min(spec.min, { error: (iss) => `must be ≥ ${spec.min}, got ${shown(iss.input)}` })
    .max(spec.max, { error: (iss) => `must be ≤ ${spec.max}, got ${shown(iss.input)}` })
    .default(spec.default);
}

export function shareField(spec: NumberSpec) {
  return z
    .number({ error: (iss) => `must be a number, got ${shown(iss.input)}` })
    .min(spec.min, { error: (iss) => `must be ≥ ${spec.min}, got ${shown(iss.input)}` })
    .max(spec.max, { error: (iss) => `must be ≤ ${spec.max}, got ${shown(iss.input)}` })
    .default(spec.default);
}

export function enumField<C extends string>(spec: EnumSpec<C>) {
  return z.enum(spec.choices as unknown as [C, ...C[]], { error: (iss) => `must be one of ${spec.choices.join(', ')}, got ${shown(iss.input)}` }).default(spec.default as never);
}

export function boolField(spec: BoolSpec) {
  return z.boolean({ error: (iss) => `must be true or false, got ${shown(iss.input)}` }).default(spec.default);
}

function shown(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v.length > 20 ? `${v.slice(0, 20)}…` : v);
  if (v === undefined) return 'nothing';
  try {
    return String(JSON.stringify(v)).slice(0, 30);
  } catch {
    return typeof v;
  }
}
