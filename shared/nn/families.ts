/**
 * A network family's parameters as a spec: the one place where a family's sizes become its preset (mlp, the
 * LSTM forecaster, textnet, ncf) and a spec a user wrote (the `arch` parameter of mlp and ncf) is read,
 * checked and fitted to the data. Runs stored before a family took a spec have no `arch`; their
 * parameters fill it with '' and map here to the preset of their own sizes — the network they trained —
 * so they re-run as before.
 */
import { FIELDS, type OutputActivation } from './fields';
import { networkPreset } from './presets';
import { summarizeNetwork, type NetworkProblem } from './summary';
import type { NetworkInput, NetworkSpec } from './spec';
import { jsonErrorOffset, lineColumn } from './json-where';

/** What the data decides about a table network: its input width and its output head. */
export interface TableIo {
  features: number;
  outputs: number;
  activation: OutputActivation;
}

/** The mlp family's parameters that shape its network. */
export interface MlpShape {
  hidden: readonly number[];
  dropout: number;
  /** A spec as JSON text; '' builds the preset from `hidden` and `dropout`. */
  arch: string;
}

/** The input width assumed while a spec is checked without data (the engine sets the real one). */
export const PLACEHOLDER_FEATURES = FIELDS.features.default;

export type ArchReading = { ok: true; spec: NetworkSpec } | { ok: false; problems: NetworkProblem[] };

/** Parses JSON text, naming the line and column of a syntax error. */
function parseJson(text: string): { value: unknown } | { error: string } {
  try {
    return { value: JSON.parse(text) };
  } catch (e) {
    const at = jsonErrorOffset(text);
    const where = at === null ? '' : ` at ${lineColumn(text, at)}${at < text.length ? ` (near ${JSON.stringify(text.slice(at, at + 12))})` : ' (it ends early)'}`;
    return { error: `the architecture is not valid JSON${where}` };
  }
}

/**
 * An architecture as written (JSON text or an object) checked for a table family: valid fields, shapes
 * that work and a table input. Problems name the layer ("layer 3 (dense): …"). The output head's size and
 * activation follow the task, so any head passes here.
 */
export function readTableArch(raw: string | unknown): ArchReading {
  let value: unknown = raw;
  if (typeof raw === 'string') {
    const parsed = parseJson(raw);
    if ('error' in parsed) return { ok: false, problems: [{ path: '', layer: null, message: parsed.error }] };
    value = parsed.value;
  }
  const input = (value as { input?: { kind?: unknown } } | null)?.input;
  if (input && typeof input === 'object' && input.kind !== undefined && input.kind !== 'table') {
    return { ok: false, problems: [{ path: 'input.kind', layer: null, message: `input: kind must be table (a row of numbers) for this model, got ${JSON.stringify(input.kind)}` }] };
  }
  const withInput = value && typeof value === 'object' && !input ? { ...value, input: { kind: 'table', features: PLACEHOLDER_FEATURES } } : value;
  const s = summarizeNetwork(withInput);
  return s.ok && s.spec ? { ok: true, spec: s.spec } : { ok: false, problems: s.errors };
}

/** The spec as stored on a run: every default filled, in one line of JSON ('' stays ''). */
export function canonicalArch(text: string): string {
  if (!text.trim()) return '';
  const r = readTableArch(text);
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('; '));
  return JSON.stringify(r.spec);
}

/** A table spec with the data's input width and the task's output head. */
export function fitTableSpec(spec: NetworkSpec, io: TableIo): NetworkSpec {
  const layers = spec.layers.slice(0, -1);
  const input: NetworkInput = { kind: 'table', features: io.features };
  return { input, layers: [...layers, { type: 'output', units: io.outputs, activation: io.activation }] };
}

/** The mlp family's network for a run's parameters and data. Throws (naming the layer) on a bad `arch`. */
export function mlpNetwork(p: MlpShape, io: TableIo): NetworkSpec {
  if (!p.arch.trim()) {
    return networkPreset('mlp', { input: { kind: 'table', features: io.features }, outputs: io.outputs, activation: io.activation, sizes: { hidden: p.hidden, dropout: p.dropout } });
  }
  const r = readTableArch(p.arch);
  if (!r.ok) throw new Error(r.problems.map((q) => q.message).join('; '));
  return fitTableSpec(r.spec, io);
}

/** The LSTM forecaster's network: its stacked units over windows of `steps` × `channels`, a linear head per output. */
export function lstmForecastNetwork(n: { steps: number; channels: number; units: readonly number[]; outputs: number }): NetworkSpec {
  return networkPreset('lstm', { input: { kind: 'sequence', steps: n.steps, features: n.channels }, outputs: n.outputs, activation: 'linear', sizes: { units: n.units } });
}

/** The text network: shared/nn's textnet preset (a bag of its term embeddings, a dense ReLU layer, dropout) giving logits per class. */
export function textnetNetwork(n: { vocabulary: number; length: number; embeddingDim: number; hidden: number; dropout: number; classes: number }): NetworkSpec {
  return networkPreset('textnet', {
    input: { kind: 'tokens', vocabulary: n.vocabulary, length: n.length }, outputs: n.classes, activation: 'linear',
    sizes: { embeddingDim: n.embeddingDim, hidden: [n.hidden], dropout: n.dropout },
  });
}


