/**
 * Every tabular family's stored report holds permutation importance of the input columns, measured on held-out
 * rows, with the views its family adds: gain for trees, signed coefficients for linear.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coreFixture, importFile } from '../../../tests/helpers/core-fixture';
import { samplesDir } from '../datasets/samples';
import { mulberry32 } from '../../../models/split/prng';
import type { ArgsOf } from '../../../shared/api/contract';
import type { Family } from '../../../shared/families/index';

let fx: ReturnType<typeof coreFixture>;
let planted: string;
let housing: string;

/** 1,000 rows: `city` decides the label with `x`'s help; `noise` never does. */
function plantedCsv(file: string): void {
  const rand = mulberry32(11);
  const lines = ['city,x,noise,label'];
  for (let i = 0; i < 1000; i++) {
    const city = 'abcd'[Math.floor(rand() * 4)];
    const x = rand() * 2 - 1;
    const score = { a: -2, b: -0.5, c: 0.5, d: 2 }[city]! + x + 0.3 * (rand() - 0.5);
    lines.push(`${city},${x.toFixed(4)},${rand().toFixed(4)},${score > 0 ? 'yes' : 'no'}`);
  }
  fs.writeFileSync(file, lines.join('\n') + '\n');
}

beforeAll(async () => {
  fx = coreFixture();
  const file = path.join(fx.home, 'planted.csv');
  plantedCsv(file);
  planted = (await importFile(fx.core, { path: file })).id;
  housing = (await importFile(fx.core, { path: path.join(samplesDir(), 'california_housing/housing.csv') })).id;
});
afterAll(() => fx.close());

async function report(args: ArgsOf<'runs.start'>) {
  const { runId, jobId } = await fx.core.call('runs.start', args);
  await fx.core.jobResult('runs.train', jobId);
  return (await fx.core.call('runs.get', { id: runId })).report!;
}

const FAST: Record<string, Record<string, number | number[]>> = {
  gbdt: { trees: 60 }, forest: { trees: 20 }, linear: {}, mlp: { hidden: [16], epochs: 20, learningRate: 0.01, dropout: 0 },
};

describe('importance in the run report', () => {
  it.each(['gbdt', 'forest', 'linear', 'mlp'] as Family[])('%s: permutation of the input columns on the test rows, in accuracy', async (family) => {
    const r = await report({ dataset: planted, target: 'label', family, params: FAST[family] });
    expect(r.importanceKind).toBe('permutation');
    // 20 % of 1,000 rows held out; all of them fit the budget of 1 + 3 columns x 3 repeats passes.
    expect(r.permutation).toEqual({ metric: 'accuracy', rows: 200, repeats: 3 });
    expect(r.importance.map((i) => i.feature).sort()).toEqual(['city', 'noise', 'x']);
    expect(r.importance[0].feature).toBe('city');
    expect(r.importance[0].importance).toBeGreaterThan(0.1);
    expect(r.importance.every((i) => Number.isFinite(i.std) && i.std >= 0)).toBe(true);
    expect(r.gain !== undefined).toBe(family === 'gbdt' || family === 'forest');
    expect(r.coefficients !== undefined).toBe(family === 'linear');
    if (r.gain) expect(r.gain.map((g) => g.feature).sort()).toEqual(['city', 'noise', 'x']);
    if (r.coefficients) {
      // One-hot levels each name the column they come from and lean towards the second class ('yes', read as true).
      const d = r.coefficients.find((c) => c.feature === 'city=d')!;
      const a = r.coefficients.find((c) => c.feature === 'city=a')!;
      expect(d).toMatchObject({ column: 'city', class: String(r.classes![1]) });
      expect(d.coefficient).toBeGreaterThan(a.coefficient);
    }
  });

  it('California housing gbdt: RMSE increase on a bounded sample, the categorical as one column', async () => {
    const r = await report({ dataset: housing, target: 'median_house_value', params: { trees: 100 } });
    expect(r.permutation).toEqual({ metric: 'rmse', rows: 285, repeats: 3 });
    expect(r.importance).toHaveLength(9);
    expect(r.importance.map((i) => i.feature)).toContain('ocean_proximity');
    expect(r.importance.slice(0, 3).map((i) => i.feature)).toContain('median_income');
    expect(r.gain!.reduce((a, g) => a + g.importance, 0)).toBeCloseTo(1, 9);
  });
});
