import { describe, expect, it } from 'vitest';
import { addLayer, archText, fieldValue, layersOf, moveLayer, presetLayers, removeLayer, setField, summarize } from './arch-editor';

const head = { outputs: 1, activation: 'linear' as const };

describe('architecture editor edits', () => {
  it('start from the preset of the family’s sizes, add before the head, move and remove', () => {
    const start = presetLayers('mlp', { hidden: [32], dropout: 0 }, head);
    expect(start.map((l) => l.type)).toEqual(['dense', 'output']);
    const added = addLayer(start, 'batchNorm');
    expect(added.at).toBe(1);
    expect(added.layers.map((l) => l.type)).toEqual(['dense', 'batchNorm', 'output']);
    const moved = moveLayer(added.layers, 1, -1);
    expect(moved).toMatchObject({ at: 0 });
    expect(moved.layers.map((l) => l.type)).toEqual(['batchNorm', 'dense', 'output']);
    expect(moveLayer(moved.layers, 0, -1).layers).toBe(moved.layers);
    expect(removeLayer(moved.layers, 0).map((l) => l.type)).toEqual(['dense', 'output']);
  });

  it('keep a typed field as typed, so the summary names the layer and the value', () => {
    const layers = setField(presetLayers('mlp', { hidden: [8, 8], dropout: 0.1 }, head), 2, 'units', fieldValue('int', '-4'));
    const s = summarize(layers, 4);
    expect(s.ok).toBe(false);
    expect(s.errors.map((e) => e.message)).toEqual(['layer 2 (dense): units must be ≥ 1, got -4']);
    expect(summarize(setField(layers, 2, 'units', fieldValue('int', 'abc')), 4).errors[0].message).toBe('layer 2 (dense): units must be a number, got "abc"');
    const fixed = summarize(setField(layers, 2, 'units', fieldValue('int', '16')), 4);
    expect(fixed.ok).toBe(true);
    // 4·8+8, 8·16+16, 16·1+1
    expect(fixed.totalParams).toBe(40 + 144 + 17);
  });

  it('round-trip the layers through the JSON a run is started with', () => {
    const layers = addLayer(presetLayers('residual-mlp', { hidden: [16], dropout: 0.1 }, head), 'layerNorm').layers;
    expect(layersOf(archText(layers))).toEqual(layers);
    expect(layersOf('not json')).toBeNull();
  });
});
