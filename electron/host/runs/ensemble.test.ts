import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coreFixture, importCsvText } from '../../../tests/helpers/core-fixture';
import { gaussian, mulberry32 } from '../../../models/split/prng';
import type { ArgsOf } from '../../../shared/api/contract';

/** A nonlinear target that trees and a linear model each get partly right, a categorical column and a class. */
function csv(n: number): string {
  const rand = mulberry32(3);
  const lines = ['a,b,c,y,label'];
  for (let i = 0; i < n; i++) {
    const a = rand() * 2 - 1, b = rand() * 2 - 1, c = ['p', 'q', 'r'][i % 3];
    const y = 2 * a - b + Math.sin(3 * b) + (c === 'q' ? 0.8 : 0) + 0.3 * gaussian(rand);
    lines.push(`${a.toFixed(4)},${b.toFixed(4)},${c},${y.toFixed(4)},${y > 0 ? 'yes' : 'no'}`);
  }
  return lines.join('\n') + '\n';
}

let fx: ReturnType<typeof coreFixture>;
const runOf: Record<string, string> = {};

async function trainAndRegister(name: string, args: Partial<ArgsOf<'runs.start'>>) {
  const { runId, jobId } = await fx.core.call('runs.start', { dataset: 'synth', target: 'y', exclude: ['label'], ...args } as ArgsOf<'runs.start'>);
  expect((await fx.core.ctx.jobs.wait(jobId)).status).toBe('succeeded');
  await fx.core.call('models.register', { runId, name });
  runOf[name] = runId;
}

async function ensemble(args: ArgsOf<'models.ensemble'>) {
  const { jobId } = await fx.core.call('models.ensemble', args);
  return fx.core.jobResult('models.ensemble', jobId);
}

beforeAll(async () => {
  fx = coreFixture();
  await importCsvText(fx, 'synth', csv(500));
  await trainAndRegister('lin', { family: 'linear' });
  await trainAndRegister('gb', { family: 'gbdt', params: { trees: 30 } });
  await trainAndRegister('forest', { family: 'forest', params: { trees: 15 } });
  // Another seed holds out other rows.
  await trainAndRegister('gb-other', { family: 'gbdt', params: { trees: 30 }, seed: 7 });
  await trainAndRegister('cls', { family: 'linear', target: 'label', exclude: ['y'] });
}, 120_000);
afterAll(() => fx.close());

