import { describe, it, expect } from 'vitest';
import { gainImportance, permutationImportance } from './importance';
import { trainGbdt } from '../gbdt/train';
import { linearRegression } from '../testing/synthetic';
import { regressionMetrics } from '../metrics/regression';

describe('feature importance', () => {
  const d = linearRegression(1500, 31);
  const names = ['x0', 'x1', 'noise'];
  const { model } = trainGbdt(d, { trees: 40, maxDepth: 3 }, { featureNames: names });

  it('gain importance ranks the strongest feature first and sums to 1', () => {
    const imp = gainImportance(model.trees, names);
    expect(imp.map((i) => i.feature)).toEqual(['x0', 'x1', 'noise']);
    expect(imp.reduce((a, b) => a + b.importance, 0)).toBeCloseTo(1, 12);
  });

  it('permutation importance is seeded and ranks the informative features', () => {
    const score = (X: Float32Array) => regressionMetrics(d.y, model.predict(X, d.nRows)).r2;
    const a = permutationImportance(d.X, d.nRows, 3, names, score, { seed: 1, repeats: 2 });
    const b = permutationImportance(d.X, d.nRows, 3, names, score, { seed: 1, repeats: 2 });
    expect(a).toEqual(b);
    expect(a.map((i) => i.feature)).toEqual(['x0', 'x1', 'noise']);
    expect(a[0].importance).toBeGreaterThan(1);
    expect(Math.abs(a[2].importance)).toBeLessThan(0.05);
  });
});
