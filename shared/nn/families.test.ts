import { describe, expect, it } from 'vitest';
import { resolveParams, storedParams, type FamilyParams } from '../families/index';
import { canonicalArch, lstmForecastNetwork, mlpNetwork, readTableArch, textnetNetwork } from './families';
import { networkPreset } from './presets';

const io = { features: 5, outputs: 3, activation: 'softmax' as const };

describe('mlp parameters as a network', () => {
  it('build the preset of the family’s hidden layers and dropout when no architecture is given', () => {
    const spec = mlpNetwork({ hidden: [32, 16], dropout: 0.25, arch: '' }, io);
    expect(spec.input).toEqual({ kind: 'table', features: 5 });
    expect(spec.layers).toEqual([
      { type: 'dense', units: 32, activation: 'relu', useBias: true }, { type: 'dropout', rate: 0.25 },
      { type: 'dense', units: 16, activation: 'relu', useBias: true }, { type: 'dropout', rate: 0.25 },
      { type: 'output', units: 3, activation: 'softmax' },
    ]);
    // No dropout layers at a rate of 0, as the family always built it.
    expect(mlpNetwork({ hidden: [8], dropout: 0, arch: '' }, io).layers.map((l) => l.type)).toEqual(['dense', 'output']);
  });

  it('map a run stored before architectures (no arch) to the preset of its stored sizes', () => {
    const old = { hidden: [64], dropout: 0.3, epochs: 5, learningRate: 0.01, batchSize: 32, l2: 0 };
    const params = resolveParams('mlp', storedParams('mlp', old)) as FamilyParams<'mlp'>;
    expect(params.arch).toBe('');
    expect(mlpNetwork(params, io)).toEqual(networkPreset('mlp', { input: { kind: 'table', features: 5 }, outputs: 3, activation: 'softmax', sizes: { hidden: [64], dropout: 0.3 } }));
  });

  it('fit a written architecture to the data: the input width and the task’s head replace its own', () => {
    const arch = JSON.stringify({ input: { kind: 'table', features: 99 }, layers: [{ type: 'dense', units: 12, activation: 'tanh' }, { type: 'layerNorm' }, { type: 'output', units: 1 }] });
    const spec = mlpNetwork({ hidden: [64], dropout: 0.1, arch }, io);
    expect(spec.input).toEqual({ kind: 'table', features: 5 });
    expect(spec.layers).toEqual([{ type: 'dense', units: 12, activation: 'tanh', useBias: true }, { type: 'layerNorm' }, { type: 'output', units: 3, activation: 'softmax' }]);
    // Stored with every default filled, in one line; the input may be left out.
    expect(JSON.parse(canonicalArch('{"layers":[{"type":"dense"},{"type":"output"}]}')).layers[0]).toEqual({ type: 'dense', units: 64, activation: 'relu', useBias: true });
    expect(canonicalArch('  ')).toBe('');
  });

  it('name the layer, the field and the fix when an architecture is wrong', () => {
    const problems = (raw: unknown) => {
      const r = readTableArch(raw);
      return r.ok ? [] : r.problems.map((p) => p.message);
    };
    expect(problems({ layers: [{ type: 'dense' }, { type: 'dense', units: -4 }, { type: 'output' }] })).toEqual(['layer 1 (dense): units must be ≥ 1, got -4']);
    expect(problems({ layers: [{ type: 'dense' }, { type: 'lstm' }, { type: 'output' }] })[0]).toMatch(/^layer 1 \(lstm\): needs a sequence/);
    expect(problems({ layers: [{ type: 'dense' }, { type: 'output' }, { type: 'dense' }] })[0]).toMatch(/^layer 1 \(output\): the output head must be the last layer/);
    expect(problems({ layers: [{ type: 'dense' }] })).toEqual(['layer 0 (dense): the network must end with an output layer']);
    expect(problems({ layers: [{ type: 'convolution' }, { type: 'output' }] })[0]).toMatch(/^layer 0 \(convolution\): type must be one of dense, dropout/);
    expect(problems({ input: { kind: 'tokens', vocabulary: 10, length: 4 }, layers: [{ type: 'output' }] })).toEqual(['input: kind must be table (a row of numbers) for this model, got "tokens"']);
    expect(problems('{"layers": [\n  {"type": "dense"},,\n]}')).toEqual(['the architecture is not valid JSON at line 2, column 21 (near ",\\n]}")']);
    expect(problems('{"layers": [{"type": "dense"}')).toEqual(['the architecture is not valid JSON at line 1, column 30 (it ends early)']);
    expect(() => mlpNetwork({ hidden: [1], dropout: 0, arch: '{"layers":[{"type":"dense","units":0},{"type":"output"}]}' }, io)).toThrow('layer 0 (dense): units must be ≥ 1, got 0');
  });
});

describe('the LSTM forecaster as a network', () => {
  it('is the lstm preset of its units over its windows, with a linear output per step', () => {
    const spec = lstmForecastNetwork({ steps: 24, channels: 3, units: [32, 16], outputs: 12 });
    expect(spec.input).toEqual({ kind: 'sequence', steps: 24, features: 3 });
    expect(spec.layers).toEqual([
      { type: 'lstm', units: 32, returnSequences: true }, { type: 'lstm', units: 16, returnSequences: false },
      { type: 'output', units: 12, activation: 'linear' },
    ]);
  });
});

describe('textnet as a network', () => {
  it('is the textnet preset of its sizes over term ids, with logits per class', () => {
    const spec = textnetNetwork({ vocabulary: 501, length: 40, embeddingDim: 16, hidden: 8, dropout: 0.3, classes: 3 });
    expect(spec.input).toEqual({ kind: 'tokens', vocabulary: 501, length: 40 });
    expect(spec.layers).toEqual([
      { type: 'embeddingBag', inputDim: 501, outputDim: 16 }, { type: 'dense', units: 8, activation: 'relu', useBias: true },
      { type: 'dropout', rate: 0.3 }, { type: 'output', units: 3, activation: 'linear' },
    ]);
  });
});

