/**
 * A plan on a single-series forecaster whose horizon is under the plan's minimum of judged points: every
 * backtest origin of the challenger after the champion's data counts, so the judged points grow with the
 * new data until the plan can decide.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Core } from '../core';
import { csvIn, planCoreEach } from '../../../tests/helpers/plan-fixture';
import { mulberry32 } from '../../../models/split/prng';
import { PLAN_DEFAULTS, planForecastWindows } from '../../../shared/automation/plan';

let dir = '';
let core: Core;
planCoreEach((c, d) => ([core, dir] = [c, d]));

const HORIZON = 7;
const day = (d: number) => new Date(Date.UTC(2025, 0, 1 + d)).toISOString().slice(0, 10);

/** One series of daily demand: `level(d)` plus noise of sd about 1, seeded per day so old days never change. */
function writeDemand(file: string, days: number, level: (d: number) => number): void {
  const lines = ['date,demand'];
  for (let d = 0; d < days; d++) {
    const rand = mulberry32(1000 + d);
    lines.push(`${day(d)},${(level(d) + (rand() + rand() + rand() - 1.5) * 2).toFixed(3)}`);
  }
  fs.writeFileSync(file, lines.join('\n') + '\n');
}

/** 60 flat days, one series, forecast 7 days ahead with the default 5 backtest origins, as demand@production. */
async function champion(file: string, model: 'ets' | 'drift', horizon = HORIZON): Promise<string> {
  writeDemand(file, 60, () => 10);
  await core.jobResult('datasets.import', (await core.call('datasets.import', { path: file, name: 'demand' })).jobId);
  const params = model === 'ets' ? { error: 'A', trend: 'N', season: 'N' } : {};
  const run = await core.call('forecast.start', { dataset: 'demand', time: 'date', target: 'demand', horizon, model, params });
  await core.jobResult('forecast.train', run.jobId);
  const v = await core.call('models.register', { runId: run.runId, name: 'demand' });
  await core.call('models.promote', { name: 'demand', version: v.version, alias: 'production' });
  return run.runId;
}

describe('plans on a single short-horizon forecast series', { timeout: 120_000 }, () => {
  it('keeps the champion while one origin is unseen, then promotes on every origin once the new data covers them', async () => {
    expect(HORIZON).toBeLessThan(PLAN_DEFAULTS.minEvalRows);
    const file = csvIn(dir, 'demand');
    await champion(file, 'ets');
    await core.call('automation.create', { name: 'p', model: 'demand', source: { kind: 'file', path: file } });
    const shifted = (d: number) => (d < 60 ? 10 : 40);
    // Seven new days: of the origins 56 … 60 only day 60 starts after the champion's data, one window.
    writeDemand(file, 67, shifted);
    const short = await core.call('automation.runNow', { plan: 'p', wait: true });
    expect(short).toMatchObject({ decision: 'kept', ab: { unit: 'points', rows: HORIZON } });
    expect(short.ab!.rowsNote).toMatch(/^7 points .* from 1 backtest origin per series .*up to 7 steps each, 1 series/);
    expect(short.reason).toMatch(/only 7 held-out points unseen by both models \(at least 20 are needed to judge\)/);
    // Thirty new days: origins 79 … 83 all start after day 60, five windows of seven steps.
    writeDemand(file, 90, shifted);
    const run = await core.call('automation.runNow', { plan: 'p', wait: true });
    expect(run).toMatchObject({ decision: 'promoted', dataVersion: 3, aliasMove: { alias: 'production', fromVersion: '1.0.0', toVersion: '1.1.0' } });
    expect(run.ab).toMatchObject({ metric: 'mae', unit: 'points', rows: 5 * HORIZON, verdict: 'b-better' });
    expect(run.ab!.rows).toBeGreaterThanOrEqual(PLAN_DEFAULTS.minEvalRows);
    expect(run.ab!.valueB).toBeLessThan(run.ab!.valueA);
    expect(run.ab!.rowsNote).toMatch(/from 5 backtest origins per series .*up to 7 steps each, 1 series/);
  });

  it('backtests a 3-step horizon at enough origins to be judged (5 would score 15 points)', async () => {
    expect(planForecastWindows(5, 3)).toBe(7);
    const file = csvIn(dir, 'demand');
    await champion(file, 'ets', 3);
    await core.call('automation.create', { name: 'p', model: 'demand', source: { kind: 'file', path: file } });
    writeDemand(file, 90, (d) => (d < 60 ? 10 : 40));
    const run = await core.call('automation.runNow', { plan: 'p', wait: true });
    expect(run).toMatchObject({ decision: 'promoted', ab: { metric: 'mae', unit: 'points', rows: 7 * 3, verdict: 'b-better' } });
    // Seven origins a day apart, three steps each: nine days.
    expect(run.ab!.difference.clusters).toBe(9);
    expect(run.ab!.rowsNote).toMatch(/from 7 backtest origins per series .*up to 3 steps each, 1 series/);
    expect((await core.call('runs.get', { id: run.challengerRunId!, maxPoints: 0 })).forecastSpec).toMatchObject({ horizon: 3, windows: 7 });
  });

  it('keeps a challenger refitted on a corrupted history, judged on every unseen origin', async () => {
    const file = csvIn(dir, 'demand');
    await champion(file, 'drift');
    await core.call('automation.create', { name: 'p', model: 'demand', source: { kind: 'file', path: file } });
    // The old days rewritten at 1000 by mistake; the new days as flat as before.
    writeDemand(file, 90, (d) => (d < 60 ? 1000 : 10));
    const run = await core.call('automation.runNow', { plan: 'p', wait: true });
    expect(run).toMatchObject({ decision: 'kept', aliasMove: null, ab: { metric: 'mae', unit: 'points', rows: 5 * HORIZON } });
    expect(run.ab!.valueB).toBeGreaterThan(run.ab!.valueA);
    expect(run.reason).toMatch(/^Kept demand@1\.0\.0: the challenger is not better/);
  });
});
