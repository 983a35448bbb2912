/**
 * Another program holds the database's write lock past the 5 s busy timeout while a job streams
 * curve points and finishes: the host must neither crash nor lose the points or the job's end.
 */
import path from 'node:path';
import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../data/db/open';
import { JobsRepo } from '../../data/db/repos/jobs-repo';
import { EventBus } from '../events';
import { JobManager } from './job-manager';
import { tempHome } from '../../../tests/helpers/temp-home';
import { memoryLogger } from '../../data/log';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

/** A separate process that takes the write lock, says so, and keeps it for `ms`. */
function holdLock(file: string, ms: number): Promise<{ released: Promise<void> }> {
  const script = `
    const Database = require('better-sqlite3');
    const db = new Database(process.argv[1]);
    db.prepare('BEGIN IMMEDIATE').run();
    process.stdout.write('locked\\n');
    setTimeout(() => { db.prepare('COMMIT').run(); db.close(); }, Number(process.argv[2]));`;
  const child = spawn(process.execPath, ['-e', script, file, String(ms)], { cwd: path.resolve(import.meta.dirname, '../../..'), stdio: ['ignore', 'pipe', 'inherit'] });
  const released = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => d.toString().includes('locked') && resolve({ released }));
    child.on('error', reject);
  });
}

describe('a database held by another program', () => {
  it('keeps the job alive, then saves every curve point and records the end once the lock is gone', async () => {
    const h = tempHome();
    const file = path.join(h.dir, 'lathe.db');
    const db = openDatabase(file);
    db.exec('CREATE TABLE points (step INTEGER PRIMARY KEY)');
    cleanups.push(() => {
      db.close();
      h.cleanup();
    });
    const repo = new JobsRepo(db);
    const log = memoryLogger();
    const jobs = new JobManager({ repo, events: new EventBus(log), databasePath: file, home: h.dir, log });
    const insert = db.prepare('INSERT INTO points (step) VALUES (?)');
    let lock: Promise<{ released: Promise<void> }> | null = null;
    const job = jobs.start('system.machineCheck', 'check', { seconds: 2 }, {
      onMetrics: (points) => {
        // The lock arrives while points are streaming, as in the reported crash.
        lock ??= holdLock(file, 6500);
        db.transaction(() => points.forEach((p) => insert.run(p.step))).immediate();
      },
    });
    const { steps } = await jobs.result('system.machineCheck', job.id);
    await (await lock!).released;
    // The end may have been written by the background retry: wait for it without a clock.
    await expect.poll(() => repo.get(job.id)!.status, { timeout: 15_000, interval: 200 }).toBe('succeeded');
    const saved = (db.prepare('SELECT step FROM points ORDER BY step').all() as { step: number }[]).map((r) => r.step);
    expect(saved).toEqual(Array.from({ length: steps }, (_, i) => i + 1));
    expect(log.lines.join('\n')).toMatch(/database busy/);
  }, 40_000);
});
