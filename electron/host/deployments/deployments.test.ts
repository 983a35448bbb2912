import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coreFixture, importCsvText } from '../../../tests/helpers/core-fixture';
import { writeAbLogs, writeCanaryLogs, type FixtureRow } from '../../../tests/helpers/serving-logs';
import { regressionMetrics } from '../../../models/metrics/regression';
import type { RunPredictionsDto } from '../../../shared/api/runs-dto';

let fx: ReturnType<typeof coreFixture>;
const runs: string[] = [];
let preds: RunPredictionsDto[] = [];

/** A smooth regression with noise: linear and gbdt score differently on the same held-out rows. */
function csv(n: number): string {
  const lines = ['x,z,y'];
  for (let i = 0; i < n; i++) {
    const x = ((i * 7919) % 1000) / 100;
    const z = ((i * 104729) % 997) / 99.7;
    lines.push(`${x},${z},${(Math.sin(x) * 3 + 0.5 * z + (((i * 31) % 17) - 8) / 8).toFixed(4)}`);
  }
  return lines.join('\n');
}

const count = (table: string) => (fx.core.ctx.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;

/** The two runs' held-out predictions as a canary's rows: linear is stable, gbdt the candidate. */
const pairedRows = (): FixtureRow[] => preds[0].rows.map((_, i) => ({ actual: preds[0].actual[i], stable: preds[0].values[i], candidate: preds[1].values[i] }));

beforeAll(async () => {
  fx = coreFixture();
  await importCsvText(fx, 'curve', csv(1200));
  for (const family of ['linear', 'gbdt'] as const) {
    const { runId, jobId } = await fx.core.call('runs.start', { dataset: 'curve', target: 'y', family, params: family === 'gbdt' ? { trees: 40 } : {} });
    await fx.core.jobResult('runs.train', jobId);
    runs.push(runId);
  }
  preds = runs.map((r) => fx.core.ctx.repos.runs.artifact<RunPredictionsDto>(r, 'predictions')!);
  await fx.core.call('models.register', { runId: runs[0], name: 'curve' });
  await fx.core.call('models.register', { runId: runs[1], name: 'curve' });
  await fx.core.call('models.promote', { name: 'curve', version: '1.0.0', alias: 'production' });
}, 120_000);
afterAll(() => fx.close());

describe('deployments import', () => {
  it('stores traffic, windows with intervals, the canary timeline and writes the rollback into the alias history', async () => {
    const dir = path.join(fx.home, 'canary-logs');
    writeCanaryLogs(dir, pairedRows(), { stable: '1.0.0', candidate: '1.1.0', advanceAt: 60, rollbackAt: 150 });
    const r = await fx.core.call('deployments.import', { dir, name: 'canary', model: 'curve', windowS: 30 });
    expect(r).toMatchObject({ unchanged: false, files: 3, aliasMoves: 1 });
    expect(r.deployment).toMatchObject({ policy: 'canary', outcome: 'rolled-back', versions: ['1.0.0', '1.1.0'], requests: preds[0].rows.length });

    const d = await fx.core.call('deployments.get', { id: 'canary' });
    expect(d.timeline.map((s) => [s.action, s.traffic.candidate])).toEqual([['advance', 50], ['rollback', 0]]);
    expect(d.timeline[1].aliasMove).toEqual({ alias: 'production', from: '1.1.0', to: '1.0.0' });
    expect(d.timeline[1].evidence.checks.find((c) => c.name === 'metric')?.status).toBe('fail');
    // Before the advance the candidate answers 10 % of requests, after it 50 %, after the rollback none.
    const share = (start: number) => d.windows.find((w) => w.version === '1.1.0' && Date.parse(w.start) === Date.parse('2026-11-30T09:00:00Z') + start * 1000)?.share;
    expect(share(0)).toBeCloseTo(0.1, 5);
    expect(share(90)).toBeCloseTo(0.5, 5);
    expect(d.windows.some((w) => w.version === '1.1.0' && Date.parse(w.start) >= Date.parse('2026-11-30T09:02:30Z'))).toBe(false);
    for (const w of d.windows) {
      const mae = w.metrics.mae;
      expect(mae.method).toBe('bootstrap');
      expect(mae.lo).toBeLessThanOrEqual(mae.estimate);
      expect(mae.hi).toBeGreaterThanOrEqual(mae.estimate);
      expect(w.metrics.successRate).toMatchObject({ estimate: 1, method: 'wilson' });
      expect(w.metrics.successRate.lo).toBeLessThan(1);
    }

    const model = await fx.core.call('models.get', { name: 'curve' });
    expect(model.aliases.production).toBe('1.0.0');
    expect(model.history[0]).toMatchObject({ alias: 'production', action: 'rollback', fromVersion: '1.1.0', toVersion: '1.0.0' });
    expect(model.history[0].note).toMatch(/rolled back the canary of deployment 'canary'/);
  });

  it('imports the same logs again without writing anything', async () => {
    const dir = path.join(fx.home, 'canary-logs');
    const before = { history: count('alias_history'), windows: count('deployment_windows'), steps: count('deployment_steps'), deployments: count('deployments') };
    const again = await fx.core.call('deployments.import', { dir, name: 'canary', model: 'curve', windowS: 30 });
    expect(again).toMatchObject({ unchanged: true, aliasMoves: 0 });
    // A changed window width recomputes the windows but keeps the rollback's one history row.
    const rewindowed = await fx.core.call('deployments.import', { dir, name: 'canary', model: 'curve', windowS: 60 });
    expect(rewindowed).toMatchObject({ unchanged: false, aliasMoves: 0 });
    expect({ history: count('alias_history'), steps: count('deployment_steps'), deployments: count('deployments') }).toEqual({
      history: before.history, steps: before.steps, deployments: before.deployments,
    });
    expect((await fx.core.call('deployments.get', { id: 'canary' })).timeline[1].aliasMove).toEqual({ alias: 'production', from: '1.1.0', to: '1.0.0' });
  });

  it('refuses a malformed line naming its file and line, and changes nothing', async () => {
    const dir = path.join(fx.home, 'broken-logs');
    writeCanaryLogs(dir, pairedRows().slice(0, 80), { stable: '1.0.0', candidate: '1.1.0', advanceAt: 30, rollbackAt: 60 });
    const file = path.join(dir, 'predictions-fixture.jsonl');
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    lines[6] = lines[6].slice(0, 40);
    fs.writeFileSync(file, lines.join('\n'));
    const before = { history: count('alias_history'), windows: count('deployment_windows'), deployments: count('deployments') };
    await expect(fx.core.call('deployments.import', { dir, name: 'broken', model: 'curve' })).rejects.toThrow(`${file}:7: not a JSON line`);
    lines[6] = JSON.stringify({ ...JSON.parse(fs.readFileSync(file, 'utf8').split('\n')[5]), latencyMs: 'fast' });
    fs.writeFileSync(file, lines.join('\n'));
    await expect(fx.core.call('deployments.import', { dir, name: 'broken', model: 'curve' })).rejects.toThrow(`${file}:7: field 'latencyMs'`);
    expect({ history: count('alias_history'), windows: count('deployment_windows'), deployments: count('deployments') }).toEqual(before);
  });

  it('compares candidate and stable with the Compare page statistics on the same pairs', async () => {
    const dir = path.join(fx.home, 'promoted-logs');
    writeCanaryLogs(dir, pairedRows(), { stable: '1.0.0', candidate: '1.1.0', advanceAt: 60, rollbackAt: null });
    const r = await fx.core.call('deployments.import', { dir, name: 'promoted', margin: 0.05 });
    expect(r.deployment.outcome).toBe('promoted');
    expect(r.aliasMoves).toBe(0); // no model named: the registry is left alone
    const d = await fx.core.call('deployments.get', { id: r.deployment.id.slice(0, 8) });
    expect(d.comparisons.map((c) => c.metric)).toEqual(['rmse', 'mae']);
    for (const c of d.comparisons) {
      const page = await fx.core.call('runs.compare', { a: runs[0], b: runs[1], metric: c.metric as 'rmse', margin: 0.05 });
      expect(c.rows).toBe(page.rows);
      expect(c.valueA).toBeCloseTo(page.valueA, 12);
      expect(c.valueB).toBeCloseTo(page.valueB, 12);
      expect(c.difference).toEqual(page.difference);
      expect([c.verdict, c.text]).toEqual([page.verdict, page.text]);
    }
  });

  it('compares a sticky A/B split arm against arm with the same metrics and verdict', async () => {
    const dir = path.join(fx.home, 'ab-logs');
    const rows = pairedRows();
    writeAbLogs(dir, rows, { stable: '1.0.0', candidate: '1.1.0' });
    const r = await fx.core.call('deployments.import', { dir, name: 'split' });
    expect(r.deployment).toMatchObject({ policy: 'ab', outcome: 'serving' });
    const d = await fx.core.call('deployments.get', { id: 'split' });
    const arm = (odd: number) => rows.filter((_, i) => i % 2 === odd);
    const rmse = (xs: FixtureRow[], k: 'stable' | 'candidate') => regressionMetrics(xs.map((x) => Number(x.actual)), xs.map((x) => Number(x[k]))).rmse;
    const c = d.comparisons.find((x) => x.metric === 'rmse')!;
    expect(c).toMatchObject({ design: 'unpaired', rows: rows.length, mcnemar: null });
    expect(c.valueA).toBeCloseTo(rmse(arm(0), 'stable'), 9);
    expect(c.valueB).toBeCloseTo(rmse(arm(1), 'candidate'), 9);
    expect(c.difference.estimate).toBeCloseTo(c.valueB - c.valueA, 9);
    expect(c.difference.lo).toBeLessThan(c.difference.estimate);
    expect(c.difference.hi).toBeGreaterThan(c.difference.estimate);
    // Unpaired arms carry each arm's spread: a wider interval than the paired comparison of the same two models.
    const paired = (await fx.core.call('deployments.get', { id: 'promoted' })).comparisons.find((x) => x.metric === 'rmse')!;
    expect(paired.design).toBe('paired');
    expect(c.difference.hi - c.difference.lo).toBeGreaterThan(paired.difference.hi - paired.difference.lo);
  });

  it("moves an alias from where the server found it, and leaves one pointed elsewhere since as it is", async () => {
    const { runId, jobId } = await fx.core.call('runs.start', { dataset: 'curve', target: 'y', family: 'linear', params: {}, seed: 7 });
    await fx.core.jobResult('runs.train', jobId);
    await fx.core.call('models.register', { runId, name: 'curve' });
    await fx.core.call('models.promote', { name: 'curve', version: '1.0.0', alias: 'beta' });
    await fx.core.call('models.promote', { name: 'curve', version: '1.2.0', alias: 'staging' });
    for (const alias of ['beta', 'staging']) {
      const dir = path.join(fx.home, `promote-${alias}`);
      writeCanaryLogs(dir, pairedRows(), { stable: '1.0.0', candidate: '1.1.0', advanceAt: 60, rollbackAt: null });
      expect(await fx.core.call('deployments.import', { dir, name: `promote-${alias}`, model: 'curve', alias })).toMatchObject({ aliasMoves: 1 });
    }
    const model = await fx.core.call('models.get', { name: 'curve' });
    // beta still pointed at the stable version the server promoted from; staging was pointed at 1.2.0 by hand.
    expect(model.aliases).toMatchObject({ beta: '1.1.0', staging: '1.2.0' });
    expect(model.history.filter((h) => h.alias === 'staging').map((h) => [h.action, h.fromVersion, h.toVersion])).toEqual([['set', '1.0.0', '1.1.0'], ['set', null, '1.2.0']]);
  });

  it('lists deployments newest first', async () => {
    const list = await fx.core.call('deployments.list', {});
    expect(list.map((d) => d.name).sort()).toEqual(['canary', 'promote-beta', 'promote-staging', 'promoted', 'split']);
    await expect(fx.core.call('deployments.get', { id: 'nope' })).rejects.toThrow(/No deployment 'nope'/);
  });
});
