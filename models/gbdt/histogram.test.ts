import { describe, it, expect } from 'vitest';
import { accumulateHistogram, ParallelHistograms } from './histogram';
import { trainGbdt } from './train';
import { computeGradients, evalLoss, logisticLossAndGradients } from './losses';
import { mulberry32 } from '../split/prng';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('parallel histograms', () => {
  it('helper threads produce bit-identical histograms, also for feature subsets', async () => {
    const rand = mulberry32(11);
    const n = 40000, p = 6, bins = 30;
    const offsets = Int32Array.from({ length: p }, (_, f) => f * (bins + 1));
    const nBins = new Int32Array(p).fill(bins);
    const rowBins = new Uint16Array(new SharedArrayBuffer(n * p * 2));
    for (let r = 0; r < n; r++) for (let f = 0; f < p; f++) rowBins[r * p + f] = offsets[f] + Math.floor(rand() * (bins + 1));
    const par = new ParallelHistograms(n, p, rowBins, offsets, nBins, p * (bins + 1), 1);
    try {
      for (let i = 0; i < 200 && !par.helpersReady; i++) await sleep(25);
      expect(par.helpersReady).toBe(true);
      for (let r = 0; r < n; r++) {
        par.rows[r] = n - 1 - r;
        par.grad[r] = rand() - 0.5;
        par.hess[r] = rand();
      }
      const all = Int32Array.from({ length: p }, (_, f) => f);
      const some = Int32Array.from([1, 2, 4, 5]);
      for (const [features, nFeat] of [[all, p], [some, 4]] as const) {
        const tasks = [{ hist: par.newHist(), start: 0, end: n }, { hist: par.newHist(), start: 100, end: 30000 }];
        par.run(tasks, features, nFeat);
        for (const t of tasks) {
          const ref = new Float64Array(t.hist.length);
          accumulateHistogram(ref, par.rows, t.start, t.end, par.grad, par.hess, rowBins, p, features, 0, nFeat, nFeat === p ? 1 : 0, offsets, nBins);
          for (let fi = 0; fi < nFeat; fi++) {
            const o = 2 * offsets[features[fi]];
            expect(Array.from(t.hist.subarray(o, o + 2 * (bins + 1)))).toEqual(Array.from(ref.subarray(o, o + 2 * (bins + 1))));
          }
        }
      }
    } finally {
      par.close();
    }
  });

  it('trains the same model with and without helper threads', () => {
    const rand = mulberry32(5);
    const n = 30000, p = 8;
    const X = new Float32Array(n * p);
    const y = new Float64Array(n);
    for (let r = 0; r < n; r++) {
      for (let j = 0; j < p; j++) X[r * p + j] = rand() < 0.05 ? NaN : Math.fround(rand());
      y[r] = Math.sin(6 * (X[r * p] || 0)) + 2 * (X[r * p + 1] || 0) + 0.1 * rand() > 1 ? 1 : 0;
    }
    const params = { trees: 8, maxDepth: 5, loss: 'logloss' as const, colsample: 0.75, seed: 2 };
    const one = trainGbdt({ X, y, nRows: n, nCols: p }, params, { threads: 1 });
    const two = trainGbdt({ X, y, nRows: n, nCols: p }, params, { threads: 2 });
    expect(JSON.stringify(two.model.toJSON())).toBe(JSON.stringify(one.model.toJSON()));
    expect(two.curves.train).toEqual(one.curves.train);
  });
});

describe('fused logistic loss', () => {
  it('gives computeGradients gradients and the evalLoss value', () => {
    const rand = mulberry32(3);
    const n = 1001;
    const margins = Float64Array.from({ length: n }, () => 40 * rand() - 20);
    const y = Float64Array.from({ length: n }, () => (rand() < 0.3 ? 1 : 0));
    const g1 = new Float64Array(n), h1 = new Float64Array(n), g2 = new Float64Array(n), h2 = new Float64Array(n);
    computeGradients('logloss', y, margins, null, 1, 0, 0.5, g1, h1);
    const loss = logisticLossAndGradients(y, margins, g2, h2);
    expect(Array.from(g2)).toEqual(Array.from(g1));
    expect(Array.from(h2)).toEqual(Array.from(h1));
    expect(loss).toBeCloseTo(evalLoss('logloss', y, margins, 1, 0.5), 12);
  });
});
