import { describe, it, expect } from 'vitest';
import { trainModel, loadModel, type ModelArtifact } from './index';
import { makeFrame, numericColumn, stringColumn, type Frame } from '../frame/frame';
import { mulberry32, gaussian } from '../split/prng';
import type { GbdtModelJSON } from '../gbdt/model';

/** y = sin(3 x1) + x2² - x3 + 2 [c = 'hi'] + noise: enough structure that 30 trees under-fit it. */
function frame(n: number, seed: number, names = ['x1', 'x2', 'x3']): Frame {
  const rand = mulberry32(seed);
  const cols: number[][] = [[], [], []];
  const c: string[] = [], y: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = [rand() * 2 - 1, rand() * 2 - 1, rand() * 2 - 1];
    x.forEach((v, j) => cols[j].push(v));
    const cat = ['lo', 'hi', 'mid'][i % 3];
    c.push(cat);
    y.push(Math.sin(3 * x[0]) + x[1] ** 2 - x[2] + (cat === 'hi' ? 2 : 0) + 0.1 * gaussian(rand));
  }
  return makeFrame([...names.map((name, j) => numericColumn(name, cols[j])), stringColumn('c', c), numericColumn('y', y)]);
}

const rmse = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] - b[i]) ** 2;
  return Math.sqrt(s / a.length);
};

const gbdt = { trees: 30, earlyStopping: 'on', earlyStoppingRounds: 10 };
const split = { kind: 'random' as const, testFraction: 0.2, seed: 1 };

async function champion(): Promise<ModelArtifact> {
  return (await trainModel(frame(2000, 1), { target: 'y', family: 'gbdt', params: gbdt, split })).artifact;
}

describe('continuing a run (warm start)', () => {
  it('gbdt continues boosting on new rows of the same distribution: the earlier trees are refitted, trees are added and the model does not get worse', async () => {
    const first = await champion();
    const next = await trainModel(frame(2000, 2), { target: 'y', family: 'gbdt', params: gbdt, split, warmStart: first });
    const before = (first.model as GbdtModelJSON).trees;
    const after = (next.artifact.model as GbdtModelJSON).trees;
    expect(after.length).toBeGreaterThan(before.length);
    // The earlier trees come first with their splits; their leaf values are refitted on the new rows.
    const splits = ({ feature, threshold, left, right }: GbdtModelJSON['trees'][number]) => ({ feature, threshold, left, right });
    expect(after.slice(0, before.length).map(splits)).toEqual(before.map(splits));
    expect((next.artifact.model as GbdtModelJSON).rounds).toBe(after.length);
    // The earlier pipeline is kept, so the old trees read the new rows in their own feature space.
    expect(next.artifact.pipeline).toEqual(first.pipeline);

    const held = frame(3000, 3);
    const y = held.columns.find((c) => c.name === 'y')!.values as Float64Array;
    const lossBefore = rmse(loadModel(first).predict(held).values, y);
    const lossAfter = rmse(loadModel(next.artifact).predict(held).values, y);
    expect(lossAfter).toBeLessThanOrEqual(lossBefore);
  });

  it("a continued gbdt's predictions on the old rows stay close to the earlier model's", async () => {
    const first = await champion();
    const next = await trainModel(frame(2000, 2), { target: 'y', family: 'gbdt', params: gbdt, split, warmStart: first });
    const old = frame(2000, 1);
    const y = old.columns.find((c) => c.name === 'y')!.values as Float64Array;
    const a = loadModel(first).predict(old).values;
    const b = loadModel(next.artifact).predict(old).values;
    let sd = 0;
    const mean = y.reduce((s, v) => s + v, 0) / y.length;
    for (const v of y) sd += (v - mean) ** 2;
    sd = Math.sqrt(sd / y.length);
    // The added trees correct what the first ones left; they do not move the old rows far.
    expect(rmse(a, b)).toBeLessThan(0.25 * sd);
  });

  it('refuses new rows whose feature columns differ, naming the column', async () => {
    const first = await champion();
    await expect(trainModel(frame(500, 2, ['x1', 'x2', 'x4']), { target: 'y', family: 'gbdt', params: gbdt, split, warmStart: first }))
      .rejects.toThrow(/no feature column 'x3'/);
    await expect(trainModel(frame(500, 2), { target: 'y', family: 'gbdt', params: gbdt, split, exclude: ['x2'], warmStart: first }))
      .rejects.toThrow(/'x2'/);
    await expect(trainModel(frame(500, 2), { target: 'y', family: 'forest', params: {}, split, warmStart: first }))
      .rejects.toThrow(/gbdt, this run is forest/);
  });

  it('refuses a class the earlier model never saw, naming it', async () => {
    const labels = (n: number, extra: boolean) => Array.from({ length: n }, (_, i) => (extra && i === 7 ? 'maybe' : i % 2 ? 'yes' : 'no'));
    const f = (extra: boolean) => makeFrame([numericColumn('x', Array.from({ length: 300 }, (_, i) => i % 2)), stringColumn('label', labels(300, extra))]);
    const first = (await trainModel(f(false), { target: 'label', task: 'binary', family: 'gbdt', params: gbdt, split })).artifact;
    await expect(trainModel(f(true), { target: 'label', task: 'binary', family: 'gbdt', params: gbdt, split, warmStart: first }))
      .rejects.toThrow(/'maybe'/);
  });

  it('mlp continues from its weights: a step too small to move them predicts as the earlier network did', async () => {
    const mlp = { hidden: [8], epochs: 2, batchSize: 64 };
    const first = (await trainModel(frame(300, 1), { target: 'y', family: 'mlp', params: mlp, split })).artifact;
    const next = await trainModel(frame(300, 2), { target: 'y', family: 'mlp', params: { ...mlp, epochs: 1, learningRate: 1e-9 }, split, warmStart: first });
    const rows = frame(200, 3);
    const a = loadModel(first).predict(rows).values;
    const b = loadModel(next.artifact).predict(rows).values;
    expect(rmse(a, b)).toBeLessThan(1e-3);
  });
});
