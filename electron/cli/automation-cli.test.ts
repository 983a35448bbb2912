import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createCore, type Core } from '../host/core';
import { latheIn } from '../../tests/helpers/lathe-cli';
import { tempHome } from '../../tests/helpers/temp-home';
import { importCsvText } from '../../tests/helpers/core-fixture';
import { csvIn, falling, registerChampion, rising, rows, writeCsv } from '../../tests/helpers/plan-fixture';

const bin = path.resolve(import.meta.dirname, '../../bin/lathe.mjs');
let home: ReturnType<typeof tempHome>;
let core: Core | null;
let file: string;
const lathe = latheIn(() => home.dir);

/** `lathe ARGS` started, not waited for. */
function start(...args: string[]) {
  const child = spawn(process.execPath, [bin, '--home', home.dir, ...args], { env: { ...process.env, LATHE_HOME: '' } });
  let stdout = '';
  child.stdout.on('data', (d) => (stdout += d));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout })));
  return { child, done };
}

async function champion(run?: Parameters<typeof registerChampion>[4]) {
  core = createCore({ home: home.dir, host: 'cli' });
  file = csvIn(home.dir, 'sales');
  writeCsv(file, rows(100, rising, 1));
  await registerChampion(core, file, 'sales', 'sales-model', run);
}

beforeEach(() => {
  home = tempHome();
  core = null;
});
afterEach(async () => {
  await core?.close();
  home.cleanup();
});

