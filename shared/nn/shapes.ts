/**
 * One layer's effect: the shape it outputs for a given input shape (per sample, without the batch), its
 * parameter count as TF.js counts weights (non-trainable moving statistics included) and an estimate of
 * its forward FLOPs (a multiply-add counts 2). A layer that cannot take the shape says why, as data.
 */
import type { Layer, NetworkInput } from './spec';

/** Per-sample shape; `ids` marks token ids, which only an embedding reads. */
export interface Shape { dims: number[]; ids: boolean }

export interface LayerEffect { shape: Shape; params: number; trainable: number; flops: number }

export interface StepContext {
  input: NetworkInput;
  /** The layer before this one in the same list (null: first of its list). */
  previous: Layer | null;
  /** First layer of the whole network. */
  first: boolean;
}

export const shapeText = (s: Shape): string => `[${s.dims.join(', ')}]`;

export function inputShape(input: NetworkInput): Shape {
  if (input.kind === 'table') return { dims: [input.features], ids: false };
  if (input.kind === 'sequence') return { dims: [input.steps, input.features], ids: false };
  if (input.kind === 'pair') return { dims: [2], ids: true };
  return { dims: [input.length], ids: true };
}

const size = (s: Shape): number => s.dims.reduce((a, b) => a * b, 1);
const last = (s: Shape): number => s.dims[s.dims.length - 1];
const flat = (dims: number[]): Shape => ({ dims, ids: false });
const effect = (shape: Shape, params: number, flops: number, trainable = params): LayerEffect => ({ shape, params, trainable, flops });

function needsIdsFirst(ctx: StepContext): string {
  if (ctx.input.kind === 'pair') return 'reads numbers but the input is a (user, item) pair: start with pairEmbedding';
  return ctx.first ? 'reads numbers but the input is token ids: start with embedding or embeddingBag' : 'reads token ids: embedding or embeddingBag must be the first layer';
}

/** Why a layer that needs a flat vector got a sequence, with what to do. */
function sequenceNotFlat(ctx: StepContext, s: Shape): string {
  const p = ctx.previous;
  if (p && (p.type === 'lstm' || p.type === 'gru') && p.returnSequences) {
    return `follows an ${p.type === 'lstm' ? 'LSTM' : 'GRU'} that returns sequences: add flatten or set returnSequences false`;
  }
  return `gets a sequence ${shapeText(s)}: add flatten or globalAveragePooling1d before it`;
}

const needSequence = (s: Shape): string => `needs a sequence [steps, features], got ${shapeText(s)}: use a sequence input, an embedding, or a recurrent layer with returnSequences`;

function attentionCost(steps: number, d: number, heads: number, keyDim: number): { params: number; flops: number } {
  const hk = heads * keyDim;
  return {
    params: 3 * (d * hk + hk) + hk * d + d,
    flops: 2 * steps * d * hk * 3 + 2 * 2 * steps * steps * hk + 2 * steps * hk * d + 3 * heads * steps * steps,
  };
}

/** The effect of one layer that is not a residual block, or why it cannot take `s`. */
export function layerEffect(layer: Exclude<Layer, { type: 'residual' | 'branches' }>, s: Shape, ctx: StepContext): LayerEffect | string {
  if (layer.type === 'pairEmbedding') {
    if (ctx.input.kind !== 'pair') return `reads a (user, item) pair but the input is ${ctx.input.kind === 'tokens' ? 'token ids' : `a ${ctx.input.kind}`}: use a pair input`;
    if (!s.ids) return 'reads the (user, item) ids: it must be the first layer of the network or of a branch';
    const d = layer.outputDim;
    const params = (ctx.input.users + ctx.input.items) * d;
    return layer.combine === 'product' ? effect(flat([d]), params, d) : effect(flat([2 * d]), params, 0);
  }
  if (layer.type === 'embedding' || layer.type === 'embeddingBag') {
    if (ctx.input.kind === 'pair') return 'reads token ids but the input is a (user, item) pair: use pairEmbedding';
    if (!s.ids) return ctx.input.kind === 'tokens' ? 'reads token ids: it must be the first layer' : `reads token ids but the input is a ${ctx.input.kind}: use a tokens input`;
    if (ctx.input.kind === 'tokens' && layer.inputDim < ctx.input.vocabulary) return `inputDim must be ≥ the input's vocabulary (${ctx.input.vocabulary}), got ${layer.inputDim}`;
    const params = layer.inputDim * layer.outputDim;
    const steps = s.dims[0];
    return layer.type === 'embedding'
      ? effect(flat([steps, layer.outputDim]), params, 0)
      : effect(flat([layer.outputDim]), params, steps * layer.outputDim + layer.outputDim);
  }
  if (s.ids) return needsIdsFirst(ctx);
  const d = last(s);
  switch (layer.type) {
    case 'dense':
    case 'output': {
      if (s.dims.length !== 1) return sequenceNotFlat(ctx, s);
      const bias = layer.type === 'output' || layer.useBias ? layer.units : 0;
      return effect(flat([layer.units]), d * layer.units + bias, 2 * d * layer.units + bias);
    }
    case 'dropout':
      return effect(s, 0, 0);
    case 'batchNorm':
      return effect(s, 4 * d, 2 * size(s), 2 * d);
    case 'layerNorm':
      return effect(s, 2 * d, 7 * size(s));
    case 'flatten':
      return effect(flat([size(s)]), 0, 0);
    case 'globalAveragePooling1d':
      if (s.dims.length !== 2) return needSequence(s);
      return effect(flat([d]), 0, size(s));
    case 'conv1d': {
      if (s.dims.length !== 2) return needSequence(s);
      const steps = s.dims[0];
      const out = layer.padding === 'same' ? Math.ceil(steps / layer.strides) : Math.floor((steps - layer.kernelSize) / layer.strides) + 1;
      if (out < 1) return `kernelSize ${layer.kernelSize} is longer than the ${steps} steps it reads: lower it or use padding 'same'`;
      return effect(flat([out, layer.filters]), layer.kernelSize * d * layer.filters + layer.filters, 2 * out * layer.kernelSize * d * layer.filters);
    }
    case 'lstm':
    case 'gru': {
      if (s.dims.length !== 2) return needSequence(s);
      const gates = layer.type === 'lstm' ? 4 : 3;
      const u = layer.units, steps = s.dims[0];
      const shape = flat(layer.returnSequences ? [steps, u] : [u]);
      return effect(shape, gates * (d * u + u * u + u), steps * (2 * gates * u * (d + u) + 6 * gates * u));
    }
    case 'multiHeadAttention': {
      if (s.dims.length !== 2) return needSequence(s);
      const c = attentionCost(s.dims[0], d, layer.heads, layer.keyDim);
      return effect(s, c.params, c.flops);
    }
    case 'transformerEncoder': {
      if (s.dims.length !== 2) return needSequence(s);
      const steps = s.dims[0];
      const c = attentionCost(steps, d, layer.heads, layer.keyDim);
      const ff = d * layer.ffUnits + layer.ffUnits + layer.ffUnits * d + d;
      return effect(s, c.params + ff + 4 * d, c.flops + 4 * steps * d * layer.ffUnits + 16 * size(s));
    }
  }
}
