import { describe, expect, it } from 'vitest';
import { trainGbdt } from './train';
import { leafIndex, leafIndices } from './tree';
import { packedLeafIndices } from './traverse';
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
    ['numeric trees', undefined, {}],
    ['trees with category sets', [0, 0, 5], {}],
    ['unbalanced leaf-wise trees', undefined, { growth: 'leafwise', maxDepth: 0, maxLeaves: 40 }],
  ] as const)('reaches the leaf leafIndex reaches, for every row (%s)', (_label, categoryCounts, params) => {
    const { X, y } = data(3001);
    const model = trainGbdt({ X, nRows: 3001, nCols: 3, y }, { trees: 20, earlyStopping: 'off', ...params }, { categoryCounts }).model;
    if (categoryCounts) expect(model.trees.some((t) => t.isCategorical.includes(1))).toBe(true);
    expect(model.trees.some((t) => t.defaultLeft.includes(1))).toBe(true);
    const out = new Int32Array(3001);
    for (const tree of model.trees) {
      leafIndices(tree, X, 3, 3001, out);
      for (let r = 0; r < 3001; r++) if (out[r] !== leafIndex(tree, X, 3, r)) throw new Error(`row ${r}: ${out[r]} vs ${leafIndex(tree, X, 3, r)}`);
    }
  });
});

describe('packedLeafIndices', () => {
  const { X, y } = data(101);
  const tree = trainGbdt({ X, nRows: 101, nCols: 3, y }, { trees: 1, earlyStopping: 'off' }).model.trees[0];

  it('walks trees as the builder writes them, four rows at a time and the rest one by one', () => {
    const out = new Int32Array(101);
    expect(packedLeafIndices(tree, X, 3, 101, out)).toBe(true);
    for (let r = 0; r < 101; r++) expect(out[r]).toBe(leafIndex(tree, X, 3, r));
  });

  it('declines a tree whose right child does not follow its left one', () => {
    const swapped = { ...tree, left: tree.right.slice(), right: tree.left.slice(), defaultLeft: tree.defaultLeft.map((d) => 1 - d), threshold: tree.threshold.slice() };
    expect(packedLeafIndices(swapped, X, 3, 101, new Int32Array(101))).toBe(false);
  });

  it('declines rows whose category code the masks cannot hold, and leafIndex still answers for them', () => {
    const cat = trainGbdt({ X, nRows: 101, nCols: 3, y }, { trees: 5, earlyStopping: 'off' }, { categoryCounts: [0, 0, 5] }).model.trees.find((t) => t.isCategorical.includes(1))!;
    const odd = X.slice();
    odd[2] = 40; // an unseen code in the first row
    expect(packedLeafIndices(cat, X, 3, 101, new Int32Array(101))).toBe(true);
    expect(packedLeafIndices(cat, odd, 3, 101, new Int32Array(101))).toBe(false);
    const out = leafIndices(cat, odd, 3, 101, new Int32Array(101));
    for (let r = 0; r < 101; r++) expect(out[r]).toBe(leafIndex(cat, odd, 3, r));
  });
});
