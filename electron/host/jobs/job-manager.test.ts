import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../data/db/open';
import { JobsRepo } from '../../data/db/repos/jobs-repo';
import { EventBus } from '../events';
import { JobManager } from './job-manager';
import { estimateEta } from './eta';
import { tempHome } from '../../../tests/helpers/temp-home';
import type { EventName } from '../../../shared/api/events';
import { importArgs } from '../../../shared/api/methods/datasets';
import { memoryLogger } from '../../data/log';
import type { MetricPointDto } from '../../../shared/api/dto';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

function setup() {
  const h = tempHome();
  const file = path.join(h.dir, 'lathe.db');
  const db = openDatabase(file);
  const events = new EventBus();
  const log: { event: EventName; payload: unknown; at: number }[] = [];
  events.subscribe((event, payload) => log.push({ event, payload, at: Date.now() }));
  const repo = new JobsRepo(db);
  const jobs = new JobManager({ repo, events, databasePath: file, home: h.dir, cancelGraceMs: 1500 });
  cleanups.push(() => {
    db.close();
    h.cleanup();
  });
  return { db, file, events, log, repo, jobs, home: h.dir };
}

/** Resolves at the job's first progress event. */
function firstProgress(events: EventBus, jobId: string): Promise<void> {
  return new Promise<void>((resolve) => {
    const off = events.subscribe((e, p) => {
      if (e === 'job.progress' && 'jobId' in p && p.jobId === jobId) {
        off();
        resolve();
      }
    });
  });
}

