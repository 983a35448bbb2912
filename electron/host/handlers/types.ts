import type { MethodName, ParsedArgsOf, ResultOf } from '../../../shared/api/contract';
import type { Database } from 'better-sqlite3';
import type { EventBus } from '../events';
import type { JobManager } from '../jobs/job-manager';
import type { JobsRepo } from '../../data/db/repos/jobs-repo';
import type { CatalogRepo } from '../../data/db/repos/catalog-repo';
import type { DatasetsRepo } from '../../data/db/repos/datasets-repo';
import type { RunsRepo } from '../../data/db/repos/runs-repo';
import type { SweepsRepo } from '../../data/db/repos/sweeps-repo';
import type { RegistryRepo } from '../../data/db/repos/registry-repo';
import type { AutomationRepo } from '../../data/db/repos/automation-repo';
import type { SweepManager } from '../sweeps/sweep-manager';
import type { ExplorerClient } from '../explorer/explorer-client';
import type { AppInfoDto } from '../../../shared/api/dto';
import type { Logger } from '../../data/log';
import type { AutomationScheduler } from '../automation/scheduler';

/** Everything a handler may use. Handlers stay thin: validate (done by the dispatcher), delegate, return. */
export interface HostContext {
  db: Database;
  events: EventBus;
  jobs: JobManager;
  repos: { jobs: JobsRepo; catalog: CatalogRepo; datasets: DatasetsRepo; runs: RunsRepo; sweeps: SweepsRepo; registry: RegistryRepo; automation: AutomationRepo };
  sweeps: SweepManager;
  /** The long-lived worker behind the explorer (what-if, explanations, external .onnx files). */
  explorer: ExplorerClient;
  home: string;
  databasePath: string;
  host: AppInfoDto['host'];
  pickFiles?: (title?: string) => Promise<string[]>;
  /** `<home>/lathe.log`: failures with their stacks. */
  log: Logger;
  /** The time as schedules and leases read it (tests inject one). */
  now: () => Date;
  /** The background plan scheduler of this process, when it runs one. */
  scheduler?: AutomationScheduler | null;
}

export type Handler<M extends MethodName> = (args: ParsedArgsOf<M>, ctx: HostContext) => ResultOf<M> | Promise<ResultOf<M>>;
export type HandlerGroup<K extends MethodName> = { [M in K]: Handler<M> };
export type HandlerMap = HandlerGroup<MethodName>;
