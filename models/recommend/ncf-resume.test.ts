import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../mlp/backend';
import { mulberry32 } from '../split/prng';
import { fitNcf, type NcfFitOptions } from './ncf';
import { encodeAll, type NcfCheckpoint } from './ncf-checkpoint';
import { encodeArray } from '../nn/train/checkpoint';
import type { Interactions } from './types';

beforeAll(async () => {
  await selectBackend(['cpu']);
});

/** Random (user, item) pairs; random ratings 1–5 (nothing to learn but noise) when explicit. Explicit ones are many enough (≥ 2,000) for a validation share. */
function data(explicit: boolean, seed: number): Interactions {
  const rand = mulberry32(seed), users = 60, items = 40, n = explicit ? 2200 : 600;
  const user = new Int32Array(n), item = new Int32Array(n), value = new Float32Array(n);
  for (let r = 0; r < n; r++) {
    user[r] = Math.floor(rand() * users);
    item[r] = Math.floor(rand() * items);
    value[r] = explicit ? 1 + Math.floor(rand() * 5) : 1;
  }
  return {
    users: Array.from({ length: users }, (_, u) => `u${u}`), items: Array.from({ length: items }, (_, i) => `i${i}`),
    user, item, value, time: null, explicit, scale: explicit ? [1, 5] : null,
  };
}

/** Through JSON, as the run's database stores it. */
const stored = (c: NcfCheckpoint): NcfCheckpoint => JSON.parse(JSON.stringify(c));

async function fitCurves(train: Interactions, opts: NcfFitOptions) {
  const curves: [number, Record<string, number>][] = [];
  const model = await fitNcf(train, { ...opts, onMetrics: (step, values) => void curves.push([step, values]) });
  return { model, curves };
}

/** Fits straight through, then again with a crash after epoch `crashAt` and a resume from its checkpoint. */
async function straightAndResumed(train: Interactions, opts: NcfFitOptions, crashAt: number) {
  const straight = await fitCurves(train, opts);
  let saved: NcfCheckpoint | null = null;
  await expect(fitNcf(train, {
    ...opts,
    onCheckpoint: (c) => {
      saved = stored(c);
      if (c.epoch === crashAt) throw new Error('crash');
    },
  })).rejects.toThrow('crash');
  expect(saved!.epoch).toBe(crashAt);
  const resumed = await fitCurves(train, { ...opts, resumeFrom: saved! });
  return { straight, resumed, saved: saved! };
}

describe('ncf resume', () => {
  it('implicit: 5 epochs straight equal 2, a crash, and 3 more from the checkpoint, bit for bit on cpu', async () => {
    const train = data(false, 1);
    const opts: NcfFitOptions = { seed: 7, params: { factors: 4, layers: [8, 4], epochs: 5, batchSize: 64, negatives: 2 }, backends: ['cpu'] };
    const { straight, resumed, saved } = await straightAndResumed(train, opts, 2);
    expect(resumed.model.toJSON()).toEqual(straight.model.toJSON());
    expect(resumed.model.training).toEqual(straight.model.training);
    // Only the epochs after the checkpoint are trained (and reported) again.
    expect(resumed.curves).toEqual(straight.curves.slice(2));
    expect(saved.curves).toEqual(straight.curves.slice(0, 2).map(([, v]) => v));

    // The negatives and the order come from the stored generator: another state gives other weights.
    const moved = await fitNcf(train, { ...opts, resumeFrom: { ...saved, rng: (saved.rng + 1) >>> 0 } });
    expect(moved.toJSON()).not.toEqual(straight.model.toJSON());
    // So do the Adam moments.
    const zeroed = stored(saved);
    zeroed.adam.m = zeroed.adam.m.map((a) => ({ ...a, data: Buffer.alloc(Buffer.from(a.data, 'base64').length).toString('base64') }));
    expect((await fitNcf(train, { ...opts, resumeFrom: zeroed })).toJSON()).not.toEqual(straight.model.toJSON());
  });

  it('explicit with a validation share: the best epoch kept and where patience stops are those of the straight run', async () => {
    const train = data(true, 2);
    // A high rate on random ratings: the held-out loss soon turns, so the best epoch lies behind the checkpoint's.
    const opts: NcfFitOptions = { seed: 3, params: { factors: 8, layers: [16, 8], epochs: 12, batchSize: 32, learningRate: 0.03 }, backends: ['cpu'] };
    const { straight, resumed, saved } = await straightAndResumed(train, opts, 3);
    // The checkpoint carries an earlier epoch's weights as the best, and the resumed run stops on patience as the straight one.
    expect(saved.best.epoch).toBeLessThan(3);
    expect(saved.best.weights).not.toBeNull();
    expect(straight.model.training.stopped).toBe('patience');
    expect(straight.model.training.validationRows).toBeGreaterThan(0);
    expect(resumed.model.toJSON()).toEqual(straight.model.toJSON());
    expect(resumed.model.training).toEqual(straight.model.training);
    expect(resumed.curves).toEqual(straight.curves.slice(3));
  });

  it('refuses a checkpoint of another run, naming the difference', async () => {
    const train = data(false, 1);
    const opts: NcfFitOptions = { seed: 7, params: { factors: 4, layers: [8, 4], epochs: 1, batchSize: 64 }, backends: ['cpu'] };
    let saved: NcfCheckpoint | null = null;
    await fitNcf(train, { ...opts, onCheckpoint: (c) => void (saved = stored(c)) });
    await expect(fitNcf(train, { ...opts, seed: 8, resumeFrom: saved! })).rejects.toThrow(/seed 7, this run has 8/);
    await expect(fitNcf(train, { ...opts, params: { ...opts.params, factors: 6 }, resumeFrom: saved! })).rejects.toThrow(/another shape/);
  });
});

describe('ncf checkpoint arrays', () => {
  it('are written as the shared encoder writes them, at every length modulo 3', () => {
    const rand = mulberry32(9);
    for (const n of [0, 1, 2, 3, 4, 5, 7, 1000]) {
      const a = Float32Array.from({ length: n }, () => rand() * 200 - 100);
      expect(encodeAll([a])).toEqual([encodeArray(a, [n])]);
    }
    // A view that does not start at its buffer's start.
    const bytes = Float32Array.from({ length: 9 }, () => rand());
    expect(encodeAll([bytes.subarray(1, 6)])).toEqual([encodeArray(bytes.subarray(1, 6), [5])]);
  });
});
