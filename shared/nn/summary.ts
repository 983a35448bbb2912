/**
 * Validation and summary of a network spec in one walk: each layer's output shape, parameters and FLOPs,
 * the totals, and every problem as data naming the layer ("layer 2.1 (dense): …"). An editor calls this on
 * every change, so it never throws and stays cheap (no tensors, no allocation beyond the rows).
 */
import type { z } from 'zod';
import { layerEffect, inputShape, shapeText, type Shape } from './shapes';
import { networkSpecSchema, type Layer, type LayerType, type NetworkInput, type NetworkSpec } from './spec';

export interface NetworkProblem {
  /** Where, as a dotted path into the spec: "layers.2.units", "input.features", "layers.3". */
  path: string;
  /** The layer's index ("2", or "2.1" inside a residual block), null for the input or the whole list. */
  layer: string | null;
  message: string;
}

export interface LayerRow {
  index: string;
  type: LayerType;
  /** 0 at the top, 1 inside a residual block, … */
  depth: number;
  outputShape: number[];
  /** The layer's own weights (a residual block's: its projection only; its layers have their rows). */
  params: number;
  trainable: number;
  flops: number;
}

export interface NetworkSummary {
  ok: boolean;
  /** The parsed spec with every default filled, when its fields are valid (even if its shapes are not). */
  spec: NetworkSpec | null;
  errors: NetworkProblem[];
  inputShape: number[] | null;
  /** Layers up to the first one whose shape fails. */
  layers: LayerRow[];
  outputShape: number[] | null;
  totalParams: number;
  trainableParams: number;
  /** float32 weights. */
  bytes: number;
  /** Forward pass, one sample. */
  flops: number;
}

const BYTES_PER_PARAM = 4;

export function summarizeNetwork(raw: unknown): NetworkSummary {
  const empty: NetworkSummary = { ok: false, spec: null, errors: [], inputShape: null, layers: [], outputShape: null, totalParams: 0, trainableParams: 0, bytes: 0, flops: 0 };
  try {
    const parsed = networkSpecSchema.safeParse(raw);
    if (!parsed.success) return { ...empty, errors: parsed.error.issues.map((iss) => fieldProblem(raw, iss)) };
    const spec = parsed.data;
    const rows: LayerRow[] = [];
    const errors: NetworkProblem[] = [];
    const start = inputShape(spec.input);
    const end = walk(spec.layers, start, { input: spec.input, prefix: '', path: 'layers', depth: 0 }, rows, errors);
    const lastLayer = spec.layers[spec.layers.length - 1];
    if (end && lastLayer.type !== 'output') {
      const i = String(spec.layers.length - 1);
      errors.push({ path: `layers.${i}`, layer: i, message: `layer ${i} (${lastLayer.type}): the network must end with an output layer` });
    }
    const total = (k: 'params' | 'trainable' | 'flops'): number => rows.reduce((a, r) => a + r[k], 0);
    return {
      ok: errors.length === 0, spec, errors, inputShape: start.dims, layers: rows, outputShape: end?.dims ?? null,
      totalParams: total('params'), trainableParams: total('trainable'), bytes: total('params') * BYTES_PER_PARAM, flops: total('flops'),
    };
  } catch (e) {
    return { ...empty, errors: [{ path: '', layer: null, message: `the spec could not be read: ${e instanceof Error ? e.message : String(e)}` }] };
  }
}

/** A valid spec, or an Error whose message lists every problem (for code that builds or trains). */
export function checkNetwork(raw: unknown): NetworkSpec {
  const s = summarizeNetwork(raw);
  if (!s.ok || !s.spec) throw new Error(s.errors.map((e) => e.message).join('; '));
  return s.spec;
}

/** `prefix`: the list's index as messages show it ("2", "2.1"); `path`: its dotted path into the spec. */
interface WalkContext { input: NetworkInput; prefix: string; path: string; depth: number }

/** Walks a list of layers from shape `s`; returns the output shape, or null after the first problem. */
function walk(layers: readonly Layer[], s: Shape, ctx: WalkContext, rows: LayerRow[], errors: NetworkProblem[]): Shape | null {
  let shape = s;
  for (let i = 0; i < layers.length; i++) {
    const layer = layers[i];
    const index = ctx.prefix ? `${ctx.prefix}.${i}` : String(i);
    const fail = (why: string): null => {
      errors.push({ path: `${ctx.path}.${i}`, layer: index, message: `layer ${index} (${layer.type}): ${why}` });
      return null;
    };
    if (layer.type === 'output' && (ctx.depth > 0 || i !== layers.length - 1)) return fail('the output head must be the last layer of the network');
    if (layer.type === 'residual') {
      const next = residual(layer.layers, shape, { ...ctx, prefix: index, path: `${ctx.path}.${i}.layers`, depth: ctx.depth + 1 }, rows, errors, fail);
      if (!next) return null;
      shape = next;
      continue;
    }
    if (layer.type === 'branches') {
      const next = branches(layer.branches, shape, { ...ctx, prefix: index, path: `${ctx.path}.${i}.branches`, depth: ctx.depth + 1 }, rows, errors, fail);
      if (!next) return null;
      shape = next;
      continue;
    }
    const r = layerEffect(layer, shape, { input: ctx.input, previous: shaper(layers, i), first: ctx.depth === 0 && i === 0 });
    if (typeof r === 'string') return fail(r);
    rows.push({ index, type: layer.type, depth: ctx.depth, outputShape: r.shape.dims, params: r.params, trainable: r.trainable, flops: r.flops });
    shape = r.shape;
  }
  return shape;
}

