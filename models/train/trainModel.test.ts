import { describe, it, expect } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { trainModel, loadModel } from './index';
import { makeFrame, numericColumn, stringColumn, Frame, takeRows } from '../frame/frame';
import { mulberry32, gaussian } from '../split/prng';
import type { Family } from './types';

/** y = 3 x1 - 2 x2 + 4 [c = 'hi'] + noise, with some missing x1 and a date column. */
function regressionFrame(n: number, seed: number): Frame {
  const rand = mulberry32(seed);
  const x1: number[] = [], x2: number[] = [], c: (string | null)[] = [], d: number[] = [], y: number[] = [];
  for (let i = 0; i < n; i++) {
    const a = rand() * 2 - 1, b = rand() * 2 - 1;
    const cat = ['lo', 'hi', 'mid'][i % 3];
    x1.push(rand() < 0.05 ? NaN : a);
    x2.push(b);
    c.push(rand() < 0.03 ? null : cat);
    d.push(Date.UTC(2020, 0, 1) + i * 86_400_000);
    y.push(3 * a - 2 * b + (cat === 'hi' ? 4 : 0) + 0.2 * gaussian(rand));
  }
  return makeFrame([
    numericColumn('x1', x1), numericColumn('x2', x2), stringColumn('c', c),
    numericColumn('day', d, 'date'), numericColumn('y', y),
  ]);
}

/** Label 'pos' when x1 + x2 > 0 (binary) or one of three angular sectors (multiclass). */
function classificationFrame(n: number, seed: number, multi: boolean): Frame {
  const rand = mulberry32(seed);
  const x1: number[] = [], x2: number[] = [], label: string[] = [];
  for (let i = 0; i < n; i++) {
    const a = rand() * 2 - 1, b = rand() * 2 - 1;
    x1.push(a);
    x2.push(b);
    if (!multi) label.push(a + b > 0 ? 'pos' : 'neg');
    else label.push(['red', 'green', 'blue'][Math.floor(((Math.atan2(b, a) + Math.PI) / (2 * Math.PI)) * 3) % 3]);
  }
  return makeFrame([numericColumn('x1', x1), numericColumn('x2', x2), stringColumn('label', label)]);
}

const regFrame = regressionFrame(1200, 1);
const fast: Record<Family, Record<string, unknown>> = {
  gbdt: { trees: 80, maxDepth: 4 },
  forest: { trees: 25 },
  linear: {},
  mlp: { hidden: [16], epochs: 30, learningRate: 0.01, dropout: 0, batchSize: 32 },
};

