import { describe, expect, it } from 'vitest';
import { trainModel } from '../train/trainModel';
import { makeFrame, numericColumn, stringColumn, type Frame } from '../frame/frame';
import { gaussian, mulberry32 } from '../split/prng';
import type { Family } from '../train/types';

const CITIES = ['a', 'b', 'c', 'd', 'e'];
const EFFECT: Record<string, number> = { a: 0, b: 3, c: -3, d: 6, e: -6 };

/** A planted informative categorical `city`, a weaker numeric `x`, and a `noise` column the target never reads. */
function planted(n: number, seed: number, task: 'regression' | 'binary'): Frame {
  const rand = mulberry32(seed);
  const city: string[] = [], x: number[] = [], noise: number[] = [], y: number[] = [], label: string[] = [];
  for (let i = 0; i < n; i++) {
    const c = CITIES[Math.floor(rand() * CITIES.length)];
    const a = rand() * 2 - 1;
    city.push(c);
    x.push(a);
    noise.push(rand() * 2 - 1);
    const v = EFFECT[c] + 1.5 * a + 0.3 * gaussian(rand);
    y.push(v);
    label.push(v > 0 ? 'yes' : 'no');
  }
  const target = task === 'regression' ? numericColumn('y', y) : stringColumn('y', label);
  return makeFrame([stringColumn('city', city), numericColumn('x', x), numericColumn('noise', noise), target]);
}

const FAST: Record<Family, Record<string, unknown>> = {
  gbdt: { trees: 80, maxDepth: 4 },
  forest: { trees: 25 },
  linear: {},
  mlp: { hidden: [16], epochs: 30, learningRate: 0.01, dropout: 0, batchSize: 32 },
};

describe.each(['regression', 'binary'] as const)('permutation importance of every family (%s)', (task) => {
  const frame = planted(1200, task === 'regression' ? 1 : 2, task);
  it.each(['gbdt', 'forest', 'linear', 'mlp'] as Family[])('%s: the planted column first, the noise column near 0', async (family) => {
    const res = await trainModel(frame, { target: 'y', family, params: FAST[family], split: { kind: 'random', testFraction: 0.25, seed: 3 } });
    const perm = res.importanceViews!.permutation!;
    expect(perm.metric).toBe(task === 'regression' ? 'rmse' : 'accuracy');
    expect(perm.rows).toBe(300);
    // Input columns, not the one-hot levels the dense families see.
    expect(perm.items.map((i) => i.feature).sort()).toEqual(['city', 'noise', 'x']);
    expect(res.importance).toEqual(perm.items);
    const [top] = perm.items;
    const noise = perm.items.find((i) => i.feature === 'noise')!;
    expect(top.feature).toBe('city');
    expect(top.importance).toBeGreaterThan(task === 'regression' ? 2 : 0.15);
    expect(Math.abs(noise.importance)).toBeLessThan(0.05 * top.importance);
    expect(perm.items.find((i) => i.feature === 'x')!.importance).toBeGreaterThan(Math.abs(noise.importance));
  });
});

describe('the extra views', () => {
  const frame = planted(1200, 1, 'regression');
  const split = { kind: 'random' as const, testFraction: 0.25, seed: 3 };

  it('trees: gain per input column', async () => {
    for (const family of ['gbdt', 'forest'] as const) {
      const res = await trainModel(frame, { target: 'y', family, params: FAST[family], split });
      const gain = res.importanceViews!.gain!;
      expect(gain.map((g) => g.feature).sort()).toEqual(['city', 'noise', 'x']);
      expect(gain[0].feature).toBe('city');
      expect(gain.reduce((a, g) => a + g.importance, 0)).toBeCloseTo(1, 9);
      expect(res.importanceViews!.coefficients).toBeUndefined();
    }
  });

  it('linear: signed coefficients of the one-hot levels, each naming its source column', async () => {
    const res = await trainModel(frame, { target: 'y', family: 'linear', split });
    const coef = res.importanceViews!.coefficients!;
    expect(res.importanceViews!.gain).toBeUndefined();
    const of = (feature: string) => coef.find((c) => c.feature === feature)!;
    expect(of('city=d')).toMatchObject({ column: 'city', class: null });
    // Levels differ by their planted effects: d − e = 12, b − c = 6.
    expect(of('city=d').coefficient - of('city=e').coefficient).toBeCloseTo(12, 0);
    expect(of('city=b').coefficient - of('city=c').coefficient).toBeCloseTo(6, 0);
    // x is standardised: 1.5 per unit is about 1.5 · 0.577 per standard deviation, positive.
    expect(of('x').coefficient).toBeGreaterThan(0.7);
    expect(Math.abs(of('noise').coefficient)).toBeLessThan(0.1);
  });

  it('k-fold: permutation on the first fold’s held-out rows, gain of the refitted model', async () => {
    const res = await trainModel(frame, { target: 'y', family: 'gbdt', params: FAST.gbdt, split: { kind: 'kfold', k: 3, seed: 2 } });
    expect(res.importanceViews!.permutation!.rows).toBe(400);
    expect(res.importanceViews!.permutation!.items[0].feature).toBe('city');
    expect(res.importanceViews!.gain![0].feature).toBe('city');
  });
});
