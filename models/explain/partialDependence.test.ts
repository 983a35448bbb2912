import { describe, it, expect, beforeAll } from 'vitest';
import { trainModel, loadModel } from '../train/index';
import { Frame, makeFrame, numericColumn, stringColumn, takeRows } from '../frame/frame';
import type { ModelArtifact } from '../train/types';
import { gaussian, mulberry32 } from '../split/prng';
import { partialDependence } from './index';
import { defaultGrid, MAX_PD_ROWS, sampleIndices } from './partialDependence';
import { forTarget, mixedFrame } from './testFrames';

/** y = 3 x1 + noise, x2 is noise. */
function slope(n: number, seed: number): Frame {
  const rand = mulberry32(seed);
  const x1: number[] = [], x2: number[] = [], y: number[] = [];
  for (let i = 0; i < n; i++) {
    x1.push(rand() * 10);
    x2.push(rand());
    y.push(3 * x1[i] + gaussian(rand));
  }
  return makeFrame([numericColumn('x1', x1), numericColumn('x2', x2), numericColumn('y', y)]);
}

describe('partial dependence', () => {
  const frame = slope(1200, 3);
  let gbdt: ModelArtifact;
  beforeAll(async () => {
    gbdt = (await trainModel(frame, { target: 'y', family: 'gbdt', params: { trees: 60 }, calibrationFraction: 0, split: { kind: 'random', testFraction: 0.2, seed: 1 } })).artifact;
  });

  it('rises with x1 for a gbdt trained on y = 3 x1 + noise', () => {
    const pd = partialDependence(gbdt, frame, 'x1');
    expect(pd.column).toBe('x1');
    expect(pd.outputs).toBe(1);
    expect(pd.grid.length).toBeGreaterThan(20);
    expect(pd.grid.length).toBeLessThanOrEqual(24);
    const g = pd.grid as number[];
    const sorted = Float64Array.from(frame.columns[0].values as Float64Array).sort();
    expect(g[0]).toBeGreaterThanOrEqual(sorted[Math.floor(0.02 * 1199)]);
    expect(g.at(-1)!).toBeLessThanOrEqual(sorted[Math.ceil(0.98 * 1199)]);
    for (let i = 1; i < g.length; i++) {
      expect(g[i]).toBeGreaterThan(g[i - 1]);
      expect(pd.values[i]).toBeGreaterThan(pd.values[i - 1]);
    }
    // The slope is recovered: 3 per unit of x1, within 15%.
    const fitted = (pd.values[g.length - 1] - pd.values[0]) / (g[g.length - 1] - g[0]);
    expect(fitted).toBeGreaterThan(2.55);
    expect(fitted).toBeLessThan(3.45);
    // x2 is noise: its curve is nearly flat.
    const flat = partialDependence(gbdt, frame, 'x2');
    expect(Math.max(...flat.values) - Math.min(...flat.values)).toBeLessThan(0.1 * (pd.values[g.length - 1] - pd.values[0]));
  });

  it('is the mean of loadModel predictions with the column set to each grid value', () => {
    const background = takeRows(frame, Array.from({ length: 200 }, (_, i) => i * 3));
    const pd = partialDependence(gbdt, background, 'x1', { grid: [1, 4.5, 8] });
    expect(pd.grid).toEqual([1, 4.5, 8]);
    const model = loadModel(gbdt);
    [1, 4.5, 8].forEach((v, g) => {
      const set = makeFrame([numericColumn('x1', new Array(200).fill(v)), background.columns[1]]);
      const mean = model.predict(set).values.reduce((s, p) => s + p, 0) / 200;
      expect(pd.values[g]).toBeCloseTo(mean, 10);
    });
  });

  it('caps the background deterministically', () => {
    const a = partialDependence(gbdt, frame, 'x1', { points: 5 });
    const b = partialDependence(gbdt, frame, 'x1', { points: 5 });
    expect(Array.from(a.values)).toEqual(Array.from(b.values));
    expect(a.grid.length).toBe(5);
  });

  it('uses the most frequent levels of a categorical column and averages class probabilities', async () => {
    const mixed = mixedFrame(900, 2);
    const reg = await trainModel(forTarget(mixed, 'y'), { target: 'y', family: 'gbdt', params: { trees: 60 }, calibrationFraction: 0, split: { kind: 'random', testFraction: 0.2, seed: 1 } });
    const cValues = mixed.columns[2].values as (string | null)[];
    const counts = new Map<string, number>();
    for (const v of cValues) if (v !== null) counts.set(v, (counts.get(v) ?? 0) + 1);
    const byFrequency = [...counts.entries()].sort((p, q) => q[1] - p[1]).map(([v]) => v);
    const pd = partialDependence(reg.artifact, mixed, 'c');
    expect(pd.grid).toEqual(byFrequency);
    expect(partialDependence(reg.artifact, mixed, 'c', { points: 2 }).grid).toEqual(byFrequency.slice(0, 2));
    // True effects: a 0, b +1.5, c -1, d +0.5.
    const at = (level: string) => pd.values[pd.grid.indexOf(level)];
    expect(at('b') - at('a')).toBeGreaterThan(1.1);
    expect(at('b') - at('a')).toBeLessThan(1.9);
    expect(at('c') - at('a')).toBeLessThan(-0.6);

    for (const [target, K] of [['yes', 2], ['kind', 3]] as const) {
      const cls = await trainModel(forTarget(mixed, target), { target, family: 'gbdt', params: { trees: 30 }, split: { kind: 'random', testFraction: 0.2, seed: 1 } });
      const p = partialDependence(cls.artifact, mixed, 'x2', { points: 6 });
      expect(p.outputs).toBe(K);
      expect(p.values.length).toBe(p.grid.length * K);
      for (let g = 0; g < p.grid.length; g++) {
        let s = 0;
        for (let k = 0; k < K; k++) s += p.values[g * K + k];
        expect(s).toBeCloseTo(1, 9);
      }
      // y depends on -x2, so the top class loses probability as x2 grows.
      expect(p.values[(p.grid.length - 1) * K + K - 1]).toBeLessThan(p.values[K - 1]);
    }
  });

  it('default grids: boolean levels, dates as numbers, unknown columns refused', () => {
    expect(defaultGrid(numericColumn('b', [1, 0, 1, 1, NaN], 'boolean'), 24)).toEqual([1, 0]);
    const dates = defaultGrid(numericColumn('d', Array.from({ length: 100 }, (_, i) => Date.UTC(2020, 0, 1 + i)), 'date'), 4);
    expect(dates.length).toBe(4);
    expect(dates.every((d) => typeof d === 'number')).toBe(true);
    expect(defaultGrid(stringColumn('s', [null, null]), 5)).toEqual([]);
    expect(() => partialDependence(gbdt, frame, 'y')).toThrow(/not a feature/);
  });

  it('ICE curves: their mean is the PDP, each is one row’s predictions, and the sample is seeded', async () => {
    const background = takeRows(frame, Array.from({ length: 300 }, (_, i) => i * 4));
    const all = partialDependence(gbdt, background, 'x1', { points: 8, iceRows: 10_000 });
    const G = all.grid.length;
    expect(all.ice!.rows).toEqual(Array.from({ length: 300 }, (_, i) => i));
    for (let g = 0; g < G; g++) {
      let s = 0;
      for (let j = 0; j < 300; j++) s += all.ice!.values[j * G + g];
      expect(s / 300).toBeCloseTo(all.values[g], 10);
    }
    // One curve is that row's own predictions with x1 set to each grid value.
    const model = loadModel(gbdt);
    const row = 17;
    const set = makeFrame([numericColumn('x1', all.grid as number[]), numericColumn('x2', new Array(G).fill((background.columns[1].values as Float64Array)[row]))]);
    expect(Array.from(all.ice!.values.slice(row * G, (row + 1) * G))).toEqual(Array.from(model.predict(set).values).map((v) => expect.closeTo(v, 10)));

    const a = partialDependence(gbdt, background, 'x1', { points: 8, iceRows: 50, seed: 3 });
    const b = partialDependence(gbdt, background, 'x1', { points: 8, iceRows: 50, seed: 3 });
    const c = partialDependence(gbdt, background, 'x1', { points: 8, iceRows: 50, seed: 4 });
    expect(a.ice!.rows).toHaveLength(50);
    expect(new Set(a.ice!.rows).size).toBe(50);
    expect(a.ice!.rows).toEqual(b.ice!.rows);
    expect(a.ice!.rows).not.toEqual(c.ice!.rows);
    expect(Array.from(a.values)).toEqual(Array.from(all.values));
    a.ice!.rows.forEach((r, j) => expect(Array.from(a.ice!.values.slice(j * G, (j + 1) * G))).toEqual(Array.from(all.ice!.values.slice(r * G, (r + 1) * G))));
    expect(partialDependence(gbdt, background, 'x1', { points: 8 }).ice).toBeUndefined();
  });

  it('ICE of a classifier: every class, the mean is the PDP; rows index the full background when it is capped', async () => {
    const mixed = mixedFrame(900, 2);
    const cls = await trainModel(forTarget(mixed, 'yes'), { target: 'yes', family: 'gbdt', params: { trees: 20 }, split: { kind: 'random', testFraction: 0.2, seed: 1 } });
    const p = partialDependence(cls.artifact, mixed, 'x2', { points: 5, iceRows: MAX_PD_ROWS });
    const G = p.grid.length, K = 2;
    expect(p.ice!.rows).toHaveLength(MAX_PD_ROWS);
    // 900 background rows are thinned to 500 evenly spaced ones; indices point into the 900.
    expect(p.ice!.rows[1]).toBe(Math.floor(900 / MAX_PD_ROWS));
    for (let g = 0; g < G; g++) {
      for (let k = 0; k < K; k++) {
        let s = 0;
        for (let j = 0; j < MAX_PD_ROWS; j++) s += p.ice!.values[(j * G + g) * K + k];
        expect(s / MAX_PD_ROWS).toBeCloseTo(p.values[g * K + k], 10);
      }
      expect(p.ice!.values[g * K] + p.ice!.values[g * K + 1]).toBeCloseTo(1, 12);
    }
  });

  it('samples distinct indices', () => {
    expect(sampleIndices(5, 10, 1)).toEqual([0, 1, 2, 3, 4]);
    const s = sampleIndices(1000, 50, 9);
    expect(new Set(s).size).toBe(50);
    expect(s.every((v, i) => v >= 0 && v < 1000 && (i === 0 || v > s[i - 1]))).toBe(true);
  });
});
