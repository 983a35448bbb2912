import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend, tf } from '../mlp/backend';
import { mulberry32 } from '../split/prng';
import { buildNetwork, PairEmbedding } from '../nn/build';
import { canonicalNcfArch, ncfNetwork, readNcfArch } from '../../shared/nn/families';
import { summarizeNetwork } from '../../shared/nn/summary';
import { fitNcf, loadNcf } from './ncf';
import type { Interactions } from './types';

beforeAll(async () => {
  await selectBackend(['cpu']);
});

/** 40 users and 30 items; user u likes items of its own parity, 8 interactions each. */
function data(): Interactions {
  const rand = mulberry32(3);
  const user: number[] = [], item: number[] = [];
  for (let u = 0; u < 40; u++) {
    for (let n = 0; n < 8; n++) {
      user.push(u);
      item.push((2 * Math.floor(rand() * 15) + (u % 2)) % 30);
    }
  }
  return {
    users: Array.from({ length: 40 }, (_, u) => `u${u}`), items: Array.from({ length: 30 }, (_, i) => `i${i}`),
    user: Int32Array.from(user), item: Int32Array.from(item), value: new Float32Array(user.length).fill(1), time: null, explicit: false, scale: null,
  };
}

/** The spec-built TF.js model with the ncf model's weights set layer by layer (TF.js orders its layers by depth), scoring the given pairs. */
function builtScores(spec: Parameters<typeof buildNetwork>[0], named: { name: string; shape: number[]; data: Float32Array }[], users: Int32Array, items: Int32Array): Float32Array {
  const net = buildNetwork(spec);
  const byName = new Map(named.map((w) => [w.name, w]));
  const dense = named.filter((w) => /^mlp_\d+_/.test(w.name));
  let next = 0;
  for (const layer of net.layers) {
    const names = layer instanceof PairEmbedding
      ? (layer.combine === 'product' ? ['user_gmf', 'item_gmf'] : ['user_mlp', 'item_mlp'])
      : layer.getClassName() === 'Dense' ? (next < dense.length ? [dense[next++].name, dense[next++].name] : ['out_kernel', 'out_bias']) : [];
    if (!names.length) continue;
    const values = names.map((n) => byName.get(n)!);
    expect(layer.getWeights().map((w) => w.shape)).toEqual(values.map((v) => v.shape));
    const tensors = values.map((v) => tf.tensor(v.data, v.shape));
    layer.setWeights(tensors);
    tf.dispose(tensors);
  }
  expect(net.countParams()).toBe(named.reduce((a, w) => a + w.data.length, 0));
  const pairs = Int32Array.from({ length: users.length * 2 }, (_, k) => (k % 2 ? items[k >> 1] : users[k >> 1]));
  const out = tf.tidy(() => (net.predict(tf.tensor2d(pairs, [users.length, 2], 'int32')) as tf.Tensor).dataSync() as Float32Array);
  net.dispose();
  return out;
}

const users = Int32Array.from({ length: 60 }, (_, k) => k % 40);
const items = Int32Array.from({ length: 60 }, (_, k) => (7 * k) % 30);

