import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../core';
import { tempHome } from '../../../tests/helpers/temp-home';
import { csvIn, falling, registerChampion, rising, rows, writeCsv } from '../../../tests/helpers/plan-fixture';
import { pidAlive } from './clock';
import { PLAN_DEFAULTS } from '../../../shared/automation/plan';

let home: ReturnType<typeof tempHome>;
let now: Date;
let cores: Core[];
const clock = () => new Date(now);
const open = (scheduler = false): Core => {
  // The scheduler's interval never fires here: ticks are the test's own pokes.
  const core = createCore({ home: home.dir, host: 'cli', clock, scheduler: scheduler ? { timers: { setInterval: () => 0, clearInterval: () => {} } } : false });
  cores.push(core);
  return core;
};

beforeEach(() => {
  home = tempHome();
  now = new Date('2026-03-02T10:30:00Z');
  cores = [];
});
afterEach(async () => {
  for (const c of cores) await c.close();
  home.cleanup();
});

/** Champion: linear on 100 rows of y = 2x; the plan re-reads the same file. */
async function setup(core: Core) {
  const file = csvIn(home.dir, 'sales');
  writeCsv(file, rows(100, rising, 1));
  const championRunId = await registerChampion(core, file, 'sales', 'sales-model');
  return { file, championRunId };
}

const history = async (core: Core) => (await core.call('models.get', { name: 'sales-model' })).history;

