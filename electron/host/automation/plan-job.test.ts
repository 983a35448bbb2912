import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { JobDto } from '../../../shared/api/dto';
import { createCore, type Core } from '../core';
import { tempHome } from '../../../tests/helpers/temp-home';
import { csvIn, falling, registerChampion, rising, rows, writeCsv } from '../../../tests/helpers/plan-fixture';

let home: ReturnType<typeof tempHome>;
let core: Core;

beforeEach(() => {
  home = tempHome();
  core = createCore({ home: home.dir, host: 'cli' });
});
afterEach(async () => {
  await core.close();
  home.cleanup();
});

/** Kinds of the jobs in the order they started. */
function startedKinds(): { kinds: string[]; jobs: JobDto[] } {
  const seen = { kinds: [] as string[], jobs: [] as JobDto[] };
  core.subscribe((event, payload) => {
    if (event === 'job.started') {
      const job = (payload as { job: JobDto }).job;
      seen.kinds.push(job.kind);
      seen.jobs.push(job);
    }
  });
  return seen;
}

describe('a plan run is a job', { timeout: 180_000 }, () => {
  it('is listed from its start, before the jobs it waits on, and ends with the decision as its result', async () => {
    const file = csvIn(home.dir, 'sales');
    writeCsv(file, rows(100, rising, 1));
    await registerChampion(core, file, 'sales', 'sales-model');
    await core.call('automation.create', { name: 'nightly', model: 'sales-model', source: { kind: 'file', path: file } });
    writeCsv(file, [...rows(100, rising, 1), ...rows(400, falling, 2)]);
    const seen = startedKinds();
    const run = await core.call('automation.runNow', { plan: 'nightly', wait: true });
    expect(seen.kinds).toEqual(['automation.plan', 'datasets.import', 'runs.train', 'automation.evaluate']);
    expect(seen.jobs[0].title).toMatch(/^Plan nightly: sales-model@production \(run by hand\)$/);
    const job = await core.call('jobs.get', { id: seen.jobs[0].id });
    expect(job).toMatchObject({ kind: 'automation.plan', status: 'succeeded', result: { id: run.id, decision: run.decision } });
  });

  it('cancelling it cancels the training it waits on; the run is interrupted and the alias stays', async () => {
    const file = csvIn(home.dir, 'sales');
    writeCsv(file, rows(100, rising, 1));
    await registerChampion(core, file, 'sales', 'sales-model', { family: 'gbdt', params: { trees: 3000, earlyStopping: 'off' } });
    await core.call('automation.create', { name: 'nightly', model: 'sales-model', source: { kind: 'file', path: file } });
    writeCsv(file, [...rows(100, rising, 1), ...rows(40_000, falling, 2)]);
    const before = await core.call('models.get', { name: 'sales-model' });
    const seen = startedKinds();
    const started = await core.call('automation.runNow', { plan: 'nightly' });
    await vi.waitFor(() => expect(seen.kinds).toContain('runs.train'), { timeout: 120_000, interval: 50 });
    const planJob = seen.jobs.find((j) => j.kind === 'automation.plan')!;
    const trainJob = seen.jobs.find((j) => j.kind === 'runs.train')!;
    await core.call('jobs.cancel', { id: planJob.id });
    await vi.waitFor(async () => expect((await core.call('automation.runGet', { id: started.id })).state).toBe('ended'), { timeout: 60_000, interval: 50 });
    expect(await core.call('automation.runGet', { id: started.id })).toMatchObject({ decision: 'interrupted', reason: expect.stringMatching(/^Cancelled before the plan run decided/) });
    expect((await core.ctx.jobs.wait(trainJob.id)).status).toBe('cancelled');
    expect((await core.ctx.jobs.wait(planJob.id)).status).toBe('cancelled');
    expect(await core.call('models.get', { name: 'sales-model' })).toEqual(before);
    expect((await core.call('automation.get', { plan: 'nightly' })).runningPid).toBeNull();
  });
  it('the scheduler says it is on, when it last looked and which scheduled plan fires next', async () => {
    const file = csvIn(home.dir, 'sales');
    writeCsv(file, rows(100, rising, 1));
    await registerChampion(core, file, 'sales', 'sales-model');
    expect(await core.call('automation.scheduler', {})).toMatchObject({ on: false, next: null, watching: 0 });
    await core.call('automation.create', { name: 'nightly', model: 'sales-model', source: { kind: 'file', path: file }, triggers: { schedule: '0 3 * * *' } });
    await core.call('automation.create', { name: 'hourly', model: 'sales-model', source: { kind: 'file', path: file }, triggers: { schedule: '0 * * * *', minNewRows: 1000 } });
    await core.close();
    core = createCore({ home: home.dir, host: 'cli', scheduler: { timers: { setInterval: () => 0, clearInterval: () => {} } } });
    await core.scheduler!.poke();
    const st = await core.call('automation.scheduler', {});
    const hourly = await core.call('automation.get', { plan: 'hourly' });
    expect(st).toMatchObject({ on: true, watching: 1, next: { planName: 'hourly', at: hourly.nextDueAt }, lastTickAt: expect.any(String) });
  });
});
