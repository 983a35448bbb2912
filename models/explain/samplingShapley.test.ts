import { describe, it, expect, beforeAll } from 'vitest';
import { trainModel, loadModel } from '../train/index';
import { makeFrame, numericColumn, stringColumn, takeRows, Frame } from '../frame/frame';
import type { ModelArtifact } from '../train/types';
import { gaussian, mulberry32 } from '../split/prng';
import { explain } from './index';
import { explainLinear } from './explainLinear';
import { samplingShapley } from './samplingShapley';
import { forTarget, mixedFrame } from './testFrames';

function sumsTo(ex: ReturnType<typeof explain>, out: ArrayLike<number>, r: number, k: number): number {
  const C = ex.columns.length, K = ex.outputs;
  let s = ex.base[k];
  for (let c = 0; c < C; c++) s += ex.values[(r * K + k) * C + c];
  return Math.abs(s - out[r * K + k]);
}

describe('sampling Shapley bookkeeping (no network needed)', () => {
  const frame = mixedFrame(600, 21);
  const rows = takeRows(frame, [3, 50, 77, 120]);
  const one = takeRows(frame, [9]);

  it('is exact for an additive model against a single background row', async () => {
    // With one reference row z, every permutation gives column c the same marginal w (x_c - z_c).
    const res = await trainModel(forTarget(frame, 'y'), { target: 'y', family: 'linear', calibrationFraction: 0, split: { kind: 'random', testFraction: 0.2, seed: 1 } });
    const exact = explainLinear(res.artifact, rows, one);
    const est = samplingShapley(res.artifact, rows, one, { samples: 6, seed: 5 });
    expect(est.base[0]).toBeCloseTo(exact.base[0], 9);
    for (let i = 0; i < exact.values.length; i++) expect(est.values[i]).toBeCloseTo(exact.values[i], 9);
  });

  it('is exact for two interacting columns with one antithetic pair', async () => {
    // Two columns have two orderings, and an antithetic pair visits both: the estimate is the Shapley value.
    const rand = mulberry32(2);
    const a: number[] = [], b: number[] = [], y: number[] = [];
    for (let i = 0; i < 500; i++) {
      a.push(rand() * 2 - 1);
      b.push(rand() * 2 - 1);
      y.push(4 * a[i] * b[i]);
    }
    const f = makeFrame([numericColumn('a', a), numericColumn('b', b), numericColumn('y', y)]);
    const res = await trainModel(f, { target: 'y', family: 'gbdt', params: { trees: 30 }, calibrationFraction: 0, split: { kind: 'random', testFraction: 0.2, seed: 1 } });
    const m = loadModel(res.artifact);
    const z = takeRows(f, [0]);
    const x = takeRows(f, [1, 2, 3, 4, 5]);
    const est = samplingShapley(res.artifact, x, z, { samples: 2, seed: 1 });
    const pred = (av: number, bv: number) => m.predict(makeFrame([numericColumn('a', [av]), numericColumn('b', [bv])])).values[0];
    for (let r = 0; r < 5; r++) {
      const [xa, xb, za, zb] = [a[1 + r], b[1 + r], a[0], b[0]];
      const phiA = 0.5 * (pred(xa, zb) - pred(za, zb)) + 0.5 * (pred(xa, xb) - pred(za, xb));
      const phiB = 0.5 * (pred(za, xb) - pred(za, zb)) + 0.5 * (pred(xa, xb) - pred(xa, zb));
      expect(est.values[r * 2]).toBeCloseTo(phiA, 9);
      expect(est.values[r * 2 + 1]).toBeCloseTo(phiB, 9);
    }
  });
});