describe('JobManager', () => {
  it('returns an id at once, then started → progress → ended with a persisted result', async () => {
    const { jobs, log, repo } = setup();
    const job = jobs.start('system.machineCheck', 'check', { seconds: 1 });
    // start() answers before the worker has reported anything.
    expect(['queued', 'running']).toContain(job.status);
    expect(log.some((l) => l.event === 'job.progress')).toBe(false);
    const done = await jobs.wait(job.id);
    expect(done.status).toBe('succeeded');
    expect(done.progress).toBe(1);
    expect((done.result as { steps: number }).steps).toBeGreaterThan(0);
    expect(repo.get(job.id)!.status).toBe('succeeded');
    const names = log.map((l) => l.event);
    expect(names[0]).toBe('job.started');
    expect(names).toContain('job.progress');
    expect(names).toContain('job.metrics');
    expect(names.at(-1)).toBe('job.ended');
  });

  it('coalesces progress into fewer events while every metric point arrives, in batches', async () => {
    const { jobs, log, events } = setup();
    const points: MetricPointDto[] = [];
    events.subscribe((e, p) => {
      if (e === 'job.metrics' && 'points' in p) points.push(...p.points);
    });
    const job = jobs.start('system.machineCheck', 'check', { seconds: 1.5 });
    const { steps } = await jobs.result('system.machineCheck', job.id);
    const progress = log.filter((l) => l.event === 'job.progress');
    // One progress message per step came from the worker; the host sent far fewer events.
    expect(steps).toBeGreaterThan(progress.length * 2);
    expect(points.map((p) => p.step)).toEqual(Array.from({ length: steps }, (_, i) => i + 1));
  });

  it('parses arguments at start against the job contract, naming the field', () => {
    const { jobs } = setup();
    expect(() => jobs.start('system.machineCheck', 'check', { seconds: -1 })).toThrow(/Invalid argument 'seconds' for the system.machineCheck job/);
    // @ts-expect-error a kind the contract does not have
    expect(() => jobs.start('no.such.kind', 'x', {})).toThrow(/no job kind 'no.such.kind'/);
  });

  it('result() gives the typed result, or the error with the code the job ended with', async () => {
    const { jobs, events } = setup();
    const ok = jobs.start('system.machineCheck', 'check', { seconds: 0.3 });
    expect((await jobs.result('system.machineCheck', ok.id)).steps).toBeGreaterThan(0);
    const long = jobs.start('system.machineCheck', 'check', { seconds: 60 });
    await firstProgress(events, long.id);
    jobs.cancel(long.id);
    await expect(jobs.result('system.machineCheck', long.id)).rejects.toMatchObject({ code: 'cancelled' });
    await expect(jobs.result('datasets.profile', ok.id)).rejects.toThrow(/is a system.machineCheck job/);
  });

  it('keeps curve points while the database is busy and saves them once it is free', async () => {
    const { jobs } = setup();
    const saved: number[] = [];
    let refusals = 0;
    const job = jobs.start('system.machineCheck', 'check', { seconds: 1 }, {
      onMetrics: (points) => {
        if (refusals < 3) {
          refusals++;
          throw Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
        }
        saved.push(...points.map((p) => p.step));
      },
    });
    const { steps } = await jobs.result('system.machineCheck', job.id);
    expect(refusals).toBe(3);
    expect(saved).toEqual(Array.from({ length: steps }, (_, i) => i + 1));
  });

  it('fails the job, with the reason, when saving its points fails for another cause; the log keeps the stack', async () => {
    const { repo, events, file, home } = setup();
    const log = memoryLogger();
    const jobs = new JobManager({ repo, events, databasePath: file, home, log });
    const job = jobs.start('system.machineCheck', 'check', { seconds: 30 }, {
      onMetrics: () => {
        throw new Error('disk I/O error');
      },
    });
    await expect(jobs.result('system.machineCheck', job.id)).rejects.toMatchObject({ code: 'internal', message: expect.stringMatching(/saving curve points failed: disk I\/O error/) });
    expect(log.lines.join('\n')).toMatch(/saving curve points failed[\s\S]*Error: disk I\/O error\n\s+at /);
  });

  it('logs a failing clean-up hook instead of swallowing it, and still records the job', async () => {
    const { repo, events, file, home } = setup();
    const log = memoryLogger();
    const jobs = new JobManager({ repo, events, databasePath: file, home, log });
    const job = jobs.start('system.machineCheck', 'check', { seconds: 60 }, {
      onFinished: () => {
        throw new Error('could not mark the run');
      },
    });
    await firstProgress(events, job.id);
    jobs.cancel(job.id);
    expect((await jobs.wait(job.id)).status).toBe('cancelled');
    expect(repo.get(job.id)!.status).toBe('cancelled');
    expect(log.lines.join('\n')).toMatch(/clean-up failed[\s\S]*could not mark the run/);
  });

  it('cancels a running job by id and records it as cancelled', async () => {
    const { jobs, log, repo, events } = setup();
    const job = jobs.start('system.machineCheck', 'check', { seconds: 60 });
    await firstProgress(events, job.id);
    jobs.cancel(job.id);
    const done = await jobs.wait(job.id);
    expect(done.status).toBe('cancelled');
    expect(repo.get(job.id)!.endedAt).not.toBeNull();
    expect(log.at(-1)!.event).toBe('job.cancelled');
  });

  it('cancels a queued job without starting it', async () => {
    const { repo, events, file, home } = setup();
    const jobs = new JobManager({ repo, events, databasePath: file, home, maxConcurrent: 1 });
    const first = jobs.start('system.machineCheck', 'a', { seconds: 60 });
    const second = jobs.start('system.machineCheck', 'b', { seconds: 60 });
    expect(repo.get(second.id)!.status).toBe('queued');
    expect(jobs.cancel(second.id).status).toBe('cancelled');
    jobs.cancel(first.id);
    expect((await jobs.wait(first.id)).status).toBe('cancelled');
    expect(repo.get(second.id)!.startedAt).toBeNull();
  });

  it('serves live progress while the database is busy, and writes it there only now and then', async () => {
    const { repo, events, file, home } = setup();
    const jobs = new JobManager({ repo, events, databasePath: file, home, persistProgressMs: 300 });
    let writes = 0;
    let busy = 0;
    const save = repo.saveProgress.bind(repo);
    // Every other write finds the database locked, as when an import holds the write lock.
    repo.saveProgress = (...a) => {
      if (++writes % 2 === 0) {
        busy++;
        throw Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
      }
      save(...a);
    };
    const job = jobs.start('system.machineCheck', 'check', { seconds: 1.5 });
    const seen: { live: number; event: number }[] = [];
    const off = events.subscribe((e, p) => {
      if (e === 'job.progress' && 'fraction' in p && p.jobId === job.id) {
        seen.push({ live: jobs.withLive(repo.get(job.id)!).progress, event: p.fraction });
      }
    });
    const done = await jobs.wait(job.id);
    off();
    expect(done.status).toBe('succeeded');
    expect(seen.length).toBeGreaterThan(5);
    for (const s of seen) expect(s.live).toBe(s.event);
    // ~15 progress events, but a write only every 300 ms; the busy ones did not stop the job.
    expect(writes).toBeLessThan(seen.length);
    expect(busy).toBeGreaterThan(0);
  });

  it('lets a succeeded worker finish its after-result work (the WAL checkpoint of an import) before shutdown returns', async () => {
    const { jobs, home, db } = setup();
    const csv = path.join(home, 'small.csv');
    fs.writeFileSync(csv, 'a,b\n' + Array.from({ length: 2000 }, (_, i) => `${i},${i % 7}`).join('\n'));
    const job = jobs.start('datasets.import', 'import', { ...importArgs.parse({ path: csv }), datasetId: 'd1' });
    const done = await jobs.wait(job.id);
    expect(done.status, JSON.stringify(done.error)).toBe('succeeded');
    expect(jobs.windingDown()).toBe(1);
    await jobs.shutdown();
    expect(jobs.windingDown()).toBe(0);
    expect(db.prepare('SELECT COUNT(*) AS n FROM ds_d1').get()).toEqual({ n: 2000 });
  });

  it('marks jobs of a dead process as interrupted at the next start', () => {
    const { db, repo, events, file, home } = setup();
    repo.insert({ id: 'dead-1', kind: 'system.machineCheck', title: 'orphan', args: {}, pid: 2 ** 22 + 7 });
    repo.markRunning('dead-1');
    repo.insert({ id: 'mine-reused', kind: 'system.machineCheck', title: 'same pid as us', args: {}, pid: process.pid });
    new JobManager({ repo, events, databasePath: file, home });
    expect(repo.get('dead-1')!.status).toBe('interrupted');
    expect(repo.get('mine-reused')!.status).toBe('interrupted');
    expect(repo.get('dead-1')!.error?.message).toMatch(/stopped before it finished/);
    expect(db.prepare("SELECT COUNT(*) AS n FROM jobs WHERE status='running'").get()).toEqual({ n: 0 });
  });
});

describe('estimateEta', () => {
  it('extrapolates linearly once there is signal', () => {
    expect(estimateEta(0.5, 10_000)).toBe(10_000);
    expect(estimateEta(0.25, 1_000)).toBe(3_000);
    expect(estimateEta(0, 5_000)).toBeNull();
    expect(estimateEta(0.5, 50)).toBeNull();
    expect(estimateEta(1, 5_000)).toBe(0);
  });
});
