import { describe, expect, it } from 'vitest';
import { columnPermutationImportance, permutationRows, PERMUTATION_MAX_ROWS, PERMUTATION_MIN_ROWS, PERMUTATION_REPEATS } from './permutation';
import { gainImportance, groupBySource } from './importance';
import { linearCoefficients } from './coefficients';
import { mulberry32 } from '../split/prng';
import type { Tree } from '../gbdt/tree';

/** Rows of [city=a, city=b, city=c, x, noise]; y = 5 at city b, -5 at city c, plus x. */
function oneHotRows(n: number, seed: number) {
  const rand = mulberry32(seed);
  const X = new Float32Array(n * 5);
  const y = new Float64Array(n);
  for (let r = 0; r < n; r++) {
    const level = r % 3;
    X[r * 5 + level] = 1;
    X[r * 5 + 3] = rand() * 2 - 1;
    X[r * 5 + 4] = rand() * 2 - 1;
    y[r] = [0, 5, -5][level] + X[r * 5 + 3];
  }
  return { X, y, sources: ['city', 'city', 'city', 'x', 'noise'] };
}

/** The true function; it refuses a row whose one-hot block is not exactly one level, as independent shuffles would make. */
function predictOneHot(X: Float32Array, n: number): Float64Array {
  const out = new Float64Array(n);
  for (let r = 0; r < n; r++) {
    const a = X[r * 5], b = X[r * 5 + 1], c = X[r * 5 + 2];
    if (a + b + c !== 1) throw new Error(`row ${r} is not one-hot`);
    out[r] = 5 * b - 5 * c + X[r * 5 + 3];
  }
  return out;
}

describe('permutation importance on input columns', () => {
  it('shuffles a one-hot block as one column and reports input columns only', () => {
    const { X, y, sources } = oneHotRows(600, 1);
    const rep = columnPermutationImportance({ X, nRows: 600, nCols: 5, sources, y, task: 'regression', K: 0, predict: predictOneHot, seed: 3 });
    expect(rep.metric).toBe('rmse');
    expect(rep.rows).toBe(600);
    expect(rep.repeats).toBe(PERMUTATION_REPEATS);
    expect(rep.items.map((i) => i.feature)).toEqual(['city', 'x', 'noise']);
    // RMSE grows from 0 to about the spread of the city effect (sqrt(2/3 · 25 · 2 · 2/3)) when city is shuffled.
    expect(rep.items[0].importance).toBeGreaterThan(4);
    expect(rep.items[0].std).toBeGreaterThan(0);
    expect(rep.items[2]).toEqual({ feature: 'noise', importance: 0, std: 0 });
  });

  it('scores fewer rows as input columns grow, within fixed bounds', () => {
    // 8,000 predicted rows: 1 + 3 columns x 3 repeats passes of 800 rows.
    expect(permutationRows(3, 10_000)).toBe(800);
    expect(permutationRows(9, 10_000)).toBe(285);
    expect(permutationRows(1, 10_000)).toBe(PERMUTATION_MAX_ROWS);
    expect(permutationRows(200, 10_000)).toBe(PERMUTATION_MIN_ROWS);
    expect(permutationRows(3, 300)).toBe(300);
  });

  it('is seeded, and scores a bounded sample of the rows', () => {
    const { X, y, sources } = oneHotRows(3000, 2);
    const input = { X, nRows: 3000, nCols: 5, sources, y, task: 'regression' as const, K: 0, predict: predictOneHot, seed: 9 };
    const a = columnPermutationImportance(input);
    expect(a.rows).toBe(permutationRows(3, 3000));
    expect(columnPermutationImportance(input)).toEqual(a);
    expect(columnPermutationImportance({ ...input, seed: 10 })).not.toEqual(a);
  });

  it('classification: the drop in accuracy, for binary and multiclass outputs', () => {
    const { X, sources } = oneHotRows(900, 4);
    const level = Float64Array.from({ length: 900 }, (_, r) => r % 3);
    // Multiclass: n x 3 probabilities that follow the city; binary: P(city b).
    const multi = (Xp: Float32Array, n: number) => Float64Array.from({ length: n * 3 }, (_, i) => 0.1 + 0.8 * Xp[Math.floor(i / 3) * 5 + (i % 3)]);
    const binary = (Xp: Float32Array, n: number) => Float64Array.from({ length: n }, (_, r) => 0.1 + 0.8 * Xp[r * 5 + 1]);
    const m = columnPermutationImportance({ X, nRows: 900, nCols: 5, sources, y: level, task: 'multiclass', K: 3, predict: multi, seed: 1 });
    expect(m.metric).toBe('accuracy');
    expect(m.items[0].feature).toBe('city');
    // Accuracy falls from 1 to about 1/3.
    expect(m.items[0].importance).toBeGreaterThan(0.55);
    expect(m.items[0].importance).toBeLessThan(0.8);
    const isB = level.map((l) => (l === 1 ? 1 : 0));
    const b = columnPermutationImportance({ X, nRows: 900, nCols: 5, sources, y: isB, task: 'binary', K: 2, predict: binary, seed: 1 });
    expect(b.items[0].feature).toBe('city');
    expect(b.items[0].importance).toBeGreaterThan(0.3);
    expect(b.items.find((i) => i.feature === 'noise')!.importance).toBe(0);
  });
});

