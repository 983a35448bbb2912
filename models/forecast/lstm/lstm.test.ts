import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend, tf } from '../../mlp/backend';
import { gaussian, mulberry32 } from '../../split/prng';
import { ForecastInputError } from '../errors';
import { naiveFamily } from '../naive';
import { makeTimeline } from '../timeline';
import type { Timeline } from '../types';
import { fitLstm, lstmFamily } from './family';
import type { LstmGlobalModel, LstmJson } from './model';

/** Sine (period 12) + trend + Gaussian noise. */
function seasonal(n: number, seed: number, level = 50): Float64Array {
  const rand = mulberry32(seed);
  return Float64Array.from({ length: n }, (_, i) => level + 0.1 * i + 8 * Math.sin((2 * Math.PI * i) / 12) + gaussian(rand));
}

const monthly = (year = 2000): Timeline => makeTimeline({ frequency: 'monthly', start: Date.UTC(year, 0, 1) });
const mae = (a: ArrayLike<number>, b: ArrayLike<number>) => Array.from(a).reduce((s, v, i) => s + Math.abs(v - b[i]), 0) / a.length;
const tiny = { units: [8], epochs: 12, patience: 0, batchSize: 32, learningRate: 0.02 };

async function rejection(p: Promise<unknown>): Promise<ForecastInputError> {
  const e = await p.then(() => null, (err: unknown) => err);
  expect(e).toBeInstanceOf(ForecastInputError);
  return e as ForecastInputError;
}

describe('lstm family', () => {
  const h = 12;
  const full = seasonal(252, 7);
  const train = full.subarray(0, full.length - h);
  const test = full.subarray(full.length - h);
  let model: LstmGlobalModel;
  let tensorsBefore = 0;
  let tensorsAfter = 0;

  beforeAll(async () => {
    await selectBackend();
    tensorsBefore = tf.memory().numTensors;
    model = await fitLstm([{ y: train, timeline: monthly() }], { horizon: h, seed: 3, params: tiny });
    model.members[0].forecast(h);
    tensorsAfter = tf.memory().numTensors;
  }, 120_000);

  it('beats the naive forecast on held-out MAE', () => {
    const lstm = mae(model.members[0].forecast(h).mean, test);
    const naive = mae(naiveFamily.fit(train).forecast(h).mean, test);
    console.log(`held-out MAE: lstm ${lstm.toFixed(3)}, naive ${naive.toFixed(3)}`);
    expect(lstm).toBeLessThan(naive / 2);
  });

  it('leaves no tensor behind after fit and forecast', () => {
    expect(tensorsAfter).toBe(tensorsBefore);
  });

  it('gives intervals that widen with the level and says how they were made', () => {
    const fc = model.members[0].forecast(h, [80, 95]);
    for (let j = 0; j < h; j++) {
      expect(fc.lower[95][j]).toBeLessThanOrEqual(fc.lower[80][j]);
      expect(fc.lower[80][j]).toBeLessThan(fc.mean[j]);
      expect(fc.upper[95][j]).toBeGreaterThanOrEqual(fc.upper[80][j]);
    }
    expect(model.describe()).toMatch(/conformal intervals per step from \d+ validation-tail errors/);
  });

  it('reads back from JSON and forecasts identically', async () => {
    const json = JSON.parse(JSON.stringify(model.toJSON())) as LstmJson;
    const back = await lstmFamily.fromJSON(json, [monthly()]);
    const a = model.members[0].forecast(h, [90]);
    const b = back.members[0].forecast(h, [90]);
    expect(Array.from(b.mean)).toEqual(Array.from(a.mean));
    expect(Array.from(b.upper[90])).toEqual(Array.from(a.upper[90]));
    expect(back.describe()).toBe(model.describe());
  });

  it('moves a member on with update, without training', () => {
    const member = model.members[0];
    const moved = member.update(test.subarray(0, 3));
    expect(moved.state.length).toBe(member.state.length + 3);
    expect(moved.state.tail.slice(-3)).toEqual(Array.from(test.subarray(0, 3)));
    expect(moved.toJSON().weights).toEqual(member.toJSON().weights);
    // The moved member's first step is the original's fourth, now read from the actual values.
    expect(mae(moved.forecast(h - 3).mean, test.subarray(3))).toBeLessThan(mae(naiveFamily.fit(full.subarray(0, full.length - h + 3)).forecast(h - 3).mean, test.subarray(3)));
  });

  it('refuses a horizon longer than it was fitted for', () => {
    expect(() => model.members[0].forecast(h + 1)).toThrow(ForecastInputError);
  });
});

