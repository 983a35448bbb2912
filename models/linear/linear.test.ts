import { describe, it, expect } from 'vitest';
import { fitRidge, fitLogistic, LinearModel, choleskySolve } from './linear';
import { lbfgs } from './lbfgs';
import { linearRegression, thresholdClassification, blobs, sliceRows, accuracy } from '../testing/synthetic';
import { regressionMetrics, argmaxRows } from '../metrics/index';

describe('linear models', () => {
  it('cholesky solves a small system', () => {
    const x = choleskySolve(Float64Array.from([4, 2, 2, 3]), Float64Array.from([2, 1]), 2);
    expect(x[0]).toBeCloseTo(0.5, 12);
    expect(x[1]).toBeCloseTo(0, 12);
  });

  it('lbfgs minimises a quadratic', () => {
    const res = lbfgs((x, g) => {
      g[0] = 2 * (x[0] - 3);
      g[1] = 20 * (x[1] + 1);
      return (x[0] - 3) ** 2 + 10 * (x[1] + 1) ** 2;
    }, new Float64Array(2));
    expect(res.x[0]).toBeCloseTo(3, 5);
    expect(res.x[1]).toBeCloseTo(-1, 5);
  });

  it('ridge recovers y = 3 x0 - 2 x1', () => {
    const d = linearRegression(2000, 11);
    const m = fitRidge(d.X, 1600, 3, d.y.subarray(0, 1600), { l2: 1e-6 });
    expect(m.weights[0]).toBeCloseTo(3, 1);
    expect(m.weights[1]).toBeCloseTo(-2, 1);
    expect(Math.abs(m.weights[2])).toBeLessThan(0.05);
    const test = sliceRows(d, 1600, 2000);
    expect(regressionMetrics(test.y, m.predict(test.X, test.nRows)).r2).toBeGreaterThan(0.99);
  });

  it('a large l2 shrinks ridge weights', () => {
    const d = linearRegression(500, 12);
    const loose = fitRidge(d.X, d.nRows, 3, d.y, { l2: 1e-6 });
    const tight = fitRidge(d.X, d.nRows, 3, d.y, { l2: 10 });
    expect(Math.abs(tight.weights[0])).toBeLessThan(Math.abs(loose.weights[0]) / 5);
  });

  it('logistic regression separates a linear threshold', () => {
    const d = thresholdClassification(2000, 13);
    const losses: number[] = [];
    const m = fitLogistic(d.X, 1600, 3, d.y.subarray(0, 1600), 2, {}, { onIteration: (_, l) => losses.push(l) });
    expect(m.kind).toBe('logistic');
    expect(losses.at(-1)!).toBeLessThan(losses[0]);
    const test = sliceRows(d, 1600, 2000);
    const p = m.predict(test.X, test.nRows);
    expect(accuracy(test.y, Array.from(p, (v) => (v > 0.5 ? 1 : 0)))).toBeGreaterThan(0.95);
    const back = LinearModel.fromJSON(JSON.parse(JSON.stringify(m.toJSON())));
    expect(Array.from(back.predict(test.X, test.nRows))).toEqual(Array.from(p));
  });

  it('multinomial regression classifies blobs', () => {
    const d = blobs(1200, 3, 14);
    const m = fitLogistic(d.X, 900, 3, d.y.subarray(0, 900), 3);
    expect(m.kind).toBe('multinomial');
    const test = sliceRows(d, 900, 1200);
    const probs = m.predict(test.X, test.nRows);
    for (let r = 0; r < test.nRows; r++) expect(probs[3 * r] + probs[3 * r + 1] + probs[3 * r + 2]).toBeCloseTo(1, 9);
    expect(accuracy(test.y, argmaxRows(probs, 3))).toBeGreaterThan(0.95);
  });

  it('stops when asked', () => {
    const d = blobs(600, 3, 15);
    let calls = 0;
    const iters: number[] = [];
    fitLogistic(d.X, d.nRows, 3, d.y, 3, { maxIter: 500 }, { shouldStop: () => ++calls > 3, onIteration: (i) => iters.push(i) });
    expect(iters.length).toBe(3);
  });
});
