import { describe, expect, it } from 'vitest';
import { shuffledTreePredictor } from './treeShuffle';
import { groupBySource } from './importance';
import { fitFamily, defaultPipelineOptions } from '../train/fitFamily';
import { fitPipeline } from '../pipeline/pipeline';
import { makeFrame, numericColumn, stringColumn } from '../frame/frame';
import { mulberry32 } from '../split/prng';

/** Three classes read from a categorical, a numeric with missing values and a date; plus noise. */
function frame(n: number) {
  const rand = mulberry32(5);
  const city: string[] = [], x: number[] = [], day: number[] = [], noise: number[] = [], y: number[] = [];
  for (let i = 0; i < n; i++) {
    const c = ['a', 'b', 'c', 'd'][Math.floor(rand() * 4)];
    const a = rand() < 0.1 ? NaN : rand() * 2 - 1;
    city.push(c);
    x.push(a);
    day.push(Date.UTC(2021, 0, 1) + Math.floor(rand() * 365) * 86_400_000);
    noise.push(rand());
    y.push((c === 'a' || c === 'b' ? 1 : 0) + (a > 0.3 ? 1 : 0));
  }
  return makeFrame([stringColumn('city', city), numericColumn('x', x), numericColumn('day', day, 'date'), numericColumn('noise', noise), numericColumn('y', y)]);
}

describe('tree ensembles re-scored after a shuffle', () => {
  const f = frame(600);
  const rows = Uint32Array.from({ length: 600 }, (_, i) => i);
  const pipeline = fitPipeline(f, rows, ['city', 'x', 'day', 'noise'], defaultPipelineOptions('gbdt'));
  const m = pipeline.transform(f);
  const y = Float64Array.from(f.columns[4].values as Float64Array);
  const groups = groupBySource(pipeline.featureSources);

  it.each([
    ['gbdt', 'regression', 0],
    ['gbdt', 'multiclass', 3],
    ['forest', 'multiclass', 3],
    ['forest', 'regression', 0],
  ] as const)('%s %s: the same predictions as walking every tree', async (family, task, K) => {
    const fit = await fitFamily(family, task, K, { X: m.data, nRows: m.rows, nCols: m.cols, y }, null, { trees: 30, seed: 1 }, pipeline, {});
    const model = fit.model;
    const predict = shuffledTreePredictor({ trees: model.trees!, ...model.treeSums! }, m.data, m.rows, m.cols, groups);
    const rand = mulberry32(2);
    expect(Array.from(predict(m.data, -1))).toEqual(Array.from(model.predict(m.data, m.rows)).map((v) => expect.closeTo(v, 9)));
    for (let g = 0; g < groups.length; g++) {
      // Shuffle the group's columns with one row order, as permutation importance does.
      const Xp = Float32Array.from(m.data);
      const order = Array.from({ length: m.rows }, (_, i) => i).sort(() => rand() - 0.5);
      for (const c of groups[g].columns) for (let r = 0; r < m.rows; r++) Xp[r * m.cols + c] = m.data[order[r] * m.cols + c];
      const fast = predict(Xp, g);
      const slow = model.predict(Xp, m.rows);
      for (let i = 0; i < slow.length; i++) expect(fast[i]).toBeCloseTo(slow[i], 9);
    }
  });
});
