import { describe, it, expect } from 'vitest';
import { trainGbdt } from './train';
import { GbdtModel } from './model';
import { evalLoss } from './losses';
import { linearRegression, xorClassification, blobs, sliceRows, accuracy, Dataset } from '../testing/synthetic';
import { regressionMetrics } from '../metrics/regression';
import { argmaxRows } from '../metrics/classification';
import { mulberry32 } from '../split/prng';
import type { Tree } from './tree';

function shape(t: Tree): { leaves: number; depth: number } {
  let leaves = 0, depth = 0;
  const walk = (n: number, d: number) => {
    if (t.left[n] < 0) {
      leaves++;
      depth = Math.max(depth, d);
      return;
    }
    walk(t.left[n], d + 1);
    walk(t.right[n], d + 1);
  };
  walk(0, 0);
  return { leaves, depth };
}

const reg = linearRegression(3000, 1);
const regTrain = sliceRows(reg, 0, 2400), regTest = sliceRows(reg, 2400, 3000);

function r2(model: GbdtModel, d: Dataset): number {
  return regressionMetrics(d.y, model.predict(d.X, d.nRows)).r2;
}

describe('gbdt regression', () => {
  for (const growth of ['depthwise', 'leafwise'] as const) {
    it(`learns a linear function (${growth})`, () => {
      const { model } = trainGbdt(regTrain, { trees: 100, growth, maxLeaves: 15, maxDepth: growth === 'leafwise' ? 0 : 4 });
      expect(r2(model, regTest)).toBeGreaterThan(0.95);
    });
  }

  it('respects maxDepth (depthwise) and maxLeaves (leafwise)', () => {
    const deep = trainGbdt(regTrain, { trees: 3, maxDepth: 3, minChildWeight: 0 }).model;
    for (const t of deep.trees) expect(shape(t)).toEqual({ leaves: 8, depth: 3 });
    const leafy = trainGbdt(regTrain, { trees: 3, growth: 'leafwise', maxLeaves: 7, maxDepth: 0 }).model;
    for (const t of leafy.trees) {
      expect(shape(t).leaves).toBe(7);
      expect(shape(t).depth).toBeGreaterThan(2);
    }
  });

  it('absolute and quantile losses fit their targets', () => {
    const abs = trainGbdt(regTrain, { trees: 60, loss: 'absolute', maxDepth: 3 }).model;
    expect(r2(abs, regTest)).toBeGreaterThan(0.9);
    const q = trainGbdt(regTrain, { trees: 60, loss: 'quantile', quantileAlpha: 0.9, maxDepth: 3 }).model;
    const p = q.predict(regTest.X, regTest.nRows);
    let below = 0;
    for (let i = 0; i < p.length; i++) if (regTest.y[i] <= p[i]) below++;
    expect(below / p.length).toBeGreaterThan(0.82);
    expect(below / p.length).toBeLessThan(0.97);
  });

  it('keeps float32 thresholds and predicts the same through binned training and raw traversal', () => {
    // Early stopping off: the train curve then covers every row.
    const res = trainGbdt(regTrain, { trees: 30, subsample: 0.7, colsample: 0.67, seed: 3, earlyStopping: 'off' });
    for (const t of res.model.trees) for (const th of t.threshold) expect(Math.fround(th)).toBe(th);
    // Train margins were accumulated through bins; the model walks raw float thresholds.
    const rmse = evalLoss('squared', regTrain.y, res.model.predictRaw(regTrain.X, regTrain.nRows), 1, 0.5);
    expect(rmse).toBeCloseTo(res.curves.train.at(-1)!, 9);
  });

  it('same seed gives identical models; a different seed does not', () => {
    const p = { trees: 15, subsample: 0.6, colsample: 0.67 };
    const a = trainGbdt(regTrain, { ...p, seed: 5 }).model.toJSON();
    const b = trainGbdt(regTrain, { ...p, seed: 5 }).model.toJSON();
    const c = trainGbdt(regTrain, { ...p, seed: 6 }).model.toJSON();
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(JSON.stringify(a)).not.toBe(JSON.stringify(c));
  });

  it('round-trips through JSON', () => {
    const m = trainGbdt(regTrain, { trees: 10 }).model;
    const back = GbdtModel.fromJSON(JSON.parse(JSON.stringify(m.toJSON())));
    expect(Array.from(back.predict(regTest.X, regTest.nRows))).toEqual(Array.from(m.predict(regTest.X, regTest.nRows)));
  });
});

