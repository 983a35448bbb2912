import type { Database } from 'better-sqlite3';
import { ApiError, type ApiResult } from '../../shared/api/errors';
import { isMethodName, parseArgs, type MethodName, type ResultOf } from '../../shared/api/contract';
import { EventBus } from './events';
import { JobManager } from './jobs/job-manager';
import { ExplorerClient } from './explorer/explorer-client';
import { JobsRepo } from './db/repos/jobs-repo';
import { CatalogRepo } from './db/repos/catalog-repo';
import { DatasetsRepo } from './db/repos/datasets-repo';
import { RunsRepo } from './db/repos/runs-repo';
import { SweepsRepo } from './db/repos/sweeps-repo';
import { RegistryRepo } from './db/repos/registry-repo';
import { SweepManager } from './sweeps/sweep-manager';
import { tableNameFor } from './db/dataset-tables';
import { openDatabase } from './db/open';
import { databasePath, resolveHome } from './paths';
import { handlers } from './handlers/index';
import type { HostContext } from './handlers/types';

export interface CoreOptions {
  home?: string | null;
  host: HostContext['host'];
  nativeBinding?: string;
  maxConcurrentJobs?: number;
  /** Worker script override, e.g. the built bundle when measuring from sources (see JobManagerOptions). */
  workerScript?: string;
  /** The OS file picker, where the host has one (desktop). */
  pickFiles?: (title?: string) => Promise<string[]>;
}

/** The application core shared by Electron, browser mode and the CLI. No `electron` import. */
export interface Core {
  ctx: HostContext;
  dispatch(method: string, rawArgs: unknown): Promise<ApiResult<unknown>>;
  call<M extends MethodName>(method: M, args: unknown): Promise<ResultOf<M>>;
  close(): Promise<void>;
}

export function createCore(opts: CoreOptions): Core {
  const home = resolveHome(opts.home);
  const dbPath = databasePath(home);
  const db: Database = openDatabase(dbPath, { nativeBinding: opts.nativeBinding });
  const events = new EventBus();
  const repos = { jobs: new JobsRepo(db), catalog: new CatalogRepo(db), datasets: new DatasetsRepo(db), runs: new RunsRepo(db), sweeps: new SweepsRepo(db), registry: new RegistryRepo(db) };
  const jobs = new JobManager({
    repo: repos.jobs, events, databasePath: dbPath, home, nativeBinding: opts.nativeBinding,
    maxConcurrent: opts.maxConcurrentJobs, workerScript: opts.workerScript,
  });
  // After interrupted jobs are marked: tables of imports that died with their process go.
  repos.datasets.collectOrphans(repos.jobs.activeDatasetIds().map(tableNameFor));
  repos.runs.markInterrupted();
  repos.sweeps.markInterrupted();
  const ctx = { db, events, jobs, repos, home, databasePath: dbPath, host: opts.host, pickFiles: opts.pickFiles } as HostContext;
  ctx.sweeps = new SweepManager(ctx);
  ctx.explorer = new ExplorerClient({ databasePath: dbPath, home, nativeBinding: opts.nativeBinding, workerScript: opts.workerScript });

  async function call<M extends MethodName>(method: M, rawArgs: unknown): Promise<ResultOf<M>> {
    if (!isMethodName(method)) throw new ApiError('unknown_method', `Unknown method '${String(method)}'`, { method });
    const args = parseArgs(method, rawArgs);
    const handler = handlers[method] as (a: unknown, c: HostContext) => ResultOf<M> | Promise<ResultOf<M>>;
    return await handler(args, ctx);
  }

  async function dispatch(method: string, rawArgs: unknown): Promise<ApiResult<unknown>> {
    try {
      return { ok: true, data: await call(method as MethodName, rawArgs) };
    } catch (err) {
      if (err instanceof ApiError) return { ok: false, error: err.toBody() };
      return { ok: false, error: { code: 'internal', message: (err as Error)?.message ?? String(err) } };
    }
  }

  return {
    ctx,
    dispatch,
    call,
    async close() {
      await jobs.shutdown();
      await ctx.explorer.close();
      db.close();
    },
  };
}
