import { describe, expect, it } from 'vitest';
import { MLP_DEFAULTS } from '../families/index';
import { networkPreset, PRESET_INFO, PRESET_NAMES, summarizeNetwork, type NetworkInput, type NetworkSpecInput } from './index';

const table = { kind: 'table', features: 8 } as const;
const seq = { kind: 'sequence', steps: 10, features: 3 } as const;
const tokens = { kind: 'tokens', vocabulary: 100, length: 12 } as const;
const messages = (raw: unknown): string[] => summarizeNetwork(raw).errors.map((e) => e.message);

describe('network spec summary', () => {
  it('every preset validates on each input kind it names', () => {
    for (const name of PRESET_NAMES) {
      for (const kind of PRESET_INFO[name].inputs) {
        const input: NetworkInput = kind === 'table' ? table : kind === 'sequence' ? seq : kind === 'pair' ? { kind: 'pair', users: 50, items: 40 } : tokens;
        const s = summarizeNetwork(networkPreset(name, { input }));
        expect(s.errors, `${name} on ${kind}`).toEqual([]);
        expect(s.ok).toBe(true);
        expect(s.totalParams).toBeGreaterThan(0);
        expect(s.bytes).toBe(4 * s.totalParams);
        expect(s.flops).toBeGreaterThan(0);
      }
    }
  });

  it('the mlp preset is the MLP family’s default network, counted by hand', () => {
    const s = summarizeNetwork(networkPreset('mlp', { input: table }));
    const dense = s.layers.filter((l) => l.type === 'dense').map((l) => l.outputShape[0]);
    expect(dense).toEqual(MLP_DEFAULTS.hidden);
    // 8→64→32→1 with biases.
    expect(s.totalParams).toBe(8 * 64 + 64 + 64 * 32 + 32 + 32 + 1);
    expect(s.outputShape).toEqual([1]);
  });

  it('computes shapes through recurrent, convolution, attention and residual layers', () => {
    const s = summarizeNetwork({
      input: seq,
      layers: [
        { type: 'conv1d', filters: 4, kernelSize: 3, padding: 'valid', strides: 2 },
        { type: 'residual', layers: [{ type: 'lstm', units: 6, returnSequences: true }] },
        { type: 'multiHeadAttention', heads: 2, keyDim: 3 },
        { type: 'flatten' },
        { type: 'output', units: 2, activation: 'softmax' },
      ],
    });
    expect(s.errors).toEqual([]);
    expect(s.layers.map((l) => [l.index, l.type, l.outputShape])).toEqual([
      ['0', 'conv1d', [4, 4]], ['1', 'residual', [4, 6]], ['1.0', 'lstm', [4, 6]], ['2', 'multiHeadAttention', [4, 6]], ['3', 'flatten', [24]], ['4', 'output', [2]],
    ]);
    const params = Object.fromEntries(s.layers.map((l) => [l.index, l.params]));
    expect(params).toEqual({ 0: 3 * 3 * 4 + 4, 1: 4 * 6, '1.0': 4 * (4 * 6 + 6 * 6 + 6), 2: 3 * (6 * 6 + 6) + 6 * 6 + 6, 3: 0, 4: 24 * 2 + 2 });
  });

  it('names the layer and the rule for a field out of range', () => {
    const m = messages({ input: table, layers: [{ type: 'dense', units: 8 }, { type: 'dropout', rate: 0.2 }, { type: 'dense', units: -4 }, { type: 'output' }] });
    expect(m).toEqual(['layer 2 (dense): units must be ≥ 1, got -4']);
    expect(messages({ input: table, layers: [{ type: 'dense', activation: 'wiggle' }, { type: 'output' }] })[0]).toMatch(/^layer 0 \(dense\): activation must be one of linear, relu/);
    expect(messages({ input: table, layers: [{ type: 'residual', layers: [{ type: 'dropout', rate: 2 }] }, { type: 'output' }] })).toEqual(['layer 0.0 (dropout): rate must be ≤ 0.9, got 2']);
    expect(messages({ input: { kind: 'table', features: 0 }, layers: [{ type: 'output' }] })).toEqual(['input: features must be ≥ 1, got 0']);
    expect(messages({ input: table, layers: [{ type: 'convolution' }] })[0]).toMatch(/^layer 0 \(convolution\): type must be one of dense/);
  });

  it('refuses a dense layer after an LSTM that returns sequences, saying what to do', () => {
    const m = messages({ input: seq, layers: [{ type: 'gru', units: 8, returnSequences: true }, { type: 'lstm', units: 8, returnSequences: true }, { type: 'dropout' }, { type: 'dense', units: 4 }, { type: 'output' }] });
    expect(m).toEqual(['layer 3 (dense): follows an LSTM that returns sequences: add flatten or set returnSequences false']);
    const conv = messages({ input: seq, layers: [{ type: 'conv1d' }, { type: 'output' }] });
    expect(conv).toEqual(['layer 1 (output): gets a sequence [10, 32]: add flatten or globalAveragePooling1d before it']);
    const direct = messages({ input: seq, layers: [{ type: 'lstm', units: 8, returnSequences: true }, { type: 'dense', units: 4 }, { type: 'output' }] });
    expect(direct).toEqual(['layer 1 (dense): follows an LSTM that returns sequences: add flatten or set returnSequences false']);
  });

  it('refuses attention, pooling and recurrence on a flat input', () => {
    expect(messages({ input: table, layers: [{ type: 'dense', units: 4 }, { type: 'multiHeadAttention' }, { type: 'output' }] })[0]).toMatch(/^layer 1 \(multiHeadAttention\): needs a sequence \[steps, features\], got \[4\]/);
    expect(messages({ input: table, layers: [{ type: 'transformerEncoder' }, { type: 'output' }] })[0]).toMatch(/^layer 0 \(transformerEncoder\): needs a sequence/);
    expect(messages({ input: table, layers: [{ type: 'lstm' }, { type: 'output' }] })[0]).toMatch(/^layer 0 \(lstm\): needs a sequence/);
  });

  it('refuses token ids read by anything but a first embedding', () => {
    expect(messages({ input: tokens, layers: [{ type: 'dense', units: 4 }, { type: 'output' }] })).toEqual(['layer 0 (dense): reads numbers but the input is token ids: start with embedding or embeddingBag']);
    expect(messages({ input: tokens, layers: [{ type: 'embedding', inputDim: 100 }, { type: 'embedding', inputDim: 100 }, { type: 'output' }] })).toEqual(['layer 1 (embedding): reads token ids: it must be the first layer']);
    expect(messages({ input: table, layers: [{ type: 'embedding' }, { type: 'output' }] })).toEqual(['layer 0 (embedding): reads token ids but the input is a table: use a tokens input']);
    expect(messages({ input: tokens, layers: [{ type: 'embeddingBag', inputDim: 50 }, { type: 'output' }] })).toEqual(["layer 0 (embeddingBag): inputDim must be ≥ the input's vocabulary (100), got 50"]);
  });

  it('refuses a residual block whose output cannot be projected back onto its input', () => {
    const m = messages({ input: seq, layers: [{ type: 'residual', layers: [{ type: 'globalAveragePooling1d' }] }, { type: 'output' }] });
    expect(m).toEqual(['layer 0 (residual): its inner output [3] cannot be projected from its input [10, 3]: only the last size may change (no flatten, pooling, strides or dropped sequences inside)']);
    expect(messages({ input: table, layers: [{ type: 'residual', layers: [] }, { type: 'output' }] })).toEqual(['layer 0 (residual): needs at least one layer inside']);
    // Only the last size changes: projected, with in×out weights and no bias.
    const s = summarizeNetwork({ input: table, layers: [{ type: 'residual', layers: [{ type: 'dense', units: 5 }] }, { type: 'output' }] });
    expect(s.errors).toEqual([]);
    expect(s.layers[0]).toMatchObject({ index: '0', type: 'residual', params: 8 * 5, outputShape: [5] });
  });

  it('wants exactly one output head, last', () => {
    expect(messages({ input: table, layers: [{ type: 'dense', units: 3 }] })).toEqual(['layer 0 (dense): the network must end with an output layer']);
    expect(messages({ input: table, layers: [{ type: 'output' }, { type: 'dense' }] })).toEqual(['layer 0 (output): the output head must be the last layer of the network']);
    expect(messages({ input: table, layers: [] })).toEqual(['layers: needs at least one layer (the output head)']);
  });

  it('never throws, whatever it is given', () => {
    const junk: unknown[] = [null, 42, 'mlp', [], {}, { input: table }, { input: table, layers: 'dense' }, { input: table, layers: [null, 3] }, { input: { kind: 'image' }, layers: [{ type: 'output' }] }];
    for (const raw of junk) {
      const s = summarizeNetwork(raw);
      expect(s.ok).toBe(false);
      expect(s.errors.length).toBeGreaterThan(0);
      for (const e of s.errors) expect(typeof e.message).toBe('string');
    }
    const spec: NetworkSpecInput = { input: table, layers: [{ type: 'output' }] };
    expect(summarizeNetwork(spec).ok).toBe(true);
  });
});

