import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend, tf } from '../mlp/backend';
import { gaussian, mulberry32 } from '../split/prng';
import { fitNcf, loadNcf, ncfExportWeights, type NcfRecommender } from './ncf';
import type { Interactions } from './types';

/** Users and items with rank-3 Gaussian tastes; `affinity(u, i)` is their dot product (≈ N(0, 1)). */
function lowRank(users: number, items: number, seed: number) {
  const rand = mulberry32(seed), rank = 3;
  const U = Float64Array.from({ length: users * rank }, () => gaussian(rand));
  const V = Float64Array.from({ length: items * rank }, () => gaussian(rand));
  const affinity = (u: number, i: number) => {
    let s = 0;
    for (let k = 0; k < rank; k++) s += U[u * rank + k] * V[i * rank + k];
    return s / Math.sqrt(rank);
  };
  return { rand, affinity, users: Array.from({ length: users }, (_, u) => `u${u}`), items: Array.from({ length: items }, (_, i) => `i${i}`) };
}

type Pair = [user: number, item: number, value: number];

function interactions(g: ReturnType<typeof lowRank>, pairs: Pair[], explicit: boolean): Interactions {
  return {
    users: g.users, items: g.items,
    user: Int32Array.from(pairs, (p) => p[0]), item: Int32Array.from(pairs, (p) => p[1]), value: Float32Array.from(pairs, (p) => p[2]),
    time: null, explicit, scale: explicit ? [1, 5] : null,
  };
}

/** Ratings 1–5 from the affinity plus noise on a random 30 % of the pairs, split 80/20 at random. */
function ratings(seed: number) {
  const g = lowRank(120, 80, seed);
  const train: Pair[] = [], test: Pair[] = [];
  for (let u = 0; u < g.users.length; u++) {
    for (let i = 0; i < g.items.length; i++) {
      if (g.rand() > 0.3) continue;
      const r = Math.min(5, Math.max(1, Math.round(3 + 1.3 * g.affinity(u, i) + 0.3 * gaussian(g.rand))));
      (g.rand() < 0.8 ? train : test).push([u, i, r]);
    }
  }
  return { train: interactions(g, train, true), test };
}

/** Each user interacts with 12 of their 20 best-liked items; one of the 12 is held out. */
function implicitData(seed: number) {
  const g = lowRank(150, 100, seed);
  const train: Pair[] = [], heldOut: number[] = [];
  for (let u = 0; u < g.users.length; u++) {
    const best = Array.from({ length: g.items.length }, (_, i) => i).sort((a, b) => g.affinity(u, b) - g.affinity(u, a)).slice(0, 20);
    const chosen = best.filter(() => g.rand() < 0.6).slice(0, 12);
    heldOut.push(chosen[0]);
    for (const i of chosen.slice(1)) train.push([u, i, 1]);
  }
  return { train: interactions(g, train, false), heldOut };
}

const small = { factors: 8, layers: [16, 8], batchSize: 128 };
const rmse = (m: NcfRecommender, pairs: Pair[]) => Math.sqrt(pairs.reduce((s, [u, i, r]) => s + (m.predict(u, i) - r) ** 2, 0) / pairs.length);

