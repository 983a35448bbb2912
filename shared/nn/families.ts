/**
 * A network family's parameters as a spec: the one place where a family's sizes become its preset (mlp, the
 * LSTM forecaster, textnet) and a
 * spec a user wrote (the `arch` parameter) is read, checked and fitted to the data. Runs stored before the
 * mlp family took a spec have no `arch`; their parameters fill it with '' and map here to the preset of
 * their own hidden layers and dropout — the network they trained — so they re-run as before.
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

