import { describe, expect, it } from 'vitest';
import { selectBackend, tf } from '../../mlp/backend';
import { mulberry32 } from '../../split/prng';
import { makeTimeline } from '../timeline';
import { seasonPhase } from './calendar';
import { conformalHalfWidth, stepScores } from './conformal';
import { lstmToTfjsLayers } from './export';
import { forward } from './forward';
import { encodeFloat32, type LstmJson } from './model';
import { initialWeights, type NetworkShape } from './network';
import { buildNetwork } from './tf-network';
import { predictWith } from './train';
import { buildWindows, channelsOf, fillInput, originsOf, type SeriesData, type WindowSpec } from './windows';

const shape: NetworkShape = { steps: 7, channels: 3, units: [5, 4], outputs: 2 };

function randomInputs(count: number, seed: number): Float32Array {
  const rand = mulberry32(seed);
  return Float32Array.from({ length: count * shape.steps * shape.channels }, () => 2 * rand() - 1);
}

describe('lstm network', () => {
  it('computes in plain TypeScript what TF.js computes', async () => {
    await selectBackend();
    const weights = initialWeights(shape, 9).map((w) => w.map((v, i) => v + 0.1 * Math.sin(i))); // non-zero biases too
    const net = buildNetwork(shape, weights);
    const x = randomInputs(6, 1);
    const want = predictWith(net, shape, x, 6);
    net.dispose();
    const got = forward(shape, weights, x, 6);
    for (let i = 0; i < want.length; i++) expect(got[i]).toBeCloseTo(want[i], 5);
  });

  it('starts from the same weights for the same seed', () => {
    expect(initialWeights(shape, 4)).toEqual(initialWeights(shape, 4));
    expect(initialWeights(shape, 4)[0]).not.toEqual(initialWeights(shape, 5)[0]);
  });

  it('exports a TF.js layers model that loads back and predicts as the app does', async () => {
    const weights = initialWeights(shape, 2);
    const spec: WindowSpec = { window: 7, outputs: 2, futureSteps: 0, frequency: 'monthly', period: 12, covariates: [] };
    const json = { network: shape, spec, mode: 'direct', weights: weights.map(encodeFloat32), members: [{ length: 20, tail: [], mean: 3, std: 2 }] } as unknown as LstmJson;
    const before = tf.memory().numTensors;
    const out = await lstmToTfjsLayers(json);
    expect(tf.memory().numTensors).toBe(before);
    expect(out.io.input).toMatchObject({ shape: [null, 7, 3], pastSteps: 7 });
    expect(out.io.series).toEqual([{ mean: 3, std: 2 }]);
    const manifest = (out.modelJson.weightsManifest as { weights: tf.io.WeightsManifestEntry[] }[])[0].weights;
    const loaded = await tf.loadLayersModel(tf.io.fromMemory({ modelTopology: out.modelJson.modelTopology as object, weightSpecs: manifest, weightData: out.weightsBin.slice().buffer }));
    const x = randomInputs(3, 8);
    const want = forward(shape, weights, x, 3);
    const got = predictWith(loaded, shape, x, 3);
    loaded.dispose();
    for (let i = 0; i < want.length; i++) expect(got[i]).toBeCloseTo(want[i], 5);
  });
});

