/** The one message protocol between the host and every worker. */
import type { ApiErrorBody } from '../../shared/api/errors';
import type { JobArgs, JobKind, JobOutput, WorkerJobKind } from '../../shared/api/jobs';

/** What a worker starts with. `kind` is a job kind, or the explorer service's name. */
export interface WorkerStartData<K extends string = string> {
  jobId: string;
  kind: K;
  /** Already parsed against the job contract by JobManager.start. */
  args: K extends JobKind ? JobArgs<K> : unknown;
  /** The SQLite file, for tasks that read or write it from the worker. */
  databasePath: string;
  home: string;
  nativeBinding?: string;
  /** Int32 flag the host sets to 1 on cancel: readable even while the task never yields. */
  cancelFlag?: SharedArrayBuffer;
}

/** A worker started ahead of its job (electron/host/jobs/standby-worker.ts); `preload` names the likely job kind. */
export interface StandbyData {
  standby: true;
  preload?: string;
  /** The command's arguments after its name, for the likely task to prepare from (tasks/prepare.ts): a hint only. */
  argv?: string[];
}

export type HostToWorker = { type: 'cancel' } | { type: 'start'; data: WorkerStartData };

export type WorkerToHost =
  | { type: 'progress'; fraction: number; message?: string }
  | { type: 'metrics'; step: number; values: Record<string, number> }
  /** Facts known before the result (the backend a run trains on), for the host to record at once. */
  | { type: 'facts'; values: Record<string, string> }
  | { type: 'result'; data: unknown }
  /** `stack` (with its causes) is for the host's log; the user sees code and message. */
  | { type: 'error'; error: ApiErrorBody; stack?: string }
  | { type: 'cancelled' };

/** What a task sees: cooperative cancel plus progress/metrics reporting. */
export interface TaskContext {
  signal: AbortSignal;
  /** True once cancel was asked; unlike `signal`, also seen inside long synchronous loops. */
  cancelled(): boolean;
  progress(fraction: number, message?: string): void;
  metrics(step: number, values: Record<string, number>): void;
  /** Tells the host facts as soon as they are known (optional: contexts built by tests may omit it). */
  facts?(values: Record<string, string>): void;
  /**
   * Work that may end after the result is reported (a WAL checkpoint): the user has the result
   * while the worker finishes it. Runs once the task returned successfully; failures are only logged.
   */
  afterResult(work: () => void): void;
  start: WorkerStartData;
}

/** A job kind's work in a worker: its parsed arguments in, its output (or null when cancelled) out. */
export type Task<K extends JobKind> = (args: JobArgs<K>, ctx: TaskContext) => Promise<JobOutput<K> | null>;

/** Job kind → its task, loaded on demand (one mapped type, so a kind and its task stay paired). */
export type TaskRegistry = { [K in WorkerJobKind]: () => Promise<Task<K>> };