describe('trainModel', () => {
  for (const family of ['gbdt', 'linear', 'forest', 'mlp'] as Family[]) {
    it(`${family}: regression with random split, intervals and a loadable artifact`, async () => {
      const progress: number[] = [];
      const res = await trainModel(regFrame, {
        target: 'y', family, params: fast[family], exclude: ['day'],
        split: { kind: 'random', testFraction: 0.2, seed: 7 },
      }, { onProgress: (f) => progress.push(f) });
      expect(res.task).toBe('regression');
      expect(Object.keys(res.metrics).sort()).toEqual(['mae', 'mape', 'r2', 'rmse']);
      expect(res.metrics.r2).toBeGreaterThan(0.9);
      expect(res.predictions.rows.length).toBe(240);
      expect(res.intervals!.halfWidth).toBeGreaterThan(0);
      expect(res.intervals!.testCoverage).toBeGreaterThan(0.8);
      expect(res.importance.length).toBeGreaterThan(0);
      expect(progress.at(-1)).toBe(1);
      const loaded = loadModel(JSON.parse(JSON.stringify(res.artifact)));
      const again = loaded.predict(takeRows(regFrame, res.predictions.rows));
      for (let i = 0; i < 20; i++) expect(again.values[i]).toBeCloseTo(res.predictions.values[i], 4);
      expect(again.upper![0] - again.lower![0]).toBeCloseTo(2 * res.intervals!.halfWidth, 9);
      // dispose frees what the model holds outside the heap (an mlp's network), nothing else.
      const before = tf.memory().numTensors;
      loaded.dispose();
      const freed = before - tf.memory().numTensors;
      if (family === 'mlp') expect(freed).toBeGreaterThan(0);
      else expect(freed).toBe(0);
    }, 30_000);
  }

  for (const family of ['gbdt', 'linear', 'forest'] as Family[]) {
    it(`${family}: binary and multiclass classification with string labels`, async () => {
      const bin = await trainModel(classificationFrame(1000, 2, false), {
        target: 'label', family, params: fast[family], split: { kind: 'random', testFraction: 0.25, seed: 1 },
      });
      expect(bin.task).toBe('binary');
      expect(bin.classes).toEqual(['neg', 'pos']);
      expect(bin.metrics.accuracy).toBeGreaterThan(0.9);
      expect(bin.metrics.auc).toBeGreaterThan(0.95);
      expect(bin.intervals).toBeNull();
      const multiFrame = classificationFrame(1200, 3, true);
      const multi = await trainModel(multiFrame, {
        target: 'label', family, params: fast[family], split: { kind: 'random', testFraction: 0.25, seed: 1 },
      });
      expect(multi.task).toBe('multiclass');
      expect(multi.metrics.accuracy).toBeGreaterThan(0.85);
      const p = loadModel(multi.artifact).predict(multiFrame);
      expect(p.labels!.slice(0, 50).filter((l, i) => l === (multiFrame.columns[2].values as string[])[i]).length).toBeGreaterThan(40);
    }, 30_000);
  }

  it('k-fold reports per-fold metrics and out-of-fold predictions for every row', async () => {
    const res = await trainModel(regFrame, { target: 'y', family: 'gbdt', params: { trees: 40, maxDepth: 3 }, split: { kind: 'kfold', k: 3, seed: 2 } });
    expect(res.foldMetrics!.length).toBe(3);
    expect(res.predictions.rows.length).toBe(1200);
    expect(res.metrics.r2).toBeCloseTo(res.foldMetrics!.reduce((a, m) => a + m.r2, 0) / 3, 12);
    expect(res.metrics.r2).toBeGreaterThan(0.9);
  });

  it('time split tests on the latest rows; holdout uses a separate frame', async () => {
    const res = await trainModel(regFrame, { target: 'y', family: 'linear', split: { kind: 'time', column: 'day', testFraction: 0.25 } });
    expect(Math.min(...res.predictions.rows)).toBe(900);
    const test = regressionFrame(300, 99);
    const hold = await trainModel(regFrame, { target: 'y', family: 'linear', split: { kind: 'holdout', test } });
    expect(hold.predictions.rows.length).toBe(300);
    expect(hold.metrics.r2).toBeGreaterThan(0.9);
  });

  it('same seed gives the same artifact', async () => {
    const spec = { target: 'y', family: 'gbdt' as const, params: { trees: 20, subsample: 0.8, colsample: 0.8 }, seed: 3, split: { kind: 'random' as const, testFraction: 0.2, seed: 5 } };
    const a = await trainModel(regFrame, spec);
    const b = await trainModel(regFrame, spec);
    expect(JSON.stringify(a.artifact)).toBe(JSON.stringify(b.artifact));
  });

  it('streams metrics and cancels promptly', async () => {
    const steps: Record<string, number>[] = [];
    let polls = 0;
    const res = await trainModel(regFrame, {
      target: 'y', family: 'gbdt', params: { trees: 5000 }, split: { kind: 'random', testFraction: 0.2, seed: 1 },
    }, { onMetrics: (_, v) => steps.push(v), shouldStop: () => ++polls > 10 });
    expect(res.cancelled).toBe(true);
    expect(steps.length).toBe(10);
    expect(steps[0].valid).toBeTypeOf('number');
    expect(res.curves.train.length).toBe(10);
  });

  it('ignores rows whose target is missing and handles unseen categories at predict time', async () => {
    const y = Float64Array.from(regFrame.columns[4].values as Float64Array);
    for (let i = 0; i < 100; i++) y[i * 7] = NaN;
    const frame = makeFrame([...regFrame.columns.slice(0, 4), numericColumn('y', y)]);
    const res = await trainModel(frame, { target: 'y', family: 'gbdt', params: { trees: 30 }, split: { kind: 'random', testFraction: 0.2, seed: 1 } });
    expect(res.predictions.rows.length).toBe(Math.round(1100 * 0.2));
    expect(Number.isNaN(res.metrics.rmse)).toBe(false);
    const odd = makeFrame([
      numericColumn('x1', [0.5, NaN]), numericColumn('x2', [0, 0]), stringColumn('c', ['never-seen', null]),
      numericColumn('day', [0, NaN], 'date'), numericColumn('y', [0, 0]),
    ]);
    const p = loadModel(res.artifact).predict(odd);
    expect(p.values.every((v) => Number.isFinite(v))).toBe(true);
  });

  it('fits the pipeline on training rows only', async () => {
    // The latest quarter of rows (the time-split test set) has x1 shifted by +1000 and a new category.
    const n = 400;
    const x1 = Array.from({ length: n }, (_, i) => (i >= 300 ? 1000 : 0) + (i % 10));
    const c = Array.from({ length: n }, (_, i) => (i >= 300 ? 'late' : i % 2 ? 'a' : 'b'));
    const frame = makeFrame([
      numericColumn('x1', x1), stringColumn('c', c),
      numericColumn('t', Array.from({ length: n }, (_, i) => i)), numericColumn('y', x1.map((v, i) => v + (i % 3))),
    ]);
    const res = await trainModel(frame, { target: 'y', family: 'linear', exclude: ['t'], calibrationFraction: 0, split: { kind: 'time', column: 't', testFraction: 0.25 } });
    const steps = res.artifact.pipeline.steps;
    const x = steps.find((s) => s.column === 'x1');
    const cat = steps.find((s) => s.column === 'c');
    expect(x?.kind === 'numeric' && x.mean).toBeCloseTo(4.5, 12);
    expect(cat?.kind === 'categorical' && cat.categories.slice().sort()).toEqual(['a', 'b']);
  });

  it('learns from a text column through tf-idf', async () => {
    const rand = mulberry32(8);
    const words = ['movie', 'plot', 'actor', 'scene', 'the', 'was', 'very'];
    const text: string[] = [], label: string[] = [];
    for (let i = 0; i < 600; i++) {
      const good = rand() < 0.5;
      const filler = Array.from({ length: 4 }, () => words[Math.floor(rand() * words.length)]);
      filler.splice(Math.floor(rand() * 4), 0, good ? (rand() < 0.5 ? 'great' : 'good') : (rand() < 0.5 ? 'awful' : 'bad'));
      text.push(filler.join(' '));
      label.push(good ? 'pos' : 'neg');
    }
    const frame = makeFrame([stringColumn('review', text, 'text'), stringColumn('label', label)]);
    for (const family of ['gbdt', 'linear'] as Family[]) {
      const res = await trainModel(frame, { target: 'label', family, params: fast[family], split: { kind: 'random', testFraction: 0.25, seed: 2 } });
      expect(res.metrics.accuracy).toBeGreaterThan(0.95);
      // Permutation shuffles the text column as a whole; the linear model's coefficients show the terms.
      expect(res.importance.map((i) => i.feature)).toEqual(['review']);
      expect(res.importance[0].importance).toBeGreaterThan(0.3);
    }
    const linear = await trainModel(frame, { target: 'label', family: 'linear', split: { kind: 'random', testFraction: 0.25, seed: 2 } });
    const [top] = linear.importanceViews!.coefficients!;
    expect(top.feature).toMatch(/^review:(good|great|bad|awful)$/);
    expect(top.column).toBe('review');
    // Positive weights push towards 'pos'.
    expect(Math.sign(top.coefficient)).toBe(/good|great/.test(top.feature) ? 1 : -1);
  });
});
