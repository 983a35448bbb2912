import { describe, expect, it } from 'vitest';
import { trainGbdt } from './train';
import { leafIndex, leafIndices } from './tree';
import { mulberry32 } from '../split/prng';

/** Rows with missing values and a categorical column, so every branch of the rule is taken. */
function data(n: number) {
  const rand = mulberry32(7);
  const X = new Float32Array(n * 3), y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const a = rand(), b = rand(), cat = Math.floor(rand() * 5);
    X[i * 3] = rand() < 0.1 ? NaN : a;
    X[i * 3 + 1] = b;
    X[i * 3 + 2] = cat;
    y[i] = (Number.isNaN(X[i * 3]) ? 2 : a) + Math.sin(6 * b) + (cat === 3 ? 1.5 : 0) + 0.1 * rand();
  }
  return { X, y };
}

describe('leafIndices', () => {
  it.each([
    ['numeric trees', undefined],
    ['trees with category sets', [0, 0, 5]],
  ])('reaches the leaf leafIndex reaches, for every row (%s)', (_label, categoryCounts) => {
    const { X, y } = data(3000);
    const model = trainGbdt({ X, nRows: 3000, nCols: 3, y }, { trees: 20, earlyStopping: 'off' }, { categoryCounts }).model;
    if (categoryCounts) expect(model.trees.some((t) => t.isCategorical.includes(1))).toBe(true);
    expect(model.trees.some((t) => t.defaultLeft.includes(1))).toBe(true);
    const out = new Int32Array(3000);
    for (const tree of model.trees) {
      leafIndices(tree, X, 3, 3000, out);
      for (let r = 0; r < 3000; r++) if (out[r] !== leafIndex(tree, X, 3, r)) throw new Error(`row ${r}: ${out[r]} vs ${leafIndex(tree, X, 3, r)}`);
    }
  });
});