/** What the ncf engine trains: NeuMF's sizes, read from its spec. */
export interface NcfSizes {
  factors: number;
  mlpDim: number;
  /** Units of the MLP tower's dense ReLU layers. */
  layers: number[];
}

/** The ncf family's network: shared/nn's ncf preset over the data's users and items, one sigmoid output. */
export function ncfNetwork(n: { users: number; items: number; factors: number; layers: readonly number[]; mlpDim?: number }): NetworkSpec {
  return networkPreset('ncf', { input: { kind: 'pair', users: n.users, items: n.items }, sizes: { factors: n.factors, hidden: n.layers, mlpDim: n.mlpDim } });
}

/**
 * NeuMF's sizes from a spec, or why the spec is not the network the ncf engine trains: one branches
 * layer of a GMF branch (a product pair embedding) and an MLP branch (a concat pair embedding, then dense
 * ReLU layers), then one sigmoid output. Problems name the layer ("layer 0.1.2 (dropout): …").
 */
export function ncfSizesOf(spec: NetworkSpec): { ok: true; sizes: NcfSizes } | { ok: false; problems: NetworkProblem[] } {
  const problem = (layer: string | null, path: string, message: string) => ({ ok: false as const, problems: [{ path, layer, message }] });
  if (spec.input.kind !== 'pair') return problem(null, 'input.kind', `input: kind must be pair (user and item ids) for ncf, got ${JSON.stringify(spec.input.kind)}`);
  const [block, head] = spec.layers;
  if (spec.layers.length !== 2 || block.type !== 'branches') {
    const l = spec.layers[0];
    return problem('0', 'layers.0', `layer 0 (${l.type}): ncf trains one branches layer (a GMF and an MLP branch) then the output head`);
  }
  if (head.type !== 'output' || head.units !== 1 || head.activation !== 'sigmoid') {
    return problem('1', 'layers.1', `layer 1 (${head.type}): ncf's output is 1 unit with a sigmoid`);
  }
  if (block.branches.length !== 2) return problem('0', 'layers.0.branches', `layer 0 (branches): ncf has 2 branches (GMF, then MLP), got ${block.branches.length}`);
  const [gmf, mlp] = block.branches;
  if (gmf.length !== 1 || gmf[0].type !== 'pairEmbedding' || gmf[0].combine !== 'product') {
    return problem('0.0.0', 'layers.0.branches.0.0', `layer 0.0.0 (${gmf[0]?.type ?? 'none'}): ncf's GMF branch is one pairEmbedding with combine 'product'`);
  }
  const [entry, ...tower] = mlp;
  if (entry.type !== 'pairEmbedding' || entry.combine !== 'concat') {
    return problem('0.1.0', 'layers.0.branches.1.0', `layer 0.1.0 (${entry.type}): ncf's MLP branch starts with a pairEmbedding with combine 'concat'`);
  }
  if (tower.length === 0) return problem('0.1', 'layers.0.branches.1', "layer 0.1 (branch): ncf's MLP branch needs at least one dense layer after its embedding");
  const layers: number[] = [];
  for (const [j, l] of tower.entries()) {
    if (l.type !== 'dense' || l.activation !== 'relu' || !l.useBias) {
      return problem(`0.1.${j + 1}`, `layers.0.branches.1.${j + 1}`, `layer 0.1.${j + 1} (${l.type}): ncf's MLP tower holds dense layers with relu and a bias only`);
    }
    layers.push(l.units);
  }
  return { ok: true, sizes: { factors: gmf[0].outputDim, mlpDim: entry.outputDim, layers } };
}

/**
 * An ncf architecture as written (JSON text or an object), checked: valid fields and shapes, and the
 * network the ncf engine trains. The user and item counts come from the data; a spec without an input
 * is read with a placeholder pair.
 */
export function readNcfArch(raw: string | unknown): ArchReading {
  let value: unknown = raw;
  if (typeof raw === 'string') {
    const parsed = parseJson(raw);
    if ('error' in parsed) return { ok: false, problems: [{ path: '', layer: null, message: parsed.error }] };
    value = parsed.value;
  }
  const input = (value as { input?: unknown } | null)?.input;
  const withInput = value && typeof value === 'object' && !input ? { ...value, input: { kind: 'pair', users: FIELDS.users.default, items: FIELDS.items.default } } : value;
  const s = summarizeNetwork(withInput);
  if (!s.ok || !s.spec) return { ok: false, problems: s.errors };
  const sizes = ncfSizesOf(s.spec);
  return sizes.ok ? { ok: true, spec: s.spec } : { ok: false, problems: sizes.problems };
}

/** ncf's network for a run: its `arch` (fitted to the data's users and items) or the preset of its factors and layers. Throws naming the layer. */
export function ncfRunNetwork(p: { factors: number; layers: readonly number[]; arch?: string }, data: { users: number; items: number }): NetworkSpec {
  if (!p.arch?.trim()) return ncfNetwork({ ...data, factors: p.factors, layers: p.layers });
  const r = readNcfArch(p.arch);
  if (!r.ok) throw new Error(r.problems.map((q) => q.message).join('; '));
  return { ...r.spec, input: { kind: 'pair', users: data.users, items: data.items } };
}

/** An ncf spec as stored on a run: every default filled, in one line of JSON ('' stays ''). */
export function canonicalNcfArch(text: string): string {
  if (!text.trim()) return '';
  const r = readNcfArch(text);
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('; '));
  const { input: _input, ...rest } = r.spec;
  return JSON.stringify(rest);
}