describe('pair inputs and branches', () => {
  it('walk each branch from the pair and concatenate their flat outputs; problems name the branch layer and its path', () => {
    const pair = { kind: 'pair', users: 10, items: 20 } as const;
    const s = summarizeNetwork({ input: pair, layers: [{ type: 'branches', branches: [[{ type: 'pairEmbedding', outputDim: 3 }], [{ type: 'pairEmbedding', outputDim: 2, combine: 'concat' }, { type: 'dense', units: 5 }]] }, { type: 'output' }] });
    expect(s.errors).toEqual([]);
    expect(s.layers.map((l) => [l.index, l.depth, l.outputShape])).toEqual([['0', 0, [8]], ['0.0.0', 1, [3]], ['0.1.0', 1, [4]], ['0.1.1', 1, [5]], ['1', 0, [1]]]);
    expect(s.totalParams).toBe(30 * 3 + 30 * 2 + (4 * 5 + 5) + (8 + 1));
    const bad = summarizeNetwork({ input: pair, layers: [{ type: 'branches', branches: [[{ type: 'pairEmbedding' }], [{ type: 'pairEmbedding', combine: 'concat' }, { type: 'lstm' }]] }, { type: 'output' }] });
    expect(bad.errors).toEqual([{ path: 'layers.0.branches.1.1', layer: '0.1.1', message: expect.stringMatching(/^layer 0\.1\.1 \(lstm\): needs a sequence/) }]);
    expect(messages({ input: pair, layers: [{ type: 'branches', branches: [[{ type: 'pairEmbedding' }]] }, { type: 'output' }] })).toEqual(['layer 0 (branches): branches needs at least two branches']);
    expect(messages({ input: pair, layers: [{ type: 'branches', branches: [[{ type: 'pairEmbedding' }], [{ type: 'pairEmbedding', combine: 'sum' }]] }, { type: 'output' }] }))
      .toEqual(['layer 0.1.0 (pairEmbedding): combine must be one of product, concat, got "sum"']);
    expect(messages({ input: { kind: 'table', features: 3 }, layers: [{ type: 'pairEmbedding' }, { type: 'output' }] })).toEqual(['layer 0 (pairEmbedding): reads a (user, item) pair but the input is a table: use a pair input']);
  });
});
