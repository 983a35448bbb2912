import { describe, it, expect } from 'vitest';
import * as ort from 'onnxruntime-node';
import { trainGbdt } from './train';
import { refitLeaves, refitWithMargins } from './refit';
import { GbdtModel } from './model';
import { leafIndex } from './tree';
import { mulberry32, gaussian } from '../split/prng';
import { trainModel, loadModel } from '../train/index';
import { makeFrame, numericColumn, type Frame } from '../frame/frame';
import { exportOnnx } from '../export/onnx/index';
import { checkParity, type OnnxRun } from '../export/onnx/parity';

/** y = 2 x0 - x1 + shift: new data moves the target by `shift`, which refitted leaves must follow. */
function data(n: number, seed: number, shift: number) {
  const rand = mulberry32(seed);
  const X = new Float32Array(n * 2), y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    X[2 * i] = rand() * 2 - 1;
    X[2 * i + 1] = rand() * 2 - 1;
    y[i] = 2 * X[2 * i] - X[2 * i + 1] + shift + 0.05 * gaussian(rand);
  }
  return { X, y, nRows: n, nCols: 2 };
}

const mse = (m: GbdtModel, d: ReturnType<typeof data>) => {
  const p = m.predict(d.X, d.nRows);
  let s = 0;
  for (let i = 0; i < d.nRows; i++) s += (p[i] - d.y[i]) ** 2;
  return s / d.nRows;
};

const params = { trees: 20, learningRate: 0.3, maxDepth: 3, l2: 1, earlyStopping: 'off' as const, seed: 1 };

describe('refitLeaves', () => {
  const old = trainGbdt(data(800, 1, 0), params).model;
  const fresh = data(800, 2, 1.5);

  it('takes the Newton step of the new rows when nothing of the old value is kept, tree by tree', () => {
    const refit = refitLeaves(old, fresh.X, fresh.nRows, fresh.y, { decay: 0, learningRate: 0.3, l2: 1 });
    // The first tree's leaves start from the base score: each is -G/(H + l2) · lr over the rows reaching it.
    const t0 = old.trees[0];
    const G = new Map<number, number>(), H = new Map<number, number>();
    for (let r = 0; r < fresh.nRows; r++) {
      const l = leafIndex(t0, fresh.X, 2, r);
      G.set(l, (G.get(l) ?? 0) + old.baseScore[0] - fresh.y[r]);
      H.set(l, (H.get(l) ?? 0) + 1);
    }
    expect(G.size).toBeGreaterThan(1);
    for (const [l, g] of G) expect(refit.trees[0].value[l]).toBeCloseTo((0.3 * -g) / (H.get(l)! + 1), 10);
    // Structure and thresholds stay; the given model is not changed.
    expect(refit.trees[0].threshold).toEqual(t0.threshold);
    expect(old.trees[0].value).not.toEqual(refit.trees[0].value);
  });

  it('moves leaf values toward the new rows: a smaller decay fits them better, decay 1 keeps the model', () => {
    const at = (decay: number) => refitLeaves(old, fresh.X, fresh.nRows, fresh.y, { decay, learningRate: 0.3, l2: 1 });
    const losses = [1, 0.9, 0.5, 0].map((d) => mse(at(d), fresh));
    expect(losses[0]).toBeCloseTo(mse(old, fresh), 12);
    for (let i = 1; i < losses.length; i++) expect(losses[i]).toBeLessThan(losses[i - 1]);
    // The margins it hands to boosting are the refitted model's own, bit for bit.
    const withMargins = refitWithMargins(old, fresh.X, fresh.nRows, fresh.y, { decay: 0.5, learningRate: 0.3, l2: 1 });
    expect(withMargins.margins).toEqual(withMargins.model.predictRaw(fresh.X, fresh.nRows));
    const p = at(0.5).predict(fresh.X, fresh.nRows);
    expect(p.every(Number.isFinite)).toBe(true);
    // Blending is per leaf: with decay d the first tree (whose step sees the same margins) is d·old + (1 − d)·step.
    const a = old.trees[0].value, b = at(0).trees[0].value, c = at(0.5).trees[0].value;
    const t = old.trees[0];
    for (let node = 0; node < a.length; node++) if (t.left[node] < 0) expect(c[node]).toBeCloseTo(0.5 * a[node] + 0.5 * b[node], 10);
  });

  it('refits logloss and softmax models to finite predictions and refuses a decay outside [0, 1]', () => {
    const d = data(600, 3, 0);
    const yBin = d.y.map((v) => (v > 0 ? 1 : 0));
    const yMulti = d.y.map((v) => (v < -0.5 ? 0 : v < 0.5 ? 1 : 2));
    const bin = trainGbdt({ ...d, y: yBin }, { ...params, loss: 'logloss' }).model;
    const multi = trainGbdt({ ...d, y: yMulti }, { ...params, loss: 'softmax' }).model;
    const e = data(600, 4, 0.5);
    const flip = e.y.map((v) => (v > 0 ? 1 : 0));
    const rb = refitLeaves(bin, e.X, e.nRows, flip, { decay: 0.2, learningRate: 0.3, l2: 1 });
    const rm = refitLeaves(multi, e.X, e.nRows, e.y.map((v) => (v < -0.5 ? 0 : v < 0.5 ? 1 : 2)), { decay: 0.2, learningRate: 0.3, l2: 1 });
    expect(rb.predict(e.X, e.nRows).every(Number.isFinite)).toBe(true);
    expect(rm.predict(e.X, e.nRows).every(Number.isFinite)).toBe(true);
    expect(() => refitLeaves(bin, e.X, e.nRows, flip, { decay: 1.5, learningRate: 0.3, l2: 1 })).toThrow(/within \[0, 1\], got 1.5/);
  });
});

