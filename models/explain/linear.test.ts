import { describe, it, expect } from 'vitest';
import { trainModel } from '../train/index';
import { makeFrame, numericColumn, stringColumn, takeRows, Frame } from '../frame/frame';
import { Pipeline } from '../pipeline/pipeline';
import { LinearModel, LinearModelJSON } from '../linear/linear';
import type { ModelArtifact } from '../train/types';
import { mulberry32 } from '../split/prng';
import { explain } from './index';
import { forTarget, mixedFrame } from './testFrames';

function margins(a: ModelArtifact, frame: Frame): Float64Array {
  const X = Pipeline.fromJSON(a.pipeline).transform(frame);
  return LinearModel.fromJSON(a.model as LinearModelJSON).predictRaw(X.data, X.rows);
}

describe('linear attributions', () => {
  it('are coefficient x (value - background mean) on a hand-checkable model', async () => {
    // y = 2 x1 + 3 [c = a] exactly; standardisation and one-hot must cancel out of the attributions.
    const rand = mulberry32(3);
    const x1: number[] = [], c: string[] = [], y: number[] = [];
    for (let i = 0; i < 300; i++) {
      x1.push(10 + 5 * rand());
      c.push(rand() < 0.3 ? 'a' : 'b');
      y.push(2 * x1[i] + (c[i] === 'a' ? 3 : 0));
    }
    const frame = makeFrame([numericColumn('x1', x1), stringColumn('c', c), numericColumn('y', y)]);
    const res = await trainModel(frame, { target: 'y', family: 'linear', params: { l2: 0 }, calibrationFraction: 0, split: { kind: 'random', testFraction: 0.2, seed: 1 } });
    const background = takeRows(frame, Array.from({ length: 100 }, (_, i) => i));
    const meanX = x1.slice(0, 100).reduce((s, v) => s + v, 0) / 100;
    const shareA = c.slice(0, 100).filter((v) => v === 'a').length / 100;
    const rows = takeRows(frame, [150, 151, 152, 153]);
    const ex = explain(res.artifact, rows, { background });
    expect(ex).toMatchObject({ method: 'linear', space: 'value', columns: ['x1', 'c'], outputs: 1, rows: 4 });
    expect(ex.base[0]).toBeCloseTo(2 * meanX + 3 * shareA, 4);
    for (let r = 0; r < 4; r++) {
      expect(ex.values[r * 2]).toBeCloseTo(2 * (x1[150 + r] - meanX), 4);
      expect(ex.values[r * 2 + 1]).toBeCloseTo(3 * ((c[150 + r] === 'a' ? 1 : 0) - shareA), 4);
    }
  });

  const frame = mixedFrame(800, 9);
  for (const [target, space, K] of [['y', 'value', 1], ['yes', 'log-odds', 1], ['kind', 'logit', 3]] as const) {
    it(`add up exactly to the ${space} (missing values, categories, dates)`, async () => {
      const res = await trainModel(forTarget(frame, target), { target, family: 'linear', calibrationFraction: 0, split: { kind: 'random', testFraction: 0.2, seed: 1 } });
      const rows = takeRows(frame, Array.from({ length: 50 }, (_, i) => i * 7));
      const ex = explain(res.artifact, rows, { background: takeRows(frame, Array.from({ length: 300 }, (_, i) => i)) });
      expect(ex.space).toBe(space);
      expect(ex.outputs).toBe(K);
      const m = margins(res.artifact, rows);
      const C = ex.columns.length;
      for (let r = 0; r < ex.rows; r++) {
        for (let k = 0; k < K; k++) {
          let s = ex.base[k];
          for (let c = 0; c < C; c++) s += ex.values[(r * K + k) * C + c];
          expect(Math.abs(s - m[r * K + k])).toBeLessThan(1e-9 * Math.max(1, Math.abs(m[r * K + k])));
        }
      }
      // The constant column carries no information: its standardised value never moves.
      const u = ex.columns.indexOf('u');
      for (let i = u; i < ex.values.length; i += C) expect(Math.abs(ex.values[i])).toBeLessThan(1e-9);
    });
  }

  it('default to the explained rows as background, so attributions average to zero', async () => {
    const res = await trainModel(forTarget(frame, 'y'), { target: 'y', family: 'linear', calibrationFraction: 0, split: { kind: 'random', testFraction: 0.2, seed: 1 } });
    const ex = explain(res.artifact, takeRows(frame, Array.from({ length: 40 }, (_, i) => i)));
    const C = ex.columns.length;
    for (let c = 0; c < C; c++) {
      let s = 0;
      for (let r = 0; r < ex.rows; r++) s += ex.values[r * C + c];
      expect(Math.abs(s / ex.rows)).toBeLessThan(1e-6);
    }
    expect(Math.max(...ex.values.map(Math.abs))).toBeGreaterThan(0.1);
  });
});