describe('lstm windows', () => {
  const promo = [0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 1];
  const price = [10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21];
  const timeline = makeTimeline({
    frequency: 'monthly', start: Date.UTC(2020, 0, 1),
    covariates: [{ name: 'promo', values: promo, knownFuture: true }, { name: 'price', values: price, knownFuture: false }],
  });
  const spec: WindowSpec = {
    window: 3, outputs: 2, futureSteps: 2, frequency: 'monthly', period: 12,
    covariates: [{ name: 'promo', knownFuture: true, mean: 0, std: 1 }, { name: 'price', knownFuture: false, mean: 10, std: 2 }],
  };

  it('writes values relative to the last observed one, the season, covariates and the forecast-step flag', () => {
    const out = new Float32Array(5 * channelsOf(spec));
    fillInput(spec, out, 0, [4, NaN, 8], 1, { mean: 2, std: 2 }, timeline);
    const rows = Array.from({ length: 5 }, (_, s) => Array.from(out.subarray(s * 6, s * 6 + 6)));
    // value: (v − 2)/2 − anchor 3; missing as 0; zero on forecast steps
    expect(rows.map((r) => r[0])).toEqual([-2, 0, 0, 0, 0]);
    // grid index 1 is February: phase 1/12
    expect(rows[0][1]).toBeCloseTo(Math.sin(Math.PI / 6), 6);
    expect(rows[0][2]).toBeCloseTo(Math.cos(Math.PI / 6), 6);
    // promo (known) on every step; price (past-only) only on past steps
    expect(rows.map((r) => r[3])).toEqual([0, 1, 0, 0, 1]);
    expect(rows.map((r) => r[4])).toEqual([0.5, 1, 1.5, 0, 0]);
    expect(rows.map((r) => r[5])).toEqual([0, 0, 0, 1, 1]);
  });

  it('never lets a training window learn a validation target', () => {
    const y = Float64Array.from({ length: 12 }, (_, i) => i);
    const d: SeriesData = { y, timeline, scale: { mean: 0, std: 1 }, cut: 9 };
    const plain: WindowSpec = { ...spec, futureSteps: 0, covariates: [] };
    const trainOrigins = originsOf(plain, [d], 'train', 2);
    expect(trainOrigins.map((o) => o.t)).toEqual([3, 4, 5, 6, 7, 8]);
    const train = buildWindows(plain, [d], trainOrigins, 'train');
    // origin 8: step 0 is index 8 (training), step 1 is index 9 (validation): masked
    expect(Array.from(train.mask.subarray(10, 12))).toEqual([1, 0]);
    const validOrigins = originsOf(plain, [d], 'valid', 2);
    expect(validOrigins.map((o) => o.t)).toEqual([8, 9, 10, 11]);
    const valid = buildWindows(plain, [d], validOrigins, 'valid');
    expect(Array.from(valid.mask)).toEqual([0, 1, 1, 1, 1, 1, 1, 0]);
    // targets relative to the anchor (the window's last value, t − 1)
    expect(valid.y[1]).toBe(9 - 7);
  });

  it('reads the season from the calendar', () => {
    expect(seasonPhase('monthly', 12, Date.UTC(2021, 6, 31), 0)).toBeCloseTo(6 / 12, 12);
    expect(seasonPhase('daily', 7, Date.UTC(2024, 0, 7), 0)).toBe(0); // a Sunday
    expect(seasonPhase('hourly', 24, Date.UTC(2024, 0, 7, 6), 0)).toBe(0.25);
    expect(seasonPhase('daily', 5, 0, -2)).toBe(0.6);
  });
});

describe('conformal half-widths', () => {
  const scores = stepScores(Array.from({ length: 19 }, (_, i) => (i % 2 ? -(i + 1) : i + 1)));

  it('takes the ⌈(m + 1)·level⌉-th smallest absolute error', () => {
    expect(conformalHalfWidth(scores, 95)).toEqual({ width: 19, short: false });
    expect(conformalHalfWidth(scores, 80)).toEqual({ width: 16, short: false });
  });

  it('says when there are too few errors for the level', () => {
    expect(conformalHalfWidth(scores, 99)).toEqual({ width: 19, short: true });
  });

  it('thins many errors to order statistics without moving the quantile much', () => {
    const many = stepScores(Array.from({ length: 5000 }, (_, i) => i + 1));
    expect(many.sorted.length).toBe(1000);
    expect(Math.abs(conformalHalfWidth(many, 90).width - 4501)).toBeLessThanOrEqual(5);
  });
});