describe('lathe automation', { timeout: 180_000 }, () => {
  it('create, run and list answer in JSON; a bad cron part is named', async () => {
    await champion();
    const bad = lathe('--json', 'automation', 'create', '--name', 'p', '--model', 'sales-model', '--source', file, '--schedule', '0 25 * * *');
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.stdout).error).toMatchObject({ code: 'bad_request', details: { field: 'triggers.schedule' }, message: expect.stringMatching(/hour: 25/) });
    const inc = lathe('--json', 'automation', 'create', '--name', 'inc', '--model', 'sales-model', '--source', file, '--incremental');
    expect(JSON.parse(inc.stdout)).toMatchObject({ name: 'inc', incremental: true });
    expect(lathe('automation', 'delete', 'inc').code).toBe(0);
    const created = lathe('--json', 'automation', 'create', '--name', 'p', '--model', 'sales-model', '--source', file, '--margin', '0.5', '--min-new-rows', '1000');
    expect(created.code).toBe(0);
    expect(JSON.parse(created.stdout)).toMatchObject({ name: 'p', model: 'sales-model', alias: 'production', margin: 0.5, mode: 'better', triggers: { minNewRows: 1000, schedule: null }, source: { kind: 'file', path: file } });
    writeCsv(file, [...rows(100, rising, 1), ...rows(400, falling, 2)]);
    const run = lathe('--json', 'automation', 'run', 'p');
    expect(run.code).toBe(0);
    const r = JSON.parse(run.stdout);
    expect(r).toMatchObject({ decision: 'promoted', reason: expect.stringMatching(/better beyond the margin/), championRunId: expect.any(String), challengerRunId: expect.any(String) });
    const list = JSON.parse(lathe('--json', 'automation', 'list').stdout);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ name: 'p', lastRun: { decision: 'promoted', challengerRunId: r.challengerRunId, challengerVersion: '1.1.0' } });
    const text = lathe('automation', 'show', 'p');
    expect(text.stdout).toMatch(/promoted/);
  });

  it('create takes live outcomes for the metric trigger: --outcomes, --predictions, --key', async () => {
    await champion();
    await importCsvText({ core: core!, home: home.dir }, 'preds', 'id,x,predicted_y\n1,1,2\n2,2,4\n');
    await importCsvText({ core: core!, home: home.dir }, 'actuals', 'id,y,at\n1,2.5,2026-03-02\n2,3,2026-03-03\n');
    const half = lathe('--json', 'automation', 'create', '--name', 'live', '--model', 'sales-model', '--source', file, '--metric-floor', '5', '--outcomes', 'actuals');
    expect(half.code).toBe(1);
    expect(JSON.parse(half.stdout).error).toMatchObject({ code: 'bad_request', details: { field: 'predictions' } });
    const created = lathe('--json', 'automation', 'create', '--name', 'live', '--model', 'sales-model', '--source', file, '--metric-floor', '5', '--outcomes', 'actuals', '--predictions', 'preds', '--key', 'id');
    expect(created.code).toBe(0);
    expect(JSON.parse(created.stdout)).toMatchObject({ triggers: { metricFloor: 5, outcomes: { outcomes: 'actuals', predictions: 'preds', key: 'id', window: 'week' } } });
    expect(lathe('automation', 'show', 'live').stdout).toMatch(/latest week of live outcomes actuals joined to preds/);
  });

  it('create takes the live outcomes\' window and time column, refusing a bad window by its flag', async () => {
    await champion();
    await importCsvText({ core: core!, home: home.dir }, 'preds', 'id,x,predicted_y\n1,1,2\n2,2,4\n');
    await importCsvText({ core: core!, home: home.dir }, 'actuals', 'id,y,at\n1,2.5,2026-03-02\n2,3,2026-03-03\n');
    const help = lathe('automation', 'create', '--help').stdout;
    expect(help.replace(/\s+/g, " ")).toMatch(/--window <day\|week\|N> the live outcomes. window/);
    expect(help.replace(/\s+/g, " ")).toMatch(/--time <column> the date column/);
    const base = ['--json', 'automation', 'create', '--name', 'live', '--model', 'sales-model', '--source', file, '--metric-floor', '5'];
    const live = [...base, '--outcomes', 'actuals', '--predictions', 'preds', '--key', 'id'];
    for (const bad of ['0', 'month', '2.5']) {
      const r = lathe(...live, '--window', bad);
      expect(r.code).toBe(1);
      expect(JSON.parse(r.stdout).error).toMatchObject({ code: 'bad_request', details: { field: 'window' }, message: expect.stringMatching(new RegExp(`--window must be day, week or a whole number of rows.*'${bad}'`)) });
    }
    const stray = lathe(...base, '--window', 'day');
    expect(JSON.parse(stray.stdout).error).toMatchObject({ details: { field: 'window' }, message: expect.stringMatching(/^--window is about live outcomes: give --outcomes/) });
    const noColumn = lathe(...live, '--time', 'when');
    expect(noColumn.code).toBe(1);
    expect(JSON.parse(noColumn.stdout).error.message).toMatch(/when/);
    const byRows = JSON.parse(lathe(...live, '--window', '50').stdout);
    expect(byRows.triggers.outcomes).toMatchObject({ window: 50 });
    expect(lathe('automation', 'delete', 'live').code).toBe(0);
    const byDay = JSON.parse(lathe(...live, '--window', 'day', '--time', 'at').stdout);
    expect(byDay.triggers.outcomes).toMatchObject({ window: 'day', time: 'at' });
    expect(lathe('automation', 'show', 'live').stdout).toMatch(/latest day of live outcomes actuals joined to preds, by at/);
  });

  it('two processes on one database run a due plan once', async () => {
    await champion();
    expect(lathe('automation', 'create', '--name', 'p', '--model', 'sales-model', '--source', file, '--min-new-rows', '300').code).toBe(0);
    writeCsv(file, [...rows(100, rising, 1), ...rows(400, falling, 2)]);
    const [a, b] = await Promise.all([start('--json', 'automation', 'run-due').done, start('--json', 'automation', 'run-due').done]);
    expect([a.code, b.code]).toEqual([0, 0]);
    const made = [...JSON.parse(a.stdout), ...JSON.parse(b.stdout)];
    expect(made).toHaveLength(1);
    expect(await core!.call('automation.runs', { plan: 'p' })).toHaveLength(1);
    // The source was read into one new version, not one per process.
    expect((await core!.call('datasets.get', { id: 'sales' })).versions.map((v) => v.version)).toEqual([1, 2]);
  });

  it('kill -9 during a plan run leaves the alias untouched and the run marked interrupted at the next start', async () => {
    // Enough trees and rows that the challenger is still training when the process is killed.
    await champion({ family: 'gbdt', params: { trees: 3000, earlyStopping: 'off' } });
    expect(lathe('automation', 'create', '--name', 'p', '--model', 'sales-model', '--source', file).code).toBe(0);
    writeCsv(file, [...rows(100, rising, 1), ...rows(40_000, falling, 2)]);
    const before = await core!.call('models.get', { name: 'sales-model' });
    const { child, done } = start('--json', 'automation', 'run', 'p');
    await vi.waitFor(
      async () => {
        const [run] = await core!.call('automation.runs', { plan: 'p' });
        expect(run?.challengerRunId).toBeTruthy();
        expect((await core!.call('runs.get', { id: run.challengerRunId! })).status).toBe('running');
      },
      { timeout: 120_000, interval: 100 },
    );
    child.kill('SIGKILL');
    expect((await done).signal).toBe('SIGKILL');
    await core!.close();
    core = createCore({ home: home.dir, host: 'cli' });
    const [run] = await core.call('automation.runs', { plan: 'p' });
    expect(run).toMatchObject({ state: 'ended', decision: 'interrupted', reason: expect.stringMatching(/alias was not moved/) });
    expect(await core.call('models.get', { name: 'sales-model' })).toEqual(before);
    expect((await core.call('automation.get', { plan: 'p' })).runningPid).toBeNull();
  });
  it('SIGTERM to lathe automation daemon during a plan run records it interrupted, frees the lease and leaves the alias', async () => {
    await champion({ family: 'gbdt', params: { trees: 3000, earlyStopping: 'off' } });
    expect(lathe('automation', 'create', '--name', 'p', '--model', 'sales-model', '--source', file, '--min-new-rows', '100').code).toBe(0);
    writeCsv(file, [...rows(100, rising, 1), ...rows(40_000, falling, 2)]);
    const before = await core!.call('models.get', { name: 'sales-model' });
    const { child, done } = start('--json', 'automation', 'daemon', '--tick', '1');
    await vi.waitFor(
      async () => {
        const [run] = await core!.call('automation.runs', { plan: 'p' });
        expect(run?.challengerRunId).toBeTruthy();
        expect((await core!.call('runs.get', { id: run.challengerRunId! })).status).toBe('running');
      },
      { timeout: 120_000, interval: 100 },
    );
    child.kill('SIGTERM');
    const ended = await done;
    expect(ended.code).toBe(0);
    expect(ended.stdout).toMatch(/"daemon":"stopped"/);
    // Read back with the process gone: nothing is left for the next start to mark.
    const [run] = await core!.call('automation.runs', { plan: 'p' });
    expect(run).toMatchObject({ state: 'ended', decision: 'interrupted', reason: expect.stringMatching(/stopped before the plan run decided; the alias was not moved/) });
    expect(await core!.call('models.get', { name: 'sales-model' })).toEqual(before);
    expect((await core!.call('automation.get', { plan: 'p' })).runningPid).toBeNull();
  });
});