describe('retraining plans', { timeout: 120_000 }, () => {
  it('checks a plan before writing it: the cron part, the model, the alias, the source', async () => {
    const core = open();
    const { file } = await setup(core);
    const base = { name: 'nightly', model: 'sales-model', source: { kind: 'file' as const, path: file } };
    await expect(core.call('automation.create', { ...base, triggers: { schedule: '61 * * * *' } })).rejects.toMatchObject({ code: 'bad_request', details: { field: 'triggers.schedule' }, message: expect.stringMatching(/minute: 61/) });
    await expect(core.call('automation.create', { ...base, model: 'nope' })).rejects.toMatchObject({ code: 'not_found', details: { field: 'model' } });
    await expect(core.call('automation.create', { ...base, alias: 'staging' })).rejects.toMatchObject({ details: { field: 'alias' } });
    await expect(core.call('automation.create', { ...base, source: { kind: 'file', path: `${file}.gone` } })).rejects.toMatchObject({ details: { field: 'source.path' } });
    expect(await core.call('automation.list', {})).toEqual([]);
    const plan = await core.call('automation.create', { ...base, triggers: { schedule: '0 3 * * *' } });
    expect(plan).toMatchObject({ alias: PLAN_DEFAULTS.alias, margin: PLAN_DEFAULTS.margin, mode: PLAN_DEFAULTS.mode, paused: false, lastRun: null });
    expect(new Date(plan.nextDueAt!).getTime()).toBeGreaterThan(now.getTime());
  });

  it('promotes a challenger that is better beyond the margin, and the alias history records it', async () => {
    const core = open();
    const { file, championRunId } = await setup(core);
    await core.call('automation.create', { name: 'p', model: 'sales-model', source: { kind: 'file', path: file }, margin: 0.5 });
    // The relation changed: the newest rows follow y = 30 − 3x, which the champion never saw.
    writeCsv(file, [...rows(100, rising, 1), ...rows(400, falling, 2)]);
    const before = await history(core);
    const run = await core.call('automation.runNow', { plan: 'p', wait: true });
    expect(run).toMatchObject({ decision: 'promoted', trigger: 'manual', championRunId, championVersion: '1.0.0', challengerVersion: '1.1.0', dataVersion: 2 });
    expect(run.ab!.valueB).toBeLessThan(run.ab!.valueA);
    expect(run.ab!.rows).toBeGreaterThanOrEqual(PLAN_DEFAULTS.minEvalRows);
    expect(run.aliasMove).toEqual({ alias: 'production', fromVersion: '1.0.0', toVersion: '1.1.0' });
    const detail = await core.call('models.get', { name: 'sales-model' });
    expect(detail.aliases.production).toBe('1.1.0');
    expect(detail.history).toHaveLength(before.length + 1);
    expect(detail.history[0]).toMatchObject({ action: 'set', fromVersion: '1.0.0', toVersion: '1.1.0', note: expect.stringMatching(/^Plan p: /) });
    // The challenger is an ordinary recorded run on the new version, with the champion's spec.
    const challenger = await core.call('runs.get', { id: run.challengerRunId! });
    expect(challenger).toMatchObject({ status: 'succeeded', family: 'linear', target: 'y', datasetVersion: 2 });
    const alerts = await core.call('automation.alerts', { unreadOnly: true });
    expect(alerts[0]).toMatchObject({ planRunId: run.id, title: expect.stringMatching(/now 1\.1\.0/) });
  });

  it('keeps a worse challenger and says why; the alias history is unchanged', async () => {
    const core = open();
    const { file } = await setup(core);
    await core.call('automation.create', { name: 'p', model: 'sales-model', source: { kind: 'file', path: file } });
    // A refresh that corrupted the history: the old rows' labels are all 1000, new rows still y = 2x.
    writeCsv(file, [...rows(100, () => 1000, 1), ...rows(400, rising, 3)]);
    const before = await history(core);
    const run = await core.call('automation.runNow', { plan: 'p', wait: true });
    expect(run.decision).toBe('kept');
    expect(run.ab!.valueB).toBeGreaterThan(run.ab!.valueA);
    expect(run.reason).toMatch(/^Kept sales-model@1\.0\.0: the challenger is not better/);
    expect(run.aliasMove).toBeNull();
    expect(await history(core)).toEqual(before);
    expect((await core.call('models.get', { name: 'sales-model' })).versions).toHaveLength(1);
  });

  it('an incremental plan continues the challenger from the champion', async () => {
    const core = open();
    const file = csvIn(home.dir, 'sales');
    writeCsv(file, rows(100, rising, 1));
    const championRunId = await registerChampion(core, file, 'sales', 'sales-model', { family: 'gbdt', params: { trees: 50 } });
    await core.call('automation.create', { name: 'p', model: 'sales-model', source: { kind: 'file', path: file }, incremental: true });
    writeCsv(file, [...rows(100, rising, 1), ...rows(400, falling, 2)]);
    const run = await core.call('automation.runNow', { plan: 'p', wait: true });
    expect(run.decision).toBe('promoted');
    expect(await core.call('runs.get', { id: run.challengerRunId! })).toMatchObject({ warmStartFrom: championRunId, family: 'gbdt', datasetVersion: 2 });
  });

  it('fails a plan on a model it cannot judge (an ensemble), naming what it is, before anything trains', async () => {
    const core = open();
    const { file } = await setup(core);
    const other = await core.call('runs.start', { dataset: 'sales', target: 'y', family: 'gbdt', params: { trees: 20 } });
    await core.jobResult('runs.train', other.jobId);
    await core.call('models.register', { runId: other.runId, name: 'gb' });
    const built = await core.jobResult('models.ensemble', (await core.call('models.ensemble', { name: 'ens', members: ['sales-model@1.0.0', 'gb@1.0.0'], method: 'mean' })).jobId);
    await core.call('models.promote', { name: 'ens', version: built.version, alias: 'production' });
    await core.call('automation.create', { name: 'e', model: 'ens', source: { kind: 'file', path: file } });
    writeCsv(file, [...rows(100, rising, 1), ...rows(400, falling, 2)]);
    const runsBefore = (await core.call('runs.list', {})).length;
    const run = await core.call('automation.runNow', { plan: 'e', wait: true });
    expect(run).toMatchObject({ decision: 'failed', challengerRunId: null, ab: null, reason: 'ens@1.0.0 is an ensemble; plans retrain tabular, text, forecast and recommender models' });
    expect((await core.call('runs.list', {})).length).toBe(runsBefore);
  });

  it('records a vanished source as a failure and runs again at the next trigger', async () => {
    const core = open();
    const { file } = await setup(core);
    const plan = await core.call('automation.create', { name: 'p', model: 'sales-model', source: { kind: 'file', path: file }, triggers: { schedule: '0 * * * *' } });
    const next = [...rows(100, rising, 1), ...rows(400, falling, 2)];
    fs.rmSync(file);
    now = new Date(plan.nextDueAt!);
    const [failed] = await core.call('automation.runDue', {});
    expect(failed).toMatchObject({ trigger: 'schedule', decision: 'failed', reason: expect.stringMatching(/sales\.csv is gone.*next trigger/) });
    expect((await core.call('automation.alerts', {}))[0]).toMatchObject({ severity: 'error' });
    // Back before the next firing: that firing runs the plan.
    writeCsv(file, next);
    expect(await core.call('automation.runDue', {})).toEqual([]);
    now = new Date((await core.call('automation.get', { plan: 'p' })).nextDueAt!);
    const [again] = await core.call('automation.runDue', {});
    expect(again).toMatchObject({ trigger: 'schedule', decision: 'promoted' });
  });

  it('runs a schedule missed while the app was closed once at the next start, not once per missed firing', async () => {
    let core = open();
    const { file } = await setup(core);
    await core.call('automation.create', { name: 'hourly', model: 'sales-model', source: { kind: 'file', path: file }, triggers: { schedule: '0 * * * *' } });
    writeCsv(file, [...rows(100, rising, 1), ...rows(400, falling, 2)]);
    await core.close();
    cores = [];
    // Closed for five hours and a bit: five firings missed.
    now = new Date('2026-03-02T15:45:00Z');
    core = open(true);
    await core.scheduler!.poke();
    let runs = await core.call('automation.runs', { plan: 'hourly' });
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ trigger: 'schedule', triggerNote: expect.stringMatching(/due at 2026-03-02T11:00:00/) });
    const plan = await core.call('automation.get', { plan: 'hourly' });
    expect(plan).toMatchObject({ nextDueAt: '2026-03-02T16:00:00.000Z', lastFiredAt: '2026-03-02T15:45:00.000Z' });
    await core.scheduler!.poke();
    expect(await core.call('automation.runs', { plan: 'hourly' })).toHaveLength(1);
    // Waking from sleep past the next firing runs it, once.
    now = new Date('2026-03-02T18:10:00Z');
    await core.scheduler!.poke();
    runs = await core.call('automation.runs', { plan: 'hourly' });
    expect(runs.map((r) => r.trigger)).toEqual(['schedule', 'schedule']);
    expect(runs[0]).toMatchObject({ decision: 'kept', reason: expect.stringMatching(/No new data/) });
  });

  it('fires on new rows once per data version, and never while paused', async () => {
    const core = open();
    const { file } = await setup(core);
    await core.call('automation.create', { name: 'rows', model: 'sales-model', source: { kind: 'file', path: file }, triggers: { minNewRows: 300 } });
    writeCsv(file, [...rows(100, rising, 1), ...rows(200, rising, 4)]);
    expect(await core.call('automation.runDue', {})).toEqual([]);
    writeCsv(file, [...rows(100, rising, 1), ...rows(400, rising, 4)]);
    await core.call('automation.pause', { plan: 'rows' });
    expect(await core.call('automation.runDue', {})).toEqual([]);
    await core.call('automation.resume', { plan: 'rows' });
    const [run] = await core.call('automation.runDue', {});
    expect(run).toMatchObject({ trigger: 'rows', triggerNote: expect.stringMatching(/^400 new rows/) });
    expect(await core.call('automation.runDue', {})).toEqual([]);
  });

  it('fires when the champion falls below its metric floor on the newest rows, and when its inputs drift', async () => {
    const core = open();
    const { file } = await setup(core);
    await core.call('automation.create', { name: 'floor', model: 'sales-model', source: { kind: 'file', path: file }, triggers: { metricFloor: 5 } });
    // Same relation: the champion's RMSE on the new rows stays near the noise (about 1), above no floor.
    writeCsv(file, [...rows(100, rising, 1), ...rows(200, rising, 6)]);
    expect(await core.call('automation.runDue', {})).toEqual([]);
    writeCsv(file, [...rows(100, rising, 1), ...rows(200, rising, 6), ...rows(200, falling, 7)]);
    const [fired] = await core.call('automation.runDue', {});
    expect(fired).toMatchObject({ planName: 'floor', trigger: 'metric', triggerNote: expect.stringMatching(/^RMSE .* worse than the floor 5/) });
    await core.call('automation.delete', { plan: 'floor' });
    // Another dataset whose x moved from [0, 10) to [20, 30): the one input column drifts against the champion's training rows.
    const fresh = csvIn(home.dir, 'fresh');
    writeCsv(fresh, rows(300, rising, 8).map((line) => line.replace(/^([0-9.]+)/, (x) => (Number(x) + 20).toFixed(4))));
    await core.jobResult('datasets.import', (await core.call('datasets.import', { path: fresh, name: 'fresh' })).jobId);
    await core.call('automation.create', { name: 'drift', model: 'sales-model', source: { kind: 'dataset', dataset: 'fresh' }, triggers: { driftThreshold: 0.5 } });
    const [drifted] = await core.call('automation.runDue', {});
    expect(drifted).toMatchObject({ planName: 'drift', trigger: 'drift', triggerNote: expect.stringMatching(/^100% of the input columns drifted/) });
  });

  it('gives a plan to one holder at a time; a dead holder is taken over and its run marked interrupted', async () => {
    const core = open();
    const { file } = await setup(core);
    const plan = await core.call('automation.create', { name: 'p', model: 'sales-model', source: { kind: 'file', path: file } });
    const repo = core.ctx.repos.automation;
    const first = repo.claim(plan.id, 'manual', '', now, PLAN_DEFAULTS.leaseMs, pidAlive);
    expect('runId' in first).toBe(true);
    expect(repo.claim(plan.id, 'manual', '', now, PLAN_DEFAULTS.leaseMs, pidAlive)).toEqual({ holderPid: process.pid });
    await expect(core.call('automation.runNow', { plan: 'p' })).rejects.toMatchObject({ code: 'conflict', message: expect.stringMatching(/already running in process/) });
    // The holder is gone (the check says so): the lease is taken over and the old run is interrupted.
    const second = repo.claim(plan.id, 'manual', '', now, PLAN_DEFAULTS.leaseMs, () => false);
    expect('runId' in second).toBe(true);
    expect(repo.run((first as { runId: string }).runId)).toMatchObject({ state: 'ended', decision: 'interrupted' });
  });
});
