import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/open';
import { JobsRepo } from '../db/repos/jobs-repo';
import { EventBus } from '../events';
import { JobManager } from './job-manager';
import { estimateEta } from './eta';
import { tempHome } from '../../../tests/helpers/temp-home';
import type { EventName } from '../../../shared/api/events';
import { importArgs } from '../../../shared/api/methods/datasets';

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

describe('JobManager', () => {
  it('returns an id at once, then started → progress → ended with a persisted result', async () => {
    const { jobs, log, repo } = setup();
    const t0 = Date.now();
    const job = jobs.start('system.machineCheck', 'check', { seconds: 1 });
    expect(Date.now() - t0).toBeLessThan(500);
    expect(['queued', 'running']).toContain(job.status);
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

  it('throttles progress to about one event per 100 ms while metrics arrive in batches', async () => {
    const { jobs, log } = setup();
    const job = jobs.start('system.machineCheck', 'check', { seconds: 1.5 });
    const done = await jobs.wait(job.id);
    const progress = log.filter((l) => l.event === 'job.progress');
    const metricBatches = log.filter((l) => l.event === 'job.metrics') as { payload: { points: unknown[] } }[];
    const steps = (done.result as { steps: number }).steps;
    // Far more worker messages than events: the host coalesced them.
    expect(steps).toBeGreaterThan(progress.length * 2);
    expect(progress.length).toBeLessThanOrEqual(Math.ceil(1500 / 100) + 3);
    expect(metricBatches.reduce((n, b) => n + b.payload.points.length, 0)).toBe(steps);
    // Every gap but the last (the final flush at the end of the job) respects the window.
    for (let i = 1; i < progress.length - 1; i++) expect(progress[i].at - progress[i - 1].at).toBeGreaterThanOrEqual(80);
  });

  it('cancels a running job by id and records it as cancelled', async () => {
    const { jobs, log, repo } = setup();
    const job = jobs.start('system.machineCheck', 'check', { seconds: 60 });
    await new Promise<void>((r) => {
      const off = jobs['o'].events.subscribe((e) => {
        if (e === 'job.progress') {
          off();
          r();
        }
      });
    });
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
      if (e === 'job.progress' && (p as { jobId: string }).jobId === job.id) {
        seen.push({ live: jobs.withLive(repo.get(job.id)!).progress, event: (p as { fraction: number }).fraction });
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
    expect(done.status).toBe('succeeded');
    const winding = jobs['winding'] as Set<Promise<void>>;
    expect(winding.size).toBe(1);
    await jobs.shutdown();
    expect(winding.size).toBe(0);
    expect(db.prepare('SELECT COUNT(*) AS n FROM ds_d1').get()).toEqual({ n: 2000 });
  });

  it('fails cleanly on an unknown job kind', async () => {
    const { jobs } = setup();
    const job = jobs.start('no.such.kind', 'x', {});
    const done = await jobs.wait(job.id);
    expect(done.status).toBe('failed');
    expect(done.error?.message).toMatch(/Unknown job kind 'no.such.kind'/);
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
