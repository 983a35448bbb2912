import { describe, it, expect } from 'vitest';
import * as ort from 'onnxruntime-node';
import { addTreePredictions, treeFromJSON, type TreeJSON } from '../../gbdt/tree';
import { mulberry32 } from '../../split/prng';
import { GraphBuilder, attr } from './proto';
import { treeEnsemble } from './trees';

/** Flat tree from [feature, threshold, left, right, defaultLeft, categories | null, value] rows. */
function tree(nodes: [number, number, number, number, number, number[] | null, number][]): TreeJSON {
  const j: TreeJSON = { feature: [], threshold: [], left: [], right: [], defaultLeft: [], isCategorical: [], value: [], gain: [], cover: [], catStart: [], catCount: [], catValues: [] };
  for (const [f, t, l, r, d, cats, v] of nodes) {
    j.feature.push(f); j.threshold.push(Math.fround(t)); j.left.push(l); j.right.push(r); j.defaultLeft.push(d);
    j.isCategorical.push(cats ? 1 : 0); j.value.push(v); j.gain.push(0); j.cover.push(0);
    j.catStart.push(j.catValues.length); j.catCount.push(cats ? cats.length : 0);
    if (cats) j.catValues.push(...cats);
  }
  return j;
}

const trees: TreeJSON[] = [
  // A lone leaf.
  tree([[-1, 0, -1, -1, 0, null, 0.125]]),
  // Categorical set split (missing goes left) above a numeric split (missing goes right).
  tree([
    [1, 0, 1, 2, 1, [0, 3, 5], 0],
    [0, 0.25, 3, 4, 0, null, 0],
    [-1, 0, -1, -1, 0, null, -2.5],
    [-1, 0, -1, -1, 0, null, 1.75],
    [-1, 0, -1, -1, 0, null, 1e-9],
  ]),
  // Single-category set with missing going right, and an empty set.
  tree([
    [1, 0, 1, 2, 0, [2], 0],
    [-1, 0, -1, -1, 0, null, 1e6],
    [1, 0, 3, 4, 1, [], 0],
    [-1, 0, -1, -1, 0, null, -3],
    [-1, 0, -1, -1, 0, null, 7],
  ]),
];

describe('tree ensemble conversion', () => {
  it('routes numeric, categorical, missing and lone-leaf trees exactly like tree.ts', async () => {
    const rand = mulberry32(9);
    const n = 400, F = 2;
    const X = new Float32Array(n * F);
    for (let r = 0; r < n; r++) {
      X[r * F] = r % 17 === 0 ? NaN : r % 29 === 0 ? 0.25 : rand() * 2 - 1;
      X[r * F + 1] = r % 13 === 0 ? NaN : Math.floor(rand() * 7);
    }
    for (const outputs of [1, 3]) {
      const base = [0.5, -1, 2].slice(0, outputs);
      const g = new GraphBuilder();
      g.input('x', 'float', ['N', F]);
      const y = treeEnsemble(g, g.op('Cast', ['x'], { to: attr.int(11) }), { trees, numOutputs: outputs, baseValues: base, leafDivisor: 1, nFeatures: F });
      g.op('Identity', [y], {}, { out: 'y' });
      g.output('y', 'float', ['N', outputs]);
      const s = await ort.InferenceSession.create(g.encode('trees', ''));
      const got = (await s.run({ x: new ort.Tensor('float32', X, [n, F]) })).y.data as Float32Array;
      const want = new Float64Array(n * outputs);
      for (let r = 0; r < n; r++) for (let k = 0; k < outputs; k++) want[r * outputs + k] = base[k];
      trees.forEach((t, i) => addTreePredictions(treeFromJSON(t), X, n, F, want, outputs, i % outputs));
      expect(Array.from(got)).toEqual(Array.from(want, Math.fround));
    }
  });
});