describe('ncf from the network spec', () => {
  it('is the ncf preset of its factors and layers; the spec built by models/nn scores as the trained model does', async () => {
    const m = await fitNcf(data(), { params: { factors: 6, layers: [8, 4], epochs: 3, batchSize: 64 }, seed: 2, backends: ['cpu'] });
    expect(m.network).toEqual(ncfNetwork({ users: 40, items: 30, factors: 6, layers: [8, 4] }));
    const s = summarizeNetwork(m.network);
    expect(s.errors).toEqual([]);
    expect(s.layers.map((l) => `${l.index} ${l.type}`)).toEqual(['0 branches', '0.0.0 pairEmbedding', '0.1.0 pairEmbedding', '0.1.1 dense', '0.1.2 dense', '1 output']);
    // GMF 6 + tower 4 → one sigmoid unit; the MLP embeddings are half the first layer (4 each).
    expect(s.totalParams).toBe(70 * 6 + 70 * 4 + (8 * 8 + 8) + (8 * 4 + 4) + (10 + 1));
    const built = builtScores(m.network, m.weights(), users, items);
    const own = m.predictPairs(users, items);
    for (let k = 0; k < own.length; k++) expect(built[k]).toBeCloseTo(own[k], 5);
  });

  it('trains a custom architecture (wider MLP embeddings, three tower layers) and stores it as built', async () => {
    const arch = { layers: [{ type: 'branches', branches: [[{ type: 'pairEmbedding', outputDim: 5 }], [{ type: 'pairEmbedding', outputDim: 7, combine: 'concat' }, { type: 'dense', units: 6 }, { type: 'dense', units: 4 }, { type: 'dense', units: 2 }]] }, { type: 'output', activation: 'sigmoid' }] };
    const m = await fitNcf(data(), { params: { arch: canonicalNcfArch(JSON.stringify(arch)), epochs: 2, batchSize: 64 }, seed: 2, backends: ['cpu'] });
    expect(m.network.input).toEqual({ kind: 'pair', users: 40, items: 30 });
    expect(m.weights().map((w) => w.name)).toEqual(['user_gmf', 'item_gmf', 'user_mlp', 'item_mlp', 'mlp_0_kernel', 'mlp_0_bias', 'mlp_1_kernel', 'mlp_1_bias', 'mlp_2_kernel', 'mlp_2_bias', 'out_kernel', 'out_bias']);
    expect(m.weights()[2].shape).toEqual([40, 7]);
    const built = builtScores(m.network, m.weights(), users, items);
    const own = m.predictPairs(users, items);
    for (let k = 0; k < own.length; k++) expect(built[k]).toBeCloseTo(own[k], 5);
    // Saved and loaded: the same network and scores.
    const again = await loadNcf(JSON.parse(JSON.stringify(m.toJSON())), ['cpu']);
    expect(again.network).toEqual(m.network);
    expect(Array.from(again.predictPairs(users, items))).toEqual(Array.from(own));
  });

  it('loads a model saved before specs (no spec in its state) as the preset of its shape, scoring as before', async () => {
    const m = await fitNcf(data(), { params: { factors: 4, layers: [6], epochs: 1, batchSize: 64 }, seed: 1, backends: ['cpu'] });
    const json = JSON.parse(JSON.stringify(m.toJSON()));
    delete json.state.spec;
    const old = await loadNcf(json, ['cpu']);
    expect(old.network).toEqual(m.network);
    expect(Array.from(old.predictPairs(users, items))).toEqual(Array.from(m.predictPairs(users, items)));
  });

  it('refuses an architecture the ncf engine does not train, naming the layer', () => {
    const problems = (arch: unknown) => {
      const r = readNcfArch(JSON.stringify(arch));
      return r.ok ? [] : r.problems.map((p) => p.message);
    };
    const gmf = [{ type: 'pairEmbedding', outputDim: 4 }];
    const mlp = (...tower: unknown[]) => [{ type: 'pairEmbedding', outputDim: 4, combine: 'concat' }, ...tower];
    expect(problems({ layers: [{ type: 'branches', branches: [gmf, mlp({ type: 'dense', units: 4 }, { type: 'dropout' })] }, { type: 'output', activation: 'sigmoid' }] }))
      .toEqual(["layer 0.1.2 (dropout): ncf's MLP tower holds dense layers with relu and a bias only"]);
    expect(problems({ layers: [{ type: 'branches', branches: [gmf, mlp({ type: 'dense', units: -2 })] }, { type: 'output' }] }))
      .toEqual(['layer 0.1.1 (dense): units must be ≥ 1, got -2']);
    expect(problems({ layers: [{ type: 'branches', branches: [gmf, mlp({ type: 'dense', units: 4 })] }, { type: 'output' }] }))
      .toEqual(["layer 1 (output): ncf's output is 1 unit with a sigmoid"]);
    expect(problems({ layers: [{ type: 'branches', branches: [gmf, [{ type: 'dense', units: 4 }]] }, { type: 'output', activation: 'sigmoid' }] }))
      .toEqual(['layer 0.1.0 (dense): reads numbers but the input is a (user, item) pair: start with pairEmbedding']);
    expect(problems({ input: { kind: 'table', features: 3 }, layers: [{ type: 'dense' }, { type: 'output' }] }))
      .toEqual(['input: kind must be pair (user and item ids) for ncf, got "table"']);
  });
});