/** y = 3 x1 + noise; x2, x3 and the category are noise. */
function onlyX1(n: number, seed: number): Frame {
  const rand = mulberry32(seed);
  const x1: number[] = [], x2: number[] = [], x3: number[] = [], c: string[] = [], y: number[] = [], cls: string[] = [];
  for (let i = 0; i < n; i++) {
    x1.push(rand() * 2 - 1);
    x2.push(rand() * 2 - 1);
    x3.push(gaussian(rand));
    c.push(['u', 'v', 'w'][Math.floor(rand() * 3)]);
    y.push(3 * x1[i] + 0.05 * gaussian(rand));
    cls.push(x1[i] < -0.3 ? 'lo' : x1[i] < 0.3 ? 'mid' : 'hi');
  }
  return makeFrame([numericColumn('x1', x1), numericColumn('x2', x2), numericColumn('x3', x3), stringColumn('c', c), numericColumn('y', y), stringColumn('cls', cls)]);
}

describe('sampling Shapley on mlp models', () => {
  const frame = onlyX1(600, 4);
  const rows = takeRows(frame, [600 - 1, 600 - 2, 600 - 3, 600 - 4, 600 - 5, 600 - 6]);
  const background = takeRows(frame, Array.from({ length: 150 }, (_, i) => i));
  const params = { hidden: [16], epochs: 25, learningRate: 0.01, dropout: 0, batchSize: 32 };
  let regression: ModelArtifact;
  beforeAll(async () => {
    const res = await trainModel(forTarget2(frame, 'y'), { target: 'y', family: 'mlp', params, calibrationFraction: 0, split: { kind: 'random', testFraction: 0.2, seed: 1 } });
    expect(res.metrics.r2).toBeGreaterThan(0.9);
    regression = res.artifact;
  });

  it('needs a background frame', () => {
    expect(() => explain(regression, rows)).toThrow(/background/);
  });

  it('adds up exactly, gives x1 nearly all the attribution and is deterministic for a seed', () => {
    const ex = explain(regression, rows, { background, samples: 32, seed: 7 });
    expect(ex).toMatchObject({ method: 'sampling-shapley', space: 'value', columns: ['x1', 'x2', 'x3', 'c'], outputs: 1, rows: 6 });
    const pred = loadModel(regression).predict(rows).values;
    for (let r = 0; r < 6; r++) expect(sumsTo(ex, pred, r, 0)).toBeLessThan(1e-9 * Math.max(1, Math.abs(pred[r])));
    let onX1 = 0, total = 0;
    for (let r = 0; r < 6; r++) {
      for (let c = 0; c < 4; c++) {
        total += Math.abs(ex.values[r * 4 + c]);
        if (c === 0) onX1 += Math.abs(ex.values[r * 4 + c]);
      }
    }
    expect(onX1 / total).toBeGreaterThan(0.9);
    expect(Array.from(explain(regression, rows, { background, samples: 32, seed: 7 }).values)).toEqual(Array.from(ex.values));
    expect(Array.from(explain(regression, rows, { background, samples: 32, seed: 8 }).values)).not.toEqual(Array.from(ex.values));
  });

  it('explains class probabilities of a multiclass network', async () => {
    const res = await trainModel(forTarget2(frame, 'cls'), { target: 'cls', family: 'mlp', params: { ...params, epochs: 10 }, split: { kind: 'random', testFraction: 0.2, seed: 1 } });
    const ex = explain(res.artifact, rows, { background, samples: 16 });
    expect(ex.space).toBe('probability');
    expect(ex.outputs).toBe(3);
    const p = loadModel(res.artifact).predict(rows).probabilities!;
    for (let r = 0; r < 6; r++) for (let k = 0; k < 3; k++) expect(sumsTo(ex, p, r, k)).toBeLessThan(1e-9);
    // Probabilities sum to one, so the base and each column's attributions over classes sum to 1 and 0.
    expect(ex.base.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 5);
  });
});

function forTarget2(frame: Frame, target: string): Frame {
  return { columns: frame.columns.filter((c) => c.name === target || !['y', 'cls'].includes(c.name)), rowCount: frame.rowCount };
}
