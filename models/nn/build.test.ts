import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend, tf } from '../mlp/backend';
import { mulberry32 } from '../split/prng';
import { networkPreset, PRESET_INFO, PRESET_NAMES, summarizeNetwork, type NetworkInput, type NetworkSpec, type NetworkSpecInput } from '../../shared/nn/index';
import { buildNetwork, defaultLoss } from './build';

const INPUTS: Record<NetworkInput['kind'], NetworkInput> = {
  table: { kind: 'table', features: 6 },
  sequence: { kind: 'sequence', steps: 7, features: 3 },
  tokens: { kind: 'tokens', vocabulary: 40, length: 9 },
  pair: { kind: 'pair', users: 11, items: 13 },
};

/** Seeded random inputs for a spec: token ids (some 0, the padding) or uniform numbers. */
function batchOf(spec: NetworkSpec, rows: number, seed: number): tf.Tensor {
  const rand = mulberry32(seed);
  const i = spec.input;
  if (i.kind === 'tokens') return tf.tensor2d(Int32Array.from({ length: rows * i.length }, () => Math.floor(rand() * i.vocabulary)), [rows, i.length], 'int32');
  if (i.kind === 'pair') return tf.tensor2d(Int32Array.from({ length: rows * 2 }, (_, k) => Math.floor(rand() * (k % 2 ? i.items : i.users))), [rows, 2], 'int32');
  const dims = i.kind === 'table' ? [i.features] : [i.steps, i.features];
  const n = rows * dims.reduce((a, b) => a * b, 1);
  return tf.tensor(Float32Array.from({ length: n }, () => 2 * rand() - 1), [rows, ...dims]);
}

function targetsOf(spec: NetworkSpec, rows: number, seed: number): tf.Tensor {
  const head = spec.layers[spec.layers.length - 1] as Extract<NetworkSpec['layers'][number], { type: 'output' }>;
  const rand = mulberry32(seed);
  if (head.activation === 'softmax') return tf.oneHot(tf.tensor1d(Array.from({ length: rows }, () => Math.floor(rand() * head.units)), 'int32'), head.units).toFloat();
  return tf.tensor2d(Float32Array.from({ length: rows * head.units }, () => (head.activation === 'sigmoid' ? (rand() < 0.5 ? 0 : 1) : rand())), [rows, head.units]);
}

const weightsOf = (m: tf.LayersModel): Float32Array[] => m.getWeights().map((w) => w.dataSync() as Float32Array);

/** Builds, checks the count against the summary, trains one step, and returns the model. */
async function buildAndStep(raw: NetworkSpecInput, seed = 1): Promise<{ model: tf.LayersModel; spec: NetworkSpec }> {
  const summary = summarizeNetwork(raw);
  expect(summary.errors).toEqual([]);
  const spec = summary.spec!;
  const model = buildNetwork(spec, { seed });
  expect(model.countParams()).toBe(summary.totalParams);
  expect(model.outputs[0].shape.slice(1)).toEqual(summary.outputShape);
  model.compile({ optimizer: tf.train.adam(0.01), loss: defaultLoss(spec) });
  const before = weightsOf(model);
  const x = batchOf(spec, 4, seed), y = targetsOf(spec, 4, seed);
  const loss = (await model.trainOnBatch(x, y)) as number;
  tf.dispose([x, y]);
  expect(Number.isFinite(loss)).toBe(true);
  const after = weightsOf(model);
  expect(after.some((w, k) => w.some((v, j) => v !== before[k][j]))).toBe(true);
  return { model, spec };
}

