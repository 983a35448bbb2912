import { describe, it, expect } from 'vitest';
import { trainModel } from '../train/index';
import type { Family, ModelArtifact } from '../train/types';
import { Frame, makeFrame, numericColumn, stringColumn, takeRows } from '../frame/frame';
import { Pipeline } from '../pipeline/pipeline';
import { GbdtModel, GbdtModelJSON } from '../gbdt/model';
import { ForestModel, ForestModelJSON } from '../forest/forest';
import type { Tree } from '../gbdt/tree';
import { mulberry32 } from '../split/prng';
import { explain, explainMethodOf } from './index';
import { featureSourceColumns } from './featureColumns';
import { treeEnsembleShap } from './treeEnsemble';
import { forTarget, mixedFrame } from './testFrames';

/**
 * Brute force, independent of the EXTEND/UNWIND code: v(S) is the path-dependent conditional
 * expectation ("EXPVALUE"): at a node split on a column in S follow x's branch, otherwise
 * average both children weighted by their covers; then the Shapley formula over all subsets.
 */
function expValue(tree: Tree, x: Float32Array, colOf: Int32Array, inS: (c: number) => boolean, n = 0): number {
  const l = tree.left[n], r = tree.right[n];
  if (l < 0) return tree.value[n];
  if (inS(colOf[tree.feature[n]])) {
    const v = x[tree.feature[n]];
    let left: boolean;
    if (Number.isNaN(v)) left = tree.defaultLeft[n] === 1;
    else if (tree.isCategorical[n]) left = Array.from(tree.catValues.subarray(tree.catStart[n], tree.catStart[n] + tree.catCount[n])).includes(v);
    else left = v < tree.threshold[n];
    return expValue(tree, x, colOf, inS, left ? l : r);
  }
  const wl = tree.cover[l], wr = tree.cover[r];
  return (wl * expValue(tree, x, colOf, inS, l) + wr * expValue(tree, x, colOf, inS, r)) / (wl + wr);
}

function bruteForceShapley(
  trees: Tree[], K: number, offset: ArrayLike<number>, scale: number, x: Float32Array, colOf: Int32Array, C: number,
): { base: number[]; phi: number[][] } {
  const fact = (m: number): number => (m <= 1 ? 1 : m * fact(m - 1));
  const v = (mask: number, k: number) => {
    let s = offset[k];
    for (let t = k; t < trees.length; t += K) s += scale * expValue(trees[t], x, colOf, (c) => ((mask >> c) & 1) === 1);
    return s;
  };
  const phi = Array.from({ length: K }, () => new Array<number>(C).fill(0));
  for (let k = 0; k < K; k++) {
    for (let mask = 0; mask < 1 << C; mask++) {
      const size = popcount(mask);
      const vS = v(mask, k);
      for (let c = 0; c < C; c++) {
        if ((mask >> c) & 1) continue;
        phi[k][c] += ((fact(size) * fact(C - size - 1)) / fact(C)) * (v(mask | (1 << c), k) - vS);
      }
    }
  }
  return { base: Array.from({ length: K }, (_, k) => v(0, k)), phi };
}

function popcount(m: number): number {
  let c = 0;
  for (; m; m &= m - 1) c++;
  return c;
}

interface Ensemble { trees: Tree[]; K: number; offset: number[]; scale: number }

function ensembleOf(a: ModelArtifact): Ensemble {
  if (a.family === 'gbdt') {
    const m = GbdtModel.fromJSON(a.model as GbdtModelJSON);
    return { trees: m.trees, K: m.numOutputs, offset: m.baseScore, scale: 1 };
  }
  const m = ForestModel.fromJSON(a.model as ForestModelJSON);
  return { trees: m.trees, K: m.outputs, offset: new Array(m.outputs).fill(0), scale: m.outputs / m.trees.length };
}

/** Margins (gbdt) or tree averages before any per-row renormalisation (forest). */
function rawOutputs(a: ModelArtifact, frame: Frame): Float64Array {
  const X = Pipeline.fromJSON(a.pipeline).transform(frame);
  if (a.family === 'gbdt') return GbdtModel.fromJSON(a.model as GbdtModelJSON).predictRaw(X.data, X.rows);
  const { trees, K, scale } = ensembleOf(a);
  const out = new Float64Array(X.rows * K);
  for (let r = 0; r < X.rows; r++) {
    for (let t = 0; t < trees.length; t++) {
      let n = 0;
      const tree = trees[t];
      while (tree.left[n] >= 0) {
        const v = X.data[r * X.cols + tree.feature[n]];
        const catHit = Array.from(tree.catValues.subarray(tree.catStart[n], tree.catStart[n] + tree.catCount[n])).includes(v);
        const left = Number.isNaN(v) ? tree.defaultLeft[n] === 1 : tree.isCategorical[n] ? catHit : v < tree.threshold[n];
        n = left ? tree.left[n] : tree.right[n];
      }
      out[r * K + (t % K)] += scale * tree.value[n];
    }
  }
  return out;
}

