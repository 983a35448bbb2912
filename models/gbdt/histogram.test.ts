import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { accumulateHistogram, histogramKernel, ParallelHistograms } from './histogram';
import { trainGbdt } from './train';
import { computeGradients, evalLoss, logisticLossAndGradients, squaredLossAndGradients } from './losses';
import { mulberry32 } from '../split/prng';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('parallel histograms', () => {
  it('helper threads produce bit-identical histograms, also for feature subsets', async () => {
    const rand = mulberry32(11);
    const n = 40000, p = 6, bins = 30;
    const offsets = Int32Array.from({ length: p }, (_, f) => f * (bins + 1));
    const nBins = new Int32Array(p).fill(bins);
    const rowSlots = new Uint16Array(new SharedArrayBuffer(n * p * 2));
    for (let r = 0; r < n; r++) for (let f = 0; f < p; f++) rowSlots[r * p + f] = 2 * (offsets[f] + Math.floor(rand() * (bins + 1)));
    const par = new ParallelHistograms(n, p, rowSlots, offsets, nBins, p * (bins + 1), 1);
    try {
      for (let i = 0; i < 200 && !par.helpersReady; i++) await sleep(25);
      expect(par.helpersReady).toBe(true);
      for (let r = 0; r < n; r++) {
        par.rows[r] = n - 1 - r;
        par.gh[2 * r] = rand() - 0.5;
        par.gh[2 * r + 1] = rand();
      }
      const all = Int32Array.from({ length: p }, (_, f) => f);
      const some = Int32Array.from([1, 2, 4, 5]);
      for (const [features, nFeat] of [[all, p], [some, 4]] as const) {
        const tasks = [{ hist: par.newHist(), start: 0, end: n }, { hist: par.newHist(), start: 100, end: 30000 }];
        par.run(tasks, features, nFeat);
        for (const t of tasks) {
          const ref = new Float64Array(t.hist.length);
          accumulateHistogram(ref, par.rows, t.start, t.end, par.gh, rowSlots, p, features, 0, nFeat, nFeat === p ? 1 : 0, offsets, nBins, histogramKernel);
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

  it('unrolled kernels sum like a plain loop, for narrow and wide feature ranges', () => {
    const rand = mulberry32(4);
    const n = 500, bins = 7;
    for (const p of [3, 45]) {
      const rowSlots = Uint16Array.from({ length: n * p }, (_, i) => 2 * ((i % p) * (bins + 1) + Math.floor(rand() * (bins + 1))));
      const gh = Float64Array.from({ length: 2 * n }, () => rand() - 0.3);
      const rows = Uint32Array.from({ length: n }, (_, i) => i).filter(() => rand() < 0.6);
      const ref = new Float64Array(2 * p * (bins + 1));
      for (const r of rows) {
        for (let f = 0; f < p; f++) {
          ref[rowSlots[r * p + f]] += gh[2 * r];
          ref[rowSlots[r * p + f] + 1] += gh[2 * r + 1];
        }
      }
      const hist = new Float64Array(ref.length).fill(7);
      const offsets = Int32Array.from({ length: p }, (_, f) => f * (bins + 1));
      accumulateHistogram(hist, rows, 0, rows.length, gh, rowSlots, p, new Int32Array(0), 0, p, 1, offsets, new Int32Array(p).fill(bins), histogramKernel);
      expect(Array.from(hist)).toEqual(Array.from(ref));
    }
  });

  it('helper threads also work when the sources are transpiled by tsx (as in the CLI and workers)', () => {
    const url = (f: string) => JSON.stringify(pathToFileURL(path.join(import.meta.dirname, f)).href);
    // tsx keeps function names with injected helpers; the helper threads must not depend on them.
    const script = `
      const { accumulateHistogram, histogramKernel, ParallelHistograms } = await import(${url('histogram.ts')});
      const n = 20000, p = 40, bins = 9;
      const offsets = Int32Array.from({ length: p }, (_, f) => f * (bins + 1));
      const nBins = new Int32Array(p).fill(bins);
      const rowSlots = new Uint16Array(new SharedArrayBuffer(n * p * 2));
      for (let i = 0; i < n * p; i++) rowSlots[i] = 2 * (offsets[i % p] + (i * 7919) % (bins + 1));
      const par = new ParallelHistograms(n, p, rowSlots, offsets, nBins, p * (bins + 1), 1);
      for (let i = 0; i < 200 && !par.helpersReady; i++) await new Promise((r) => setTimeout(r, 25));
      for (let r = 0; r < n; r++) { par.rows[r] = r; par.gh[2 * r] = (r % 13) - 6; par.gh[2 * r + 1] = 1 + (r % 5); }
      const all = Int32Array.from({ length: p }, (_, f) => f);
      const hist = par.newHist();
      par.run([{ hist, start: 0, end: n }], all, p);
      const ref = new Float64Array(hist.length);
      accumulateHistogram(ref, par.rows, 0, n, par.gh, rowSlots, p, all, 0, p, 1, offsets, nBins, histogramKernel);
      const ready = par.helpersReady;
      par.close();
      console.log(JSON.stringify({ ready, same: hist.every((v, i) => v === ref[i]) }));
    `;
    const dir = mkdtempSync(path.join(os.tmpdir(), 'lathe-hist-'));
    let r;
    try {
      writeFileSync(path.join(dir, 'check.mts'), script);
      r = spawnSync(process.execPath, ['--import', 'tsx', path.join(dir, 'check.mts')], { encoding: 'utf8', timeout: 60_000 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout.trim().split('\n').at(-1)!)).toEqual({ ready: true, same: true });
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
    const expNeg = margins.map((m) => Math.exp(-m));
    const loss = logisticLossAndGradients(y, margins, expNeg, g2, h2);
    expect(Array.from(g2)).toEqual(Array.from(g1));
    expect(Array.from(h2)).toEqual(Array.from(h1));
    expect(loss).toBeCloseTo(evalLoss('logloss', y, margins, 1, 0.5), 12);
  });

  it('fused squared loss gives computeGradients gradients and exactly the evalLoss value', () => {
    const rand = mulberry32(8);
    const n = 777;
    const margins = Float64Array.from({ length: n }, () => 100 * rand());
    const y = Float64Array.from({ length: n }, () => 100 * rand());
    const g1 = new Float64Array(n), h1 = new Float64Array(n), g2 = new Float64Array(n), h2 = new Float64Array(n);
    computeGradients('squared', y, margins, null, 1, 0, 0.5, g1, h1);
    expect(squaredLossAndGradients(y, margins, g2, h2)).toBe(evalLoss('squared', y, margins, 1, 0.5));
    expect(Array.from(g2)).toEqual(Array.from(g1));
    expect(Array.from(h2)).toEqual(Array.from(h1));
  });

  it('recomputes cached exp(-margin) values that left the normal range', () => {
    const y = Float64Array.from([1, 0, 1]);
    const margins = Float64Array.from([800, -800, 0.5]);
    const expNeg = Float64Array.from([0, Infinity, Math.exp(-0.5)]);
    const g = new Float64Array(3), h = new Float64Array(3);
    logisticLossAndGradients(y, margins, expNeg, g, h);
    expect(Array.from(expNeg)).toEqual([Math.exp(-800), Math.exp(800), Math.exp(-0.5)]);
    expect(Array.from(g)).toEqual([0, 0, 1 / (1 + Math.exp(-0.5)) - 1]);
  });
});