const SHAPE_KEEPING = new Set<LayerType>(['dropout', 'batchNorm', 'layerNorm']);

/** The nearest layer before `i` that sets the shape (dropout and norms pass it on), for messages. */
function shaper(layers: readonly Layer[], i: number): Layer | null {
  for (let j = i - 1; j >= 0; j--) if (!SHAPE_KEEPING.has(layers[j].type)) return layers[j];
  return null;
}

function residual(inner: readonly Layer[], s: Shape, ctx: WalkContext, rows: LayerRow[], errors: NetworkProblem[], fail: (why: string) => null): Shape | null {
  if (inner.length === 0) return fail('needs at least one layer inside');
  if (s.ids) return fail('reads token ids: embedding or embeddingBag must come first');
  const at = rows.length;
  const out = walk(inner, s, ctx, rows, errors);
  if (!out) return null;
  const same = out.dims.length === s.dims.length && out.dims.every((d, k) => d === s.dims[k]);
  const din = s.dims[s.dims.length - 1], dout = out.dims[out.dims.length - 1];
  const projectable = out.dims.length === s.dims.length && out.dims.slice(0, -1).every((d, k) => d === s.dims[k]);
  if (!same && !projectable) {
    return fail(`its inner output ${shapeText(out)} cannot be projected from its input ${shapeText(s)}: only the last size may change (no flatten, pooling, strides or dropped sequences inside)`);
  }
  const size = out.dims.reduce((a, b) => a * b, 1);
  const params = same ? 0 : din * dout;
  rows.splice(at, 0, { index: ctx.prefix, type: 'residual', depth: ctx.depth - 1, outputShape: out.dims, params, trainable: params, flops: size + (same ? 0 : (2 * size * din)) });
  return out;
}

/** Each branch walked from the same input (branch b's layer j is "index.b.j"); their flat outputs concatenated. */
function branches(lists: readonly Layer[][], s: Shape, ctx: WalkContext, rows: LayerRow[], errors: NetworkProblem[], fail: (why: string) => null): Shape | null {
  const at = rows.length;
  let width = 0;
  for (let b = 0; b < lists.length; b++) {
    if (lists[b].length === 0) return fail(`branch ${b} needs at least one layer`);
    const out = walk(lists[b], s, { ...ctx, prefix: `${ctx.prefix}.${b}`, path: `${ctx.path}.${b}` }, rows, errors);
    if (!out) return null;
    if (out.dims.length !== 1 || out.ids) return fail(`branch ${b} ends with ${shapeText(out)}${out.ids ? ' ids' : ''}: each branch must end with a flat vector to concatenate`);
    width += out.dims[0];
  }
  rows.splice(at, 0, { index: ctx.prefix, type: 'branches', depth: ctx.depth - 1, outputShape: [width], params: 0, trainable: 0, flops: 0 });
  return { dims: [width], ids: false };
}

/** A zod issue as a sentence naming the layer and field, e.g. "layer 2 (dense): units must be ≥ 1, got -4". */
function fieldProblem(raw: unknown, iss: z.core.$ZodIssue): NetworkProblem {
  const path = iss.path.map(String);
  const where: string[] = [];
  let node: unknown = raw;
  let k = 0;
  let layer: string | null = null;
  let label = '';
  if (path[0] === 'input') {
    label = 'input';
    k = 1;
  } else {
    for (;;) {
      if (k + 1 < path.length && path[k] === 'layers') {
        node = (node as Record<string, unknown> | undefined)?.layers;
        node = Array.isArray(node) ? node[Number(path[k + 1])] : undefined;
        where.push(path[k + 1]);
        k += 2;
      } else if (where.length && k + 2 < path.length && path[k] === 'branches') {
        // Branch b's layer j: "layer 0.b.j".
        node = (node as Record<string, unknown> | undefined)?.branches;
        node = Array.isArray(node) ? node[Number(path[k + 1])] : undefined;
        node = Array.isArray(node) ? node[Number(path[k + 2])] : undefined;
        where.push(path[k + 1], path[k + 2]);
        k += 3;
      } else break;
    }
    if (where.length) {
      layer = where.join('.');
      const t = (node as { type?: unknown } | undefined)?.type;
      label = `layer ${layer} (${typeof t === 'string' ? t : 'no type'})`;
    } else if (path[0] === 'layers') {
      label = 'layers';
      k = 1;
    } else label = 'spec';
  }
  const field = path.slice(k).join('.');
  return { path: path.join('.'), layer, message: `${label}: ${field ? `${field} ` : ''}${iss.message}` };
}