describe('network builder', () => {
  beforeAll(async () => {
    await selectBackend(['cpu']);
  });

  it('builds every preset on each input it names, with the summary’s parameter count, and trains a step', async () => {
    for (const name of PRESET_NAMES) {
      for (const kind of PRESET_INFO[name].inputs) {
        const spec = networkPreset(name, { input: INPUTS[kind], outputs: 3, activation: name === 'lstm' ? 'linear' : 'softmax' });
        const { model } = await buildAndStep(spec);
        model.dispose();
      }
    }
  }, 60_000);

  it('counts hand-written specs as TF.js does: GRU, strided convolution, batch norm, projected residuals, attention', async () => {
    const specs: NetworkSpecInput[] = [
      { input: INPUTS.sequence, layers: [{ type: 'gru', units: 5, returnSequences: true }, { type: 'gru', units: 4 }, { type: 'output', units: 1, activation: 'sigmoid' }] },
      {
        input: INPUTS.sequence,
        layers: [
          { type: 'conv1d', filters: 4, kernelSize: 2, strides: 2, padding: 'valid', activation: 'tanh' },
          { type: 'batchNorm' },
          { type: 'residual', layers: [{ type: 'multiHeadAttention', heads: 3, keyDim: 2, dropout: 0.1 }, { type: 'conv1d', filters: 6, kernelSize: 1, activation: 'gelu' }] },
          { type: 'flatten' },
          { type: 'output', units: 2 },
        ],
      },
      {
        input: INPUTS.table,
        layers: [
          { type: 'dense', units: 5, activation: 'swish', useBias: false },
          { type: 'residual', layers: [{ type: 'batchNorm' }, { type: 'dense', units: 7, activation: 'selu' }, { type: 'residual', layers: [{ type: 'dense', units: 7, activation: 'elu' }] }] },
          { type: 'layerNorm' },
          { type: 'output', units: 1 },
        ],
      },
      { input: INPUTS.tokens, layers: [{ type: 'embedding', inputDim: 50, outputDim: 4 }, { type: 'lstm', units: 3 }, { type: 'output', units: 1 }] },
    ];
    for (const spec of specs) (await buildAndStep(spec)).model.dispose();
  }, 60_000);

  it('refuses an invalid spec with the summary’s words', () => {
    expect(() => buildNetwork({ input: INPUTS.table, layers: [{ type: 'dense', units: -4 }, { type: 'output' }] })).toThrow('layer 0 (dense): units must be ≥ 1, got -4');
  });

  it('gives the same initial weights for the same seed, and other weights for another', () => {
    const spec = networkPreset('transformer', { input: INPUTS.tokens, outputs: 2, activation: 'softmax' });
    const [a, b, c] = [7, 7, 8].map((seed) => buildNetwork(spec, { seed }));
    const [wa, wb, wc] = [a, b, c].map(weightsOf);
    wa.forEach((w, k) => expect(Array.from(wb[k])).toEqual(Array.from(w)));
    expect(wa.some((w, k) => w.some((v, j) => v !== wc[k][j]))).toBe(true);
    for (const m of [a, b, c]) m.dispose();
    const lstm = networkPreset('lstm', { input: INPUTS.sequence });
    const [l1, l2] = [3, 3].map((seed) => buildNetwork(lstm, { seed }));
    weightsOf(l1).forEach((w, k) => expect(Array.from(weightsOf(l2)[k])).toEqual(Array.from(w)));
    l1.dispose();
    l2.dispose();
  });

  it('saves and loads a model with the custom attention and embedding-bag layers, predicting the same', async () => {
    const specs = [
      networkPreset('transformer', { input: INPUTS.tokens, outputs: 3, activation: 'softmax' }),
      networkPreset('transformer', { input: INPUTS.sequence, outputs: 2 }),
      networkPreset('textnet', { input: INPUTS.tokens }),
    ];
    for (const spec of specs) {
      const { model } = await buildAndStep(spec, 5);
      let saved: tf.io.ModelArtifacts | null = null;
      await model.save(tf.io.withSaveHandler(async (artifacts) => {
        saved = artifacts;
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
      }));
      // Through JSON text, as a file would carry the topology.
      const artifacts = saved! as tf.io.ModelArtifacts;
      const back = await tf.loadLayersModel(tf.io.fromMemory({ ...artifacts, modelTopology: JSON.parse(JSON.stringify(artifacts.modelTopology)) }));
      const x = batchOf(spec, 3, 11);
      const p = model.predict(x) as tf.Tensor, q = back.predict(x) as tf.Tensor;
      expect(Array.from(q.dataSync())).toEqual(Array.from(p.dataSync()));
      expect(back.countParams()).toBe(model.countParams());
      tf.dispose([x, p, q]);
      model.dispose();
      back.dispose();
    }
  }, 60_000);

  it('leaves padding out of the embedding bag’s mean', () => {
    const model = buildNetwork({ input: { kind: 'tokens', vocabulary: 10, length: 4 }, layers: [{ type: 'embeddingBag', inputDim: 10, outputDim: 3 }, { type: 'output', units: 1 }] }, { seed: 2 });
    const x = tf.tensor2d([[3, 5, 0, 0], [3, 5, 5, 3], [0, 0, 0, 0]], [3, 4], 'int32');
    const out = model.predict(x) as tf.Tensor;
    const [a, b] = Array.from(out.dataSync());
    expect(b).toBeCloseTo(a, 6);
    tf.dispose([x, out]);
    model.dispose();
  });
});