describe('gbdt classification', () => {
  it('learns XOR with logloss', () => {
    const d = xorClassification(3000, 2);
    const { model } = trainGbdt(sliceRows(d, 0, 2400), { trees: 80, loss: 'logloss', maxDepth: 3 });
    const test = sliceRows(d, 2400, 3000);
    const p = model.predict(test.X, test.nRows);
    expect(accuracy(test.y, Array.from(p, (v) => (v > 0.5 ? 1 : 0)))).toBeGreaterThan(0.93);
  });

  it('learns multiclass blobs with softmax, one tree per class per round', () => {
    const d = blobs(1500, 4, 3);
    const res = trainGbdt(sliceRows(d, 0, 1200), { trees: 20, loss: 'softmax', maxDepth: 3 });
    expect(res.model.trees.length).toBe(80);
    const test = sliceRows(d, 1200, 1500);
    const pred = argmaxRows(res.model.predict(test.X, test.nRows), 4);
    expect(accuracy(test.y, pred)).toBeGreaterThan(0.9);
  });
});

describe('gbdt missing values and categories', () => {
  it('learns a default direction for missing values', () => {
    // Missing x0 means a large target; present x0 carries a step.
    const rand = mulberry32(9);
    const n = 2000;
    const X = new Float32Array(n * 2);
    const y = new Float64Array(n);
    for (let r = 0; r < n; r++) {
      const x = rand();
      const missing = rand() < 0.2;
      X[2 * r] = missing ? NaN : x;
      X[2 * r + 1] = rand();
      y[r] = missing ? 10 : x < 0.5 ? 0 : 1;
    }
    const { model } = trainGbdt({ X, y, nRows: n, nCols: 2 }, { trees: 50, maxDepth: 3 });
    const p = model.predict(Float32Array.from([NaN, 0.5, 0.2, 0.5, 0.8, 0.5]), 3);
    expect(p[0]).toBeGreaterThan(9.5);
    expect(Math.abs(p[1])).toBeLessThan(0.3);
    expect(Math.abs(p[2] - 1)).toBeLessThan(0.3);
  });

  it('splits categorical codes into a learned category set', () => {
    // 8 categories; categories {1, 3, 6} have a high target: no single threshold separates them.
    const rand = mulberry32(4);
    const n = 2000;
    const X = new Float32Array(n);
    const y = new Float64Array(n);
    const high = new Set([1, 3, 6]);
    for (let r = 0; r < n; r++) {
      const c = Math.floor(rand() * 8);
      X[r] = c;
      y[r] = (high.has(c) ? 5 : 0) + 0.1 * rand();
    }
    const { model } = trainGbdt({ X, y, nRows: n, nCols: 1 }, { trees: 1, maxDepth: 1, learningRate: 1, l2: 0 }, { categoryCounts: [8] });
    const t = model.trees[0];
    expect(t.isCategorical[0]).toBe(1);
    const set = Array.from(t.catValues.subarray(t.catStart[0], t.catStart[0] + t.catCount[0])).sort();
    expect([[1, 3, 6], [0, 2, 4, 5, 7]]).toContainEqual(set);
    const p = model.predict(Float32Array.from([0, 1, 2, 3, 4, 5, 6, 7]), 8);
    for (let c = 0; c < 8; c++) expect(Math.abs(p[c] - (high.has(c) ? 5.05 : 0.05))).toBeLessThan(0.1);
  });
});

describe('gbdt training control', () => {
  it('early stopping stops and keeps the best round', () => {
    const noisy = linearRegression(1500, 7, 3);
    const iters: number[] = [];
    const res = trainGbdt(noisy, { trees: 500, maxDepth: 6, learningRate: 0.3, earlyStoppingRounds: 10, seed: 1 }, {
      onIteration: (i, m) => {
        expect(m.valid).toBeTypeOf('number');
        iters.push(i);
      },
    });
    expect(res.stoppedEarly).toBe(true);
    expect(iters.length).toBeLessThan(500);
    expect(res.model.rounds).toBe(res.bestIteration + 1);
    expect(iters.length).toBe(res.bestIteration + 11);
    expect(Math.min(...res.curves.valid)).toBe(res.curves.valid[res.bestIteration]);
  });

  it('stops promptly when shouldStop returns true', () => {
    let calls = 0;
    const res = trainGbdt(regTrain, { trees: 1000 }, { shouldStop: () => ++calls > 5 });
    expect(res.cancelled).toBe(true);
    expect(res.model.rounds).toBe(5);
  });
});