function normalisedForest(a: ModelArtifact, frame: Frame): Float64Array {
  const X = Pipeline.fromJSON(a.pipeline).transform(frame);
  return ForestModel.fromJSON(a.model as ForestModelJSON).predict(X.data, X.rows);
}

const frame = mixedFrame(500, 11);
const explained = takeRows(frame, Array.from({ length: 12 }, (_, i) => i * 37));
// Force a few of the awkward inputs into the explained rows: missing x1 and missing / unseen categories.
(explained.columns[0].values as Float64Array)[0] = NaN;
(explained.columns[2].values as (string | null)[])[1] = null;
(explained.columns[2].values as (string | null)[])[2] = 'never-seen';

const smallParams: Record<'gbdt' | 'forest', Record<string, unknown>> = {
  gbdt: { trees: 12, maxDepth: 4, learningRate: 0.3 },
  forest: { trees: 8, maxDepth: 5 },
};

async function train(family: Family, target: string, params: Record<string, unknown>): Promise<ModelArtifact> {
  const res = await trainModel(forTarget(frame, target), {
    target, family, params, seed: 3, calibrationFraction: 0, split: { kind: 'random', testFraction: 0.2, seed: 1 },
  });
  return res.artifact;
}

describe('TreeSHAP equals brute-force Shapley values over the input columns', () => {
  const cases: [Family, string, number][] = [
    ['gbdt', 'y', 1], ['gbdt', 'yes', 1], ['gbdt', 'kind', 3],
    ['forest', 'y', 1], ['forest', 'yes', 1],
  ];
  for (const [family, target, K] of cases) {
    it(`${family} ${target}`, async () => {
      const a = await train(family, target, smallParams[family as 'gbdt' | 'forest']);
      const ex = explain(a, explained);
      expect(ex.method).toBe('treeshap');
      expect(ex.space).toBe(explainMethodOf(a).space);
      expect(ex.columns).toEqual(['x1', 'x2', 'c', 'd', 'u']);
      expect(ex.outputs).toBe(K);
      const C = ex.columns.length;
      const pipe = Pipeline.fromJSON(a.pipeline);
      const colOf = featureSourceColumns(pipe, a.features);
      const X = pipe.transform(explained);
      const { trees, offset, scale } = ensembleOf(a);
      for (let r = 0; r < ex.rows; r++) {
        const x = X.data.subarray(r * X.cols, (r + 1) * X.cols);
        const bf = bruteForceShapley(trees, K, offset, scale, x, colOf, C);
        for (let k = 0; k < K; k++) {
          expect(ex.base[k]).toBeCloseTo(bf.base[k], 10);
          for (let c = 0; c < C; c++) expect(ex.values[(r * K + k) * C + c]).toBeCloseTo(bf.phi[k][c], 10);
        }
      }
      // The constant column is never split on, so it gets exactly zero.
      for (let i = 4; i < ex.values.length; i += C) expect(ex.values[i]).toBe(0);
      // Some attribution is non-trivial (the comparison above is not between zeros).
      expect(Math.max(...ex.values.map(Math.abs))).toBeGreaterThan(0.05);
    });
  }

  it('forest multiclass: exact on the tree averages, and matches the renormalised probabilities', async () => {
    const a = await train('forest', 'kind', smallParams.forest);
    const { trees, K, offset, scale } = ensembleOf(a);
    expect(K).toBe(3);
    const pipe = Pipeline.fromJSON(a.pipeline);
    const colOf = featureSourceColumns(pipe, a.features);
    const X = pipe.transform(explained);
    const C = a.features.length;
    const raw = treeEnsembleShap(trees, K, offset, scale, X.data, X.rows, X.cols, colOf, C);
    for (let r = 0; r < X.rows; r++) {
      const bf = bruteForceShapley(trees, K, offset, scale, X.data.subarray(r * X.cols, (r + 1) * X.cols), colOf, C);
      for (let k = 0; k < K; k++) for (let c = 0; c < C; c++) expect(raw.values[(r * K + k) * C + c]).toBeCloseTo(bf.phi[k][c], 10);
    }
    const ex = explain(a, explained);
    expect(ex.space).toBe('probability');
    const p = ForestModel.fromJSON(a.model as ForestModelJSON).predict(X.data, X.rows);
    expectEfficiency(ex.base, ex.values, p, ex.rows, K, C, 1e-12);
    // Probabilities sum to 1 for every row, so bases sum to 1 and each column's attributions to 0 over the classes.
    expect(ex.base.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
    for (let r = 0; r < ex.rows; r++) {
      for (let c = 0; c < C; c++) {
        let s = 0;
        for (let k = 0; k < K; k++) s += ex.values[(r * K + k) * C + c];
        expect(Math.abs(s)).toBeLessThan(1e-12);
      }
    }
    for (let i = 4; i < ex.values.length; i += C) expect(ex.values[i]).toBe(0);
  });
});

function expectEfficiency(base: Float64Array, values: Float64Array, out: Float64Array, rows: number, K: number, C: number, rel: number): void {
  let worst = 0;
  for (let r = 0; r < rows; r++) {
    for (let k = 0; k < K; k++) {
      let s = base[k];
      for (let c = 0; c < C; c++) s += values[(r * K + k) * C + c];
      worst = Math.max(worst, Math.abs(s - out[r * K + k]) / Math.max(1, Math.abs(out[r * K + k])));
    }
  }
  expect(worst).toBeLessThan(rel);
}

describe('TreeSHAP efficiency on larger models', () => {
  const big = mixedFrame(3000, 5);
  const rows = takeRows(big, Array.from({ length: 200 }, (_, i) => i * 13));
  const cases: [string, Family, string, Record<string, unknown>][] = [
    ['gbdt regression, 100 trees depth 6', 'gbdt', 'y', { trees: 100, maxDepth: 6 }],
    ['gbdt multiclass, leafwise with unlimited depth', 'gbdt', 'kind', { trees: 30, growth: 'leafwise', maxLeaves: 48, maxDepth: 0 }],
    ['forest binary, deep trees', 'forest', 'yes', { trees: 30, maxDepth: 16 }],
    ['forest multiclass, deep trees (renormalised)', 'forest', 'kind', { trees: 20, maxDepth: 16 }],
  ];
  for (const [name, family, target, params] of cases) {
    it(name, async () => {
      const res = await trainModel(forTarget(big, target), {
        target, family, params, calibrationFraction: 0, split: { kind: 'random', testFraction: 0.1, seed: 2 },
      });
      const a = res.artifact;
      const ex = explain(a, rows);
      const out = a.family === 'forest' && ex.outputs > 1 ? normalisedForest(a, rows) : rawOutputs(a, rows);
      expectEfficiency(ex.base, ex.values, out, ex.rows, ex.outputs, ex.columns.length, 1e-9);
      const uIndex = ex.columns.indexOf('u');
      for (let i = uIndex; i < ex.values.length; i += ex.columns.length) expect(ex.values[i]).toBe(0);
    });
  }

  it('groups a tf-idf text column into one player', async () => {
    const rand = mulberry32(4);
    const words = ['good', 'bad', 'plot', 'actor', 'great', 'awful', 'the'];
    const text: string[] = [], x: number[] = [], y: number[] = [];
    for (let i = 0; i < 600; i++) {
      const doc = Array.from({ length: 4 }, () => words[Math.floor(rand() * words.length)]);
      text.push(doc.join(' '));
      x.push(rand());
      y.push(x[i] + doc.filter((w) => w === 'good' || w === 'great').length - doc.filter((w) => w === 'bad' || w === 'awful').length);
    }
    const f = makeFrame([stringColumn('review', text, 'text'), numericColumn('x', x), numericColumn('y', y)]);
    const res = await trainModel(f, { target: 'y', family: 'gbdt', params: { trees: 40 }, calibrationFraction: 0, split: { kind: 'random', testFraction: 0.2, seed: 1 } });
    const ex = explain(res.artifact, takeRows(f, [0, 1, 2, 3, 4]));
    expect(ex.columns).toEqual(['review', 'x']);
    expect(Pipeline.fromJSON(res.artifact.pipeline).featureCount).toBeGreaterThan(3);
    expectEfficiency(ex.base, ex.values, rawOutputs(res.artifact, takeRows(f, [0, 1, 2, 3, 4])), 5, 1, 2, 1e-9);
  });
});
