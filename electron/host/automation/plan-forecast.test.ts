/**
 * Plans on a forecast champion: the challenger is the champion's forecast spec on the new version, and
 * both forecast from every backtest origin of the challenger after the champion's data (points neither
 * fitted) — the challenger from its backtest fit, the champion with its stored state moved on — paired
 * per point.
 */
import { describe, expect, it } from 'vitest';
import type { Core } from '../core';
import { csvIn, planCoreEach } from '../../../tests/helpers/plan-fixture';
import { storeSales, writeStoreSales } from '../../../tests/helpers/store-sales';
import type { ArgsOf } from '../../../shared/api/contract';

let dir = '';
let core: Core;
planCoreEach((c, d) => ([core, dir] = [c, d]));

const history = async () => (await core.call('models.get', { name: 'stores' })).history;
const flat = () => 10;

/** 60 days of flat sales, forecast 6 days ahead per store, registered as stores@production. */
async function champion(file: string, spec: Partial<ArgsOf<'forecast.start'>>): Promise<string> {
  writeStoreSales(file, storeSales(0, 60, flat, 1));
  await core.jobResult('datasets.import', (await core.call('datasets.import', { path: file, name: 'sales' })).jobId);
  const run = await core.call('forecast.start', { dataset: 'sales', time: 'date', target: 'sales', series: 'store', horizon: 6, ...spec });
  await core.jobResult('forecast.train', run.jobId);
  const v = await core.call('models.register', { runId: run.runId, name: 'stores' });
  await core.call('models.promote', { name: 'stores', version: v.version, alias: 'production' });
  return run.runId;
}