function frameOf(d: ReturnType<typeof data>): Frame {
  const col = (j: number) => Array.from({ length: d.nRows }, (_, i) => d.X[2 * i + j]);
  return makeFrame([numericColumn('a', col(0)), numericColumn('b', col(1)), numericColumn('y', Array.from(d.y))]);
}

describe('a continued gbdt run (refitted leaves, then new trees)', () => {
  it('stores a model that loads, predicts finite values and exports to ONNX with parity', async () => {
    const spec = { target: 'y', family: 'gbdt' as const, params: { trees: 30, maxDepth: 3 }, split: { kind: 'random' as const, testFraction: 0.2, seed: 1 } };
    const first = (await trainModel(frameOf(data(1500, 5, 0)), spec)).artifact;
    const newer = frameOf(data(1500, 6, 1));
    const next = (await trainModel(newer, { ...spec, warmStart: first })).artifact;
    const stored = loadModel(JSON.parse(JSON.stringify(next)));
    const p = stored.predict(newer).values;
    expect(Array.from(p).every(Number.isFinite)).toBe(true);
    // The refit follows the shifted target: the continued model is closer to the new rows than the first one.
    const y = newer.columns[2].values as Float64Array;
    const err = (v: ArrayLike<number>) => Array.from(v).reduce((s, x, i) => s + (x - y[i]) ** 2, 0);
    expect(err(p)).toBeLessThan(err(loadModel(first).predict(newer).values));

    const ex = exportOnnx(next);
    const s = await ort.InferenceSession.create(ex.bytes);
    const run: OnnxRun = async (feeds) => {
      const tensors: Record<string, ort.Tensor> = {};
      for (const [name, f] of Object.entries(feeds)) tensors[name] = new ort.Tensor(f.type, f.data, f.dims);
      return (await s.run(tensors)) as Record<string, { data: ArrayLike<unknown> }>;
    };
    const report = await checkParity(next, ex, newer, run);
    expect(report.rows).toBe(1500);
    expect(report.maxRel).toBeLessThanOrEqual(1e-4);
  });
});
