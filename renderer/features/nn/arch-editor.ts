/**
 * The architecture editor's state and its edits, pure: an ordered list of layers (the output head last),
 * each field as typed so a wrong value is shown and named by the summary rather than dropped. The spec
 * sent to the host is this list as JSON; the host fits the input width and the head to the data.
 */
import { LAYER_INFO, networkPreset, summarizeNetwork, type LayerInput, type LayerType, type NetworkSummary, type OutputActivation, type PresetName } from '../../../shared/nn/index';

/** A layer as edited: its type and its fields' values (numbers, or the text typed when not a number). */
export type EditedLayer = LayerInput;

/** Presets that read a table row (what the tabular network family trains on). */
export const TABLE_PRESETS: PresetName[] = ['mlp', 'residual-mlp'];

/** Layer types offered for a table network (the rest need sequences or token ids first). */
export const TABLE_LAYER_TYPES: LayerType[] = (Object.keys(LAYER_INFO) as LayerType[]).filter((t) => t !== 'output' && t !== 'embedding' && t !== 'embeddingBag');

export interface Head {
  outputs: number;
  activation: OutputActivation;
}

/** The preset's layers for the family's sizes, without the input (the data sets it). */
export function presetLayers(name: PresetName, sizes: { hidden: number[]; dropout: number }, head: Head): EditedLayer[] {
  return networkPreset(name, { sizes, outputs: head.outputs, activation: head.activation }).layers as EditedLayer[];
}

/** A new layer of a type, at its fields' defaults. */
export function newLayer(type: LayerType): EditedLayer {
  if (type === 'residual') return { type, layers: [{ type: 'dense', activation: 'relu' }] };
  const fields = LAYER_INFO[type].fields;
  return { type, ...Object.fromEntries(Object.entries(fields).map(([k, spec]) => [k, spec.default])) } as EditedLayer;
}

/** Adds a layer before the output head (or at the end when there is none). */
export function addLayer(layers: EditedLayer[], type: LayerType): { layers: EditedLayer[]; at: number } {
  const head = layers.length > 0 && layers[layers.length - 1].type === 'output' ? layers.length - 1 : layers.length;
  return { layers: [...layers.slice(0, head), newLayer(type), ...layers.slice(head)], at: head };
}

export function removeLayer(layers: EditedLayer[], at: number): EditedLayer[] {
  return layers.filter((_, i) => i !== at);
}

/** Moves a layer up (−1) or down (+1); out of range leaves the list as it is. */
export function moveLayer(layers: EditedLayer[], at: number, by: -1 | 1): { layers: EditedLayer[]; at: number } {
  const to = at + by;
  if (to < 0 || to >= layers.length) return { layers, at };
  const next = [...layers];
  [next[at], next[to]] = [next[to], next[at]];
  return { layers: next, at: to };
}

/** A field's text as typed: a number when it reads as one, true/false for switches, else the text itself. */
export function fieldValue(kind: string, text: string): unknown {
  if (kind === 'bool') return text === 'true';
  if (kind === 'int' || kind === 'float') {
    const t = text.trim();
    return t !== '' && Number.isFinite(Number(t)) ? Number(t) : text;
  }
  return text;
}

export function setField(layers: EditedLayer[], at: number, key: string, value: unknown): EditedLayer[] {
  return layers.map((l, i) => (i === at ? ({ ...l, [key]: value } as EditedLayer) : l));
}

/** The spec the editor stands for, with an input of `features` numbers. */
export function specOf(layers: EditedLayer[], features: number): { input: { kind: 'table'; features: number }; layers: EditedLayer[] } {
  return { input: { kind: 'table', features: Math.max(1, features) }, layers };
}

/** The JSON the run is started with: the layers only (the host sets the input from the data). */
export function archText(layers: EditedLayer[]): string {
  return JSON.stringify({ layers });
}

/** The layers of stored architecture JSON, or null when it cannot be read. */
export function layersOf(arch: string): EditedLayer[] | null {
  try {
    const v = JSON.parse(arch) as { layers?: unknown };
    return Array.isArray(v.layers) ? (v.layers as EditedLayer[]) : null;
  } catch {
    return null;
  }
}

export function summarize(layers: EditedLayer[], features: number): NetworkSummary {
  return summarizeNetwork(specOf(layers, features));
}