describe('lstm training', () => {
  const y = seasonal(80, 11);
  const small = { units: [4], epochs: 3, batchSize: 8, window: 12 };

  it('is identical for the same seed on the cpu backend, and differs for another seed', async () => {
    const fit = (seed: number) => fitLstm([{ y, timeline: monthly() }], { horizon: 6, seed, params: small }, ['cpu']);
    const a = (await fit(5)).toJSON();
    const b = (await fit(5)).toJSON();
    const c = (await fit(6)).toJSON();
    expect(a.training.backend).toBe('cpu');
    expect(b.weights).toEqual(a.weights);
    expect(b.residuals).toEqual(a.residuals);
    expect(c.weights).not.toEqual(a.weights);
  }, 60_000);

  it('reports progress through each epoch and curves per epoch, and stops within an epoch when asked', async () => {
    const progress: string[] = [];
    const curves: number[] = [];
    const full = await fitLstm([{ y, timeline: monthly() }], {
      horizon: 6, params: { ...small, epochs: 2 },
      onProgress: (f, m) => progress.push(`${f} ${m}`),
      onMetrics: (step, v) => {
        expect(Number.isFinite(v.loss) && Number.isFinite(v.val_loss)).toBe(true);
        curves.push(step);
      },
    });
    // Within epochs too (about every 1 % of the batches), and at each epoch's end.
    expect(progress).toContain('0.5 epoch 1 of 2');
    expect(progress.at(-1)).toBe('1 epoch 2 of 2');
    expect(curves).toEqual([1, 2]);
    expect(full.toJSON().training.stopped).toBe('epochs');

    let polls = 0;
    let epochsSeen = 0;
    const stopped = await fitLstm([{ y, timeline: monthly() }], {
      horizon: 6, params: { ...small, batchSize: 2, epochs: 50 },
      // More than one poll per epoch (one per batch): the third poll lands inside the first epoch.
      shouldStop: () => ++polls > 2,
      onMetrics: () => epochsSeen++,
    });
    expect(epochsSeen).toBe(0);
    expect(stopped.toJSON().training).toMatchObject({ stopped: 'cancelled', epochsRun: 0 });
    expect(stopped.members[0].forecast(6).mean.every(Number.isFinite)).toBe(true);
  }, 60_000);

  it('feeds one output back beyond the direct horizon', async () => {
    const long = seasonal(200, 4);
    const m = await fitLstm([{ y: long, timeline: monthly() }], { horizon: 60, params: { units: [4], epochs: 2, window: 12 } });
    expect(m.toJSON()).toMatchObject({ mode: 'recursive', network: { outputs: 1 } });
    const fc = m.members[0].forecast(60);
    expect(fc.mean.length).toBe(60);
    expect(fc.mean.every(Number.isFinite) && fc.upper[95].every(Number.isFinite)).toBe(true);
  }, 60_000);

  it('trains and forecasts through missing values', async () => {
    const gappy = seasonal(80, 12).map((v, i) => (i % 7 === 3 || i >= 76 ? NaN : v));
    const m = await fitLstm([{ y: gappy, timeline: monthly() }], { horizon: 6, params: small });
    const fc = m.members[0].forecast(6);
    expect(fc.mean.every(Number.isFinite) && fc.lower[80].every(Number.isFinite)).toBe(true);
    expect(m.toJSON().members[0].tail.slice(-4)).toEqual([null, null, null, null]);
  }, 60_000);

  it('fits several series with known-future covariates as one model', async () => {
    const promo = Float64Array.from({ length: 120 }, (_, i) => (i % 10 === 0 ? 1 : 0));
    const timeline = (start: number) => makeTimeline({ frequency: 'monthly', start: Date.UTC(start, 0, 1), covariates: [{ name: 'promo', values: promo, knownFuture: true }] });
    const a = seasonal(100, 1), b = seasonal(90, 2, 500);
    const m = await fitLstm([{ y: a, timeline: timeline(2000) }, { y: b, timeline: timeline(2005) }], { horizon: 6, params: small });
    const json = m.toJSON();
    expect(json.spec).toMatchObject({ futureSteps: 6, covariates: [{ name: 'promo', knownFuture: true }] });
    expect(json.network).toMatchObject({ steps: 18, channels: 5 });
    expect(json.members.map((s) => s.length)).toEqual([100, 90]);
    // Each member forecasts at its own level.
    expect(m.members[1].forecast(6).mean[0]).toBeGreaterThan(m.members[0].forecast(6).mean[0] + 200);
  }, 60_000);
});

describe('lstm input checks', () => {
  const y = seasonal(60, 1);

  it('needs a timeline', async () => {
    const e = await rejection(fitLstm([{ y, timeline: undefined as unknown as Timeline }], { horizon: 6 }));
    expect(e.field).toBe('timeline');
  });

  it('names a series shorter than window + horizon, with the numbers', async () => {
    const e = await rejection(fitLstm([{ y, timeline: monthly() }, { y: y.subarray(0, 30), timeline: monthly() }], { horizon: 12 }));
    expect(e.field).toBe('values');
    expect(e.message).toContain('series #2 has 30 values');
    expect(e.message).toContain('window 24 + horizon 12 = 36');
  });

  it('names a bad parameter', async () => {
    const e = await rejection(fitLstm([{ y, timeline: monthly() }], { horizon: 6, params: { units: [0] } }));
    expect(e.field).toBe('params.units');
    expect((await rejection(fitLstm([{ y, timeline: monthly() }], { params: { layers: 2 } }))).field).toBe('params.layers');
  });
});