describe('ncf (NeuMF)', () => {
  const explicit = ratings(11);
  let model: NcfRecommender;
  let tensorsBefore = 0;
  const curve: Record<string, number>[] = [];

  beforeAll(async () => {
    await selectBackend();
    tensorsBefore = tf.memory().numTensors;
    model = await fitNcf(explicit.train, { seed: 5, params: { ...small, epochs: 25, learningRate: 0.01 }, onMetrics: (_, v) => curve.push(v) });
    model.scoreAll(0);
  }, 60_000);

  it('predicts held-out ratings clearly better than the global mean', () => {
    const { value } = explicit.train;
    const mean = value.reduce((a, b) => a + b, 0) / value.length;
    const baseline = Math.sqrt(explicit.test.reduce((s, [, , r]) => s + (r - mean) ** 2, 0) / explicit.test.length);
    const ncf = rmse(model, explicit.test);
    console.log(`held-out RMSE: ncf ${ncf.toFixed(3)}, global mean ${baseline.toFixed(3)} (kept epoch ${model.training.bestEpoch} of ${model.training.epochs})`);
    expect(ncf).toBeLessThan(0.8 * baseline);
  });

  it('reports its losses per epoch and keeps the epoch with the lowest validation loss', () => {
    const { epochs, bestEpoch, stopped, validationRows } = model.training;
    expect(validationRows).toBeGreaterThan(0);
    expect(curve).toHaveLength(epochs);
    expect(curve[epochs - 1].loss).toBeLessThan(curve[0].loss);
    const valLosses = curve.map((c) => c.val_loss);
    expect(valLosses[bestEpoch - 1]).toBe(Math.min(...valLosses));
    if (stopped === 'patience') expect(epochs - bestEpoch).toBe(3);
    else expect(epochs).toBe(25);
    expect(curve[0].val_rmse).toBeGreaterThan(0);
    for (const s of model.scoreAll(3)) expect(s >= 1 && s <= 5).toBe(true);
  });

  it('scores a whole catalogue as it scores single pairs', () => {
    const all = model.scoreAll(7);
    for (let i = 0; i < all.length; i++) expect(all[i]).toBeCloseTo(model.predict(7, i), 4);
  });

  it('leaves no tensor behind after fit and scoring', () => {
    expect(tf.memory().numTensors).toBe(tensorsBefore);
  });

  it('round-trips through JSON with identical scores', async () => {
    const json = JSON.parse(JSON.stringify(model.toJSON()));
    const back = await loadNcf(json);
    expect(Array.from(back.scoreAll(4))).toEqual(Array.from(model.scoreAll(4)));
    expect(back.predict(2, 9)).toBe(model.predict(2, 9));
    expect(back.itemVectors().data).toEqual(model.itemVectors().data);
    expect(tf.memory().numTensors).toBe(tensorsBefore);
  });

  it('gives the same scores for the same seed, different ones for another', async () => {
    const opts = { params: { ...small, epochs: 2 } };
    const [a, b, c] = [await fitNcf(explicit.train, { ...opts, seed: 1 }), await fitNcf(explicit.train, { ...opts, seed: 1 }), await fitNcf(explicit.train, { ...opts, seed: 2 })];
    expect(Array.from(a.scoreAll(5))).toEqual(Array.from(b.scoreAll(5)));
    expect(Array.from(a.scoreAll(5))).not.toEqual(Array.from(c.scoreAll(5)));
    const onCpu = { params: { ...small, epochs: 1 }, seed: 1, backends: ['cpu' as const] };
    const [d, e] = [await fitNcf(explicit.train, onCpu), await fitNcf(explicit.train, onCpu)];
    expect(d.weights().map((x) => Array.from(x.data))).toEqual(e.weights().map((x) => Array.from(x.data)));
    await selectBackend();
  });

  it('names and shapes its weights for an exporter', () => {
    const w = model.weights();
    expect(w.map((x) => x.name)).toEqual(['user_gmf', 'item_gmf', 'user_mlp', 'item_mlp', 'mlp_0_kernel', 'mlp_0_bias', 'mlp_1_kernel', 'mlp_1_bias', 'out_kernel', 'out_bias']);
    expect(w.find((x) => x.name === 'mlp_0_kernel')!.shape).toEqual([16, 16]);
    expect(w.find((x) => x.name === 'out_kernel')!.shape).toEqual([8 + 8, 1]);
    for (const x of w) expect(x.data.length).toBe(x.shape.reduce((a, b) => a * b, 1));
    const stored = ncfExportWeights(JSON.parse(JSON.stringify(model.toJSON())));
    expect(stored.scale).toEqual([1, 5]);
    expect(stored.weights.map((x) => [x.name, x.shape, Array.from(x.data)])).toEqual(w.map((x) => [x.name, x.shape, Array.from(x.data)]));
  });

  it('stops between batches when asked, with what it learned so far', async () => {
    let polls = 0;
    const m = await fitNcf(explicit.train, { params: { ...small, epochs: 50 }, shouldStop: () => ++polls > 10 });
    expect(m.training).toMatchObject({ stopped: 'cancelled', epochs: 0 });
    expect(Number.isFinite(m.predict(0, 0))).toBe(true);
  });

  it('scores many pairs in one batched call as it scores each', () => {
    const users = Int32Array.of(0, 5, 9, 5), items = Int32Array.of(3, 3, 70, 12);
    const batched = model.predictPairs(users, items);
    users.forEach((u, k) => expect(batched[k]).toBeCloseTo(model.predict(u, items[k]), 4));
    expect(model.predictsRatings).toBe(true);
  });

  it('refuses parameters outside the schema', async () => {
    await expect(fitNcf(explicit.train, { params: { factors: 0 } })).rejects.toThrow(/factors/);
  });
});

describe('ncf on implicit feedback', () => {
  it('ranks a held-out item into the top 10 far more often than chance', async () => {
    const { train, heldOut } = implicitData(21);
    const m = await fitNcf(train, { seed: 3, params: { ...small, batchSize: 256, epochs: 12, learningRate: 0.02, negatives: 4 } });
    const seen = new Set(Array.from(train.user, (u, r) => u * 1000 + train.item[r]));
    let hits = 0, chance = 0;
    const scores = new Float32Array(train.items.length);
    heldOut.forEach((item, u) => {
      m.scoreAll(u, scores);
      const candidates = Array.from(scores.keys()).filter((i) => !seen.has(u * 1000 + i));
      const top = candidates.sort((a, b) => scores[b] - scores[a]).slice(0, 10);
      if (top.includes(item)) hits++;
      chance += 10 / candidates.length;
    });
    const hitRate = hits / heldOut.length, random = chance / heldOut.length;
    console.log(`implicit hit rate@10: ncf ${hitRate.toFixed(3)}, random ${random.toFixed(3)}`);
    expect(hitRate).toBeGreaterThan(3 * random);
    expect(m.predictsRatings).toBe(false);
    for (const s of m.scoreAll(0)) expect(s > 0 && s < 1).toBe(true);
  }, 60_000);
});
