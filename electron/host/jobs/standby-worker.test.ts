import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../data/db/open';
import { JobsRepo } from '../../data/db/repos/jobs-repo';
import { EventBus } from '../events';
import { tempHome } from '../../../tests/helpers/temp-home';
import { standbyKind } from '../../cli/job-commands';
import { JobManager } from './job-manager';
import { startStandby } from './standby-worker';
import { workerEntry } from './worker-entry';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

function manager() {
  const h = tempHome();
  const file = path.join(h.dir, 'lathe.db');
  const db = openDatabase(file);
  const jobs = new JobManager({ repo: new JobsRepo(db), events: new EventBus(), databasePath: file, home: h.dir });
  cleanups.push(() => {
    db.close();
    h.cleanup();
  });
  return jobs;
}

const spare = () => (globalThis as { [k: symbol]: unknown })[Symbol.for('lathe.standbyWorker')];

describe('a worker started before its job', () => {
  it('takes the job it is handed, as a worker started with it would', async () => {
    startStandby(workerEntry(), 'system.machineCheck');
    expect(spare()).toBeDefined();
    const jobs = manager();
    const job = jobs.start('system.machineCheck', 'check', { seconds: 0.2 });
    expect(spare()).toBeUndefined(); // the job took the waiting worker
    const { steps } = await jobs.result('system.machineCheck', job.id);
    expect(steps).toBeGreaterThan(0);
    // The next job finds no spare and starts its own worker.
    const second = jobs.start('system.machineCheck', 'check', { seconds: 0.2 });
    expect((await jobs.wait(second.id)).status).toBe('succeeded');
  });

  it('is cancelled like any worker', async () => {
    startStandby(workerEntry(), 'system.machineCheck');
    const jobs = manager();
    const job = jobs.start('system.machineCheck', 'check', { seconds: 60 });
    jobs.cancel(job.id);
    expect((await jobs.wait(job.id)).status).toBe('cancelled');
  });

  it('is started for job commands only, found after the global options', () => {
    expect(standbyKind(['--home', '/x', '--json', 'import', 'a.csv'])).toBe('datasets.import');
    expect(standbyKind(['--home', 'train', 'runs'])).toBeUndefined(); // 'train' is the folder
    expect(standbyKind(['train', '--help'])).toBeUndefined();
    expect(standbyKind(['constructor'])).toBeUndefined();
  });
});