describe('ensembles of registered models', () => {
  it('mean, weighted and stacking are stored as runs, registered as versions, and score each member on the same rows', async () => {
    const memberRmse = async (name: string) => (await fx.core.call('runs.get', { id: runOf[name] })).metrics!.rmse;
    const expected = [await memberRmse('lin'), await memberRmse('gb')];
    const versions: string[] = [];
    for (const method of ['mean', 'weighted', 'stacking'] as const) {
      const r = await ensemble({ name: 'ens', members: ['lin@1.0.0', 'gb@1.0.0'], method });
      versions.push(r.version);
      expect(r.members.map((m) => m.ref)).toEqual(['lin@1.0.0', 'gb@1.0.0']);
      // A member's metric beside the ensemble is its own run's metric: the same held-out rows.
      r.members.forEach((m, i) => expect(m.metrics.rmse).toBeCloseTo(expected[i], 9));
      if (method === 'mean') expect(r.weights).toEqual([0.5, 0.5]);
      if (method === 'weighted') {
        expect(r.weights![0] + r.weights![1]).toBeCloseTo(1, 12);
        expect(r.metrics.rmse).toBeLessThanOrEqual(Math.min(...expected) + 1e-9);
      }
      if (method === 'stacking') expect(r.weights).toBeNull();
      const run = await fx.core.call('runs.get', { id: r.runId });
      expect(run).toMatchObject({ family: 'ensemble', status: 'succeeded', task: 'regression', target: 'y', datasetId: (await fx.core.call('runs.get', { id: runOf.lin })).datasetId });
      expect(run.params).toMatchObject({ members: ['lin@1.0.0', 'gb@1.0.0'], method, weights: r.weights });
      expect(run.metrics!.rmse).toBeCloseTo(r.metrics.rmse, 12);
    }
    expect(versions).toEqual(['1.0.0', '1.1.0', '1.2.0']);
    // Promote and roll back like any model.
    await fx.core.call('models.promote', { name: 'ens', version: '1.1.0', alias: 'production' });
    await fx.core.call('models.promote', { name: 'ens', version: '1.2.0', alias: 'production' });
    expect((await fx.core.call('models.rollback', { name: 'ens', alias: 'production' })).aliases.production).toBe('1.1.0');
    // An ensemble and a member scored on the same rows compare row by row.
    const ab = await fx.core.call('runs.compare', { a: runOf.gb, b: (await fx.core.call('models.get', { name: 'ens' })).versions.find((v) => v.version === '1.1.0')!.runId });
    expect(ab.metric).toBe('rmse');
    expect(ab.rows).toBe((await fx.core.call('runs.get', { id: runOf.gb })).report!.testRows);
  }, 120_000);

  it('refuses members that cannot combine, naming the member and why', async () => {
    await expect(ensemble({ name: 'bad', members: ['lin@1.0.0', 'gb-other@1.0.0'], method: 'weighted' })).rejects.toThrow(/'weighted' needs validation rows the members share: gb-other@1\.0\.0 and lin@1\.0\.0: their test rows differ/);
    await expect(ensemble({ name: 'bad', members: ['lin@1.0.0', 'cls@1.0.0'] })).rejects.toThrow(/cls@1\.0\.0 is a binary model but lin@1\.0\.0 is regression/);
    await expect(fx.core.call('models.ensemble', { name: 'bad', members: ['lin@1.0.0', 'nope@1.0.0'] })).rejects.toThrow(/Member nope@1\.0\.0: No model version 'nope@1\.0\.0'/);
    // mean still builds across splits, saying whose rows scored it.
    const r = await ensemble({ name: 'across', members: ['lin@1.0.0', 'gb-other@1.0.0'] });
    expect((await fx.core.call('runs.get', { id: r.runId })).report!.notes[0]).toMatch(/Scored on lin@1\.0\.0's held-out rows/);
  }, 60_000);

  it('a registered ensemble exports with parity, predicts a CSV and answers the explorer', async () => {
    const r = await ensemble({ name: 'trio', members: ['lin@1.0.0', 'gb@1.0.0', 'forest@1.0.0'], method: 'weighted' });
    const out = path.join(fx.home, 'bundle');
    const ex = await fx.core.call('models.export', { model: `trio@${r.version}`, outDir: out });
    expect(ex.parity.passed).toBe(true);
    expect(ex.parity.maxRel).toBeLessThan(1e-4);
    const manifest = JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ family: 'ensemble', ensemble: { method: 'weighted', weights: r.weights } });

    const input = path.join(fx.home, 'new.csv');
    fs.writeFileSync(input, 'a,b,c\n0.5,-0.2,q\n-0.7,0.9,p\n');
    const { jobId } = await fx.core.call('models.predict', { model: 'trio@1.0.0', input, out: path.join(fx.home, 'pred.csv') });
    const p = await fx.core.jobResult('models.predict', jobId);
    expect(p.rows).toBe(2);
    const lines = fs.readFileSync(p.out, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('a,b,c,predicted_y');

    const live = await fx.core.call('explorer.predict', { model: 'trio@1.0.0', rows: [{ a: 0.5, b: -0.2, c: 'q' }], explain: true });
    expect(live.predictions[0].value).toBeCloseTo(Number(lines[1].split(',')[3]), 5);
    expect(live.explanations).toBeNull();
    await expect(fx.core.call('explorer.pdp', { model: 'trio@1.0.0', column: 'a' })).rejects.toThrow(/partial dependence is not computed: explore its members \(lin@1\.0\.0, gb@1\.0\.0, forest@1\.0\.0\)/);
  }, 60_000);
});
