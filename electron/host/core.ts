import type { Database } from 'better-sqlite3';
import { ApiError, type ApiResult } from '../../shared/api/errors';
import { isMethodName, parseArgs, type MethodName, type ResultOf } from '../../shared/api/contract';
import { EventBus } from './events';
import { JobManager } from './jobs/job-manager';
import { ExplorerClient } from './explorer/explorer-client';
import { JobsRepo } from '../data/db/repos/jobs-repo';
import { CatalogRepo } from '../data/db/repos/catalog-repo';
import { DatasetsRepo } from '../data/db/repos/datasets-repo';
import { RunsRepo } from '../data/db/repos/runs-repo';
import { SweepsRepo } from '../data/db/repos/sweeps-repo';
import { RegistryRepo } from '../data/db/repos/registry-repo';
import { AutomationRepo } from '../data/db/repos/automation-repo';
import { pidAlive, systemClock, type Clock } from './automation/clock';
import { AutomationScheduler, type SchedulerOptions } from './automation/scheduler';
import { SweepManager } from './sweeps/sweep-manager';
import { tableNameFor } from '../data/db/dataset-tables';
import { openDatabase } from '../data/db/open';
import { databasePath, resolveHome } from './paths';
import { runHandler } from './handlers/index';
import type { HostContext } from './handlers/types';
import { createLogger, type Logger } from '../data/log';
import { errorBody } from './error-body';
import type { JobKind, JobResult } from '../../shared/api/jobs';
import type { SweepDto } from '../../shared/api/methods/sweeps';

export interface CoreOptions {
  home?: string | null;
  host: HostContext['host'];
  nativeBinding?: string;
  maxConcurrentJobs?: number;
  /** Worker script override, e.g. the built bundle when measuring from sources (see JobManagerOptions). */
  workerScript?: string;
  /** The OS file picker, where the host has one (desktop). */
  pickFiles?: (title?: string) => Promise<string[]>;
  /** The time automation reads (schedules, leases); tests inject one. */
  clock?: Clock;
  /** Run retraining plans in the background while this core is open (the app, browser mode, the daemon). */
  scheduler?: boolean | SchedulerOptions;
}

/** The application core shared by Electron, browser mode and the CLI. No `electron` import. */
export interface Core {
  ctx: HostContext;
  dispatch(method: string, rawArgs: unknown): Promise<ApiResult<unknown>>;
  /** One method of the contract; its arguments are validated against the method's schema. */
  call<M extends MethodName>(method: M, args: unknown): Promise<ResultOf<M>>;
  /** Waits for a job started by a call: its typed result, or its error with the job's own code. */
  jobResult<K extends JobKind>(kind: K, jobId: string): Promise<JobResult<K>>;
  /** Push events, as the app's windows receive them. */
  subscribe: EventBus['subscribe'];
  /** Resolves when a sweep has ended. */
  sweepEnded(sweepId: string): Promise<SweepDto>;
  /** The background plan scheduler, when asked for: poke() it when the machine wakes. */
  scheduler: AutomationScheduler | null;
  home: string;
  log: Logger;
  close(): Promise<void>;
}

export function createCore(opts: CoreOptions): Core {
  const home = resolveHome(opts.home);
  const dbPath = databasePath(home);
  const db: Database = openDatabase(dbPath, { nativeBinding: opts.nativeBinding });
  const log = createLogger(home);
  const events = new EventBus(log);
  const repos = { jobs: new JobsRepo(db), catalog: new CatalogRepo(db), datasets: new DatasetsRepo(db), runs: new RunsRepo(db), sweeps: new SweepsRepo(db), registry: new RegistryRepo(db), automation: new AutomationRepo(db) };
  const jobs = new JobManager({
    repo: repos.jobs, events, databasePath: dbPath, home, nativeBinding: opts.nativeBinding,
    maxConcurrent: opts.maxConcurrentJobs, workerScript: opts.workerScript, log,
  });
  // After interrupted jobs are marked: tables of imports that died with their process go.
  repos.datasets.collectOrphans(repos.jobs.activeDatasetIds().map(tableNameFor));
  repos.runs.markInterrupted();
  repos.sweeps.markInterrupted();
  const now = opts.clock ?? systemClock;
  // A plan run whose process died (kill -9, power loss) decided nothing: its alias was never moved.
  repos.automation.markInterrupted(pidAlive, now());
  const explorer = new ExplorerClient({ databasePath: dbPath, home, nativeBinding: opts.nativeBinding, workerScript: opts.workerScript, log });
  const base = { db, events, jobs, repos, home, databasePath: dbPath, host: opts.host, pickFiles: opts.pickFiles, explorer, log, now };
  // The sweep manager starts runs through the same context it belongs to: made on first use.
  let sweeps: SweepManager | undefined;
  const ctx: HostContext = {
    ...base,
    get sweeps() {
      return (sweeps ??= new SweepManager(ctx));
    },
  };

  async function call<M extends MethodName>(method: M, rawArgs: unknown): Promise<ResultOf<M>> {
    if (!isMethodName(method)) throw new ApiError('unknown_method', `Unknown method '${String(method)}'`, { method });
    return await runHandler(method, parseArgs(method, rawArgs), ctx);
  }

  async function dispatch(method: string, rawArgs: unknown): Promise<ApiResult<unknown>> {
    try {
      if (!isMethodName(method)) throw new ApiError('unknown_method', `Unknown method '${method}'`, { method });
      return { ok: true, data: await call(method, rawArgs) };
    } catch (err) {
      return { ok: false, error: errorBody(err, log, method) };
    }
  }

  const scheduler = opts.scheduler ? new AutomationScheduler(ctx, typeof opts.scheduler === 'object' ? opts.scheduler : {}) : null;
  ctx.scheduler = scheduler;
  scheduler?.start();

  return {
    ctx,
    dispatch,
    call,
    jobResult: (kind, jobId) => jobs.result(kind, jobId),
    subscribe: (listener) => events.subscribe(listener),
    sweepEnded: (id) => ctx.sweeps.wait(id),
    home,
    log,
    scheduler,
    async close() {
      // Stopping ends the jobs a plan run waits on, so the run records its end before the database closes.
      const stopping = scheduler?.stop();
      await jobs.shutdown();
      await stopping;
      await ctx.explorer.close();
      db.close();
    },
  };
}