describe('plans on forecast champions', { timeout: 120_000 }, () => {
  it('promotes a refit that follows a shifted level, judged on every backtest origin neither model fitted', async () => {
    const file = csvIn(dir, 'sales');
    const championRunId = await champion(file, { model: 'ets', params: { error: 'A', trend: 'N', season: 'N' } });
    await core.call('automation.create', { name: 'p', model: 'stores', source: { kind: 'file', path: file } });
    // Thirty new days at four times the old level: the champion's smoothing was fitted to a flat series.
    writeStoreSales(file, [...storeSales(0, 60, flat, 1), ...storeSales(60, 30, () => 40, 2)]);
    const before = await history();
    const run = await core.call('automation.runNow', { plan: 'p', wait: true });
    expect(run).toMatchObject({ decision: 'promoted', championRunId, dataVersion: 2, aliasMove: { alias: 'production', fromVersion: '1.0.0', toVersion: '1.1.0' } });
    // Four stores × the 5 default backtest origins (days 80 … 84, all after day 60) × 6 steps.
    expect(run.ab).toMatchObject({ metric: 'mae', lowerIsBetter: true, unit: 'points', rows: 120, verdict: 'b-better' });
    expect(run.ab!.valueB).toBeLessThan(run.ab!.valueA);
    expect(run.ab!.rowsNote).toMatch(/^120 points that neither model fitted, from 5 backtest origins per series after the champion's data ends \(up to 6 steps each, 4 series\)/);
    // 5 origins a step apart, 6 steps: 10 times per series, 40 groups the bootstrap draws whole.
    expect(run.ab!.difference.clusters).toBe(40);
    expect(run.ab!.rowsNote).toMatch(/resampled as 40 \(series, time\) groups/);
    expect(run.reason).toMatch(/MAE .* \(champion\) vs .* \(challenger\) on 120 held-out points/);
    expect(await core.call('runs.get', { id: run.challengerRunId! })).toMatchObject({ task: 'forecast', family: 'ets', datasetVersion: 2 });
    expect(await history()).toHaveLength(before.length + 1);
  });

  it('keeps a challenger refitted on a corrupted history; the alias history is unchanged', async () => {
    const file = csvIn(dir, 'sales');
    await champion(file, { model: 'drift' });
    await core.call('automation.create', { name: 'p', model: 'stores', source: { kind: 'file', path: file } });
    // The refresh wrote the old days at 1000 by mistake; the new days are as flat as before.
    writeStoreSales(file, [...storeSales(0, 60, () => 1000, 1), ...storeSales(60, 30, flat, 2)]);
    const before = await history();
    const run = await core.call('automation.runNow', { plan: 'p', wait: true });
    expect(run.decision).toBe('kept');
    expect(run.ab).toMatchObject({ metric: 'mae', unit: 'points', rows: 120 });
    expect(run.ab!.valueB).toBeGreaterThan(run.ab!.valueA);
    expect(run.reason).toMatch(/^Kept stores@1\.0\.0: the challenger is not better/);
    expect(run.aliasMove).toBeNull();
    expect(await history()).toEqual(before);
  });

  it('an incremental plan refits the forecaster from the champion, as its warm-start rule says', async () => {
    const file = csvIn(dir, 'sales');
    const championRunId = await champion(file, { model: 'theta' });
    await core.call('automation.create', { name: 'p', model: 'stores', source: { kind: 'file', path: file }, incremental: true });
    writeStoreSales(file, [...storeSales(0, 60, flat, 1), ...storeSales(60, 30, () => 40, 2)]);
    const run = await core.call('automation.runNow', { plan: 'p', wait: true });
    expect(run).toMatchObject({ decision: 'promoted', ab: { metric: 'mae', unit: 'points', rows: 120 } });
    const challenger = await core.call('runs.get', { id: run.challengerRunId! });
    expect(challenger).toMatchObject({ warmStartFrom: championRunId, family: 'theta', datasetVersion: 2 });
    expect(challenger.forecast!.notes[0]).toMatch(/^Continued from run .*: theta refits/);
  });

  it('fires the metric trigger when the champion’s error on the newest windows passes the floor or falls below its fraction of the baseline', async () => {
    const file = csvIn(dir, 'sales');
    // Exponential smoothing fitted to a flat series: a small smoothing weight, so its level follows a jump slowly.
    await champion(file, { model: 'ets', params: { error: 'A', trend: 'N', season: 'N' } });
    const baseline = (await core.call('models.get', { name: 'stores' })).versions[0].metrics!.mae;
    await core.call('automation.create', { name: 'floor', model: 'stores', source: { kind: 'file', path: file }, triggers: { metricFloor: 5 } });
    // On another alias of the same version, so the floor plan's promotion does not change this plan's champion.
    await core.call('models.promote', { name: 'stores', version: '1.0.0', alias: 'staging' });
    await core.call('automation.create', { name: 'fraction', model: 'stores', alias: 'staging', source: { kind: 'file', path: file }, triggers: { metricFraction: 0.5 } });
    // Ten more flat days: the champion's error stays at the noise, under the floor and its baseline.
    writeStoreSales(file, [...storeSales(0, 60, flat, 1), ...storeSales(60, 10, flat, 2)]);
    expect(await core.call('automation.runDue', {})).toEqual([]);
    // Then thirty days at four times the level: moved on through them without a refit, its level still lags.
    writeStoreSales(file, [...storeSales(0, 60, flat, 1), ...storeSales(60, 10, flat, 2), ...storeSales(70, 30, () => 40, 3)]);
    const fired = await core.call('automation.runDue', {});
    expect(fired.map((r) => r.planName).sort()).toEqual(['floor', 'fraction']);
    // 4 stores × 5 origins (the newest, one day apart, whose 6 days have arrived) × 6 steps.
    const floor = fired.find((r) => r.planName === 'floor')!;
    expect(floor).toMatchObject({ trigger: 'metric', triggerNote: expect.stringMatching(/^MAE [\d.]+ on 120 newest points is worse than the floor 5$/) });
    const fraction = fired.find((r) => r.planName === 'fraction')!;
    expect(fraction.triggerNote).toMatch(new RegExp(`^MAE [\\d.]+ on 120 newest points is worse than 0.5 of the champion's ${baseline.toPrecision(4)}$`));
  });

  it('keeps the champion, saying why, when the new data is shorter than the horizon', async () => {
    const file = csvIn(dir, 'sales');
    await champion(file, { model: 'naive' });
    await core.call('automation.create', { name: 'p', model: 'stores', source: { kind: 'file', path: file } });
    writeStoreSales(file, [...storeSales(0, 60, flat, 1), ...storeSales(60, 3, flat, 2)]);
    const run = await core.call('automation.runNow', { plan: 'p', wait: true });
    expect(run).toMatchObject({ decision: 'kept', ab: null, reason: expect.stringMatching(/before the champion's data ends .* at least the horizon \(6 steps\)/) });
  });
});