describe('grouping derived features by input column', () => {
  it('groups matrix columns by source in first-seen order', () => {
    expect(groupBySource(['d', 'd', 'c', 'c', 'c', 'x'])).toEqual([
      { name: 'd', columns: [0, 1] }, { name: 'c', columns: [2, 3, 4] }, { name: 'x', columns: [5] },
    ]);
  });

  it('gain sums a column’s derived features', () => {
    // One tree: a root split on feature 1 (gain 3) and a child split on feature 0 (gain 1).
    const tree = { feature: Int32Array.from([1, 0, 0, 0, 0]), left: Int32Array.from([1, 3, -1, -1, -1]), gain: Float64Array.from([3, 1, 0, 0, 0]) } as unknown as Tree;
    const names = ['day.month', 'day.weekday', 'x'];
    expect(gainImportance([tree], names, ['day', 'day', 'x'])).toEqual([
      { feature: 'day', importance: 1, std: 0 }, { feature: 'x', importance: 0, std: 0 },
    ]);
    expect(gainImportance([tree], names).map((i) => i.feature)).toEqual(['day.weekday', 'day.month', 'x']);
  });

  it('coefficients keep their sign and name the source column and class', () => {
    const names = ['city=a', 'city=b', 'x'];
    const sources = ['city', 'city', 'x'];
    const logistic = { format: 'lathe-linear' as const, version: 1 as const, kind: 'logistic' as const, nFeatures: 3, outputs: 1, weights: [-2, 0.5, 1], intercept: [0] };
    expect(linearCoefficients(logistic, names, sources, ['no', 'yes'])).toEqual([
      { feature: 'city=a', column: 'city', class: 'yes', coefficient: -2 },
      { feature: 'x', column: 'x', class: 'yes', coefficient: 1 },
      { feature: 'city=b', column: 'city', class: 'yes', coefficient: 0.5 },
    ]);
    const multi = { ...logistic, kind: 'multinomial' as const, outputs: 2, weights: [1, 0, 0, 0, -3, 0], intercept: [0, 0] };
    expect(linearCoefficients(multi, names, sources, ['red', 'blue']).slice(0, 2)).toEqual([
      { feature: 'city=b', column: 'city', class: 'blue', coefficient: -3 },
      { feature: 'city=a', column: 'city', class: 'red', coefficient: 1 },
    ]);
    const ridge = { ...logistic, kind: 'ridge' as const };
    expect(linearCoefficients(ridge, names, sources, null)[0].class).toBeNull();
  });
});
