import { describe, it, expect } from 'vitest';
import { trainForest, ForestModel } from './forest';
import { linearRegression, xorClassification, blobs, sliceRows, accuracy } from '../testing/synthetic';
import { regressionMetrics, argmaxRows } from '../metrics/index';

describe('random forest', () => {
  it('regresses a linear function and its out-of-bag error falls', () => {
    const d = linearRegression(2000, 21);
    const { model, curve } = trainForest(sliceRows(d, 0, 1600), { trees: 40, seed: 1, colsample: 1 }, { task: 'regression' });
    const test = sliceRows(d, 1600, 2000);
    expect(regressionMetrics(test.y, model.predict(test.X, test.nRows)).r2).toBeGreaterThan(0.9);
    expect(curve.at(-1)!).toBeLessThan(curve[2]);
  });

  it('leaf values are bootstrap means (predictions stay within the target range)', () => {
    const d = linearRegression(500, 22);
    const { model } = trainForest(d, { trees: 10, seed: 2 }, { task: 'regression' });
    const p = model.predict(d.X, d.nRows);
    expect(Math.max(...p)).toBeLessThanOrEqual(Math.max(...d.y) + 1e-9);
    expect(Math.min(...p)).toBeGreaterThanOrEqual(Math.min(...d.y) - 1e-9);
  });

  it('classifies XOR (binary, probabilities of class 1)', () => {
    const d = xorClassification(2000, 23);
    const { model } = trainForest(sliceRows(d, 0, 1600), { trees: 30, seed: 3 }, { task: 'classification' });
    expect(model.outputs).toBe(1);
    const test = sliceRows(d, 1600, 2000);
    const p = model.predict(test.X, test.nRows);
    expect(accuracy(test.y, Array.from(p, (v) => (v > 0.5 ? 1 : 0)))).toBeGreaterThan(0.9);
  });

  it('classifies multiclass blobs with one tree per class', () => {
    const d = blobs(1200, 3, 24);
    const { model } = trainForest(sliceRows(d, 0, 900), { trees: 20, seed: 4 }, { task: 'classification' });
    expect(model.trees.length).toBe(60);
    const test = sliceRows(d, 900, 1200);
    const probs = model.predict(test.X, test.nRows);
    expect(probs[0] + probs[1] + probs[2]).toBeCloseTo(1, 9);
    expect(accuracy(test.y, argmaxRows(probs, 3))).toBeGreaterThan(0.9);
  });

  it('is reproducible per seed and cancellable', () => {
    const d = linearRegression(400, 25);
    const a = trainForest(d, { trees: 5, seed: 9 }, { task: 'regression' }).model.toJSON();
    const b = trainForest(d, { trees: 5, seed: 9 }, { task: 'regression' }).model.toJSON();
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    const back = ForestModel.fromJSON(JSON.parse(JSON.stringify(a)));
    expect(back.trees.length).toBe(5);
    let calls = 0;
    const res = trainForest(d, { trees: 100 }, { task: 'regression', shouldStop: () => ++calls > 3 });
    expect(res.cancelled).toBe(true);
    expect(res.model.trees.length).toBe(3);
  });
});
