/** The one message protocol between the host and every worker. */
import type { ApiErrorBody } from '../../shared/api/errors';

export interface WorkerStartData {
  jobId: string;
  kind: string;
  args: unknown;
  /** The SQLite file, for tasks that read or write it from the worker. */
  databasePath: string;
  home: string;
  nativeBinding?: string;
  /** Int32 flag the host sets to 1 on cancel: readable even while the task never yields. */
  cancelFlag?: SharedArrayBuffer;
}

export type HostToWorker = { type: 'cancel' };

export type WorkerToHost =
  | { type: 'progress'; fraction: number; message?: string }
  | { type: 'metrics'; step: number; values: Record<string, number> }
  | { type: 'result'; data: unknown }
  | { type: 'error'; error: ApiErrorBody }
  | { type: 'cancelled' };

/** What a task sees: cooperative cancel plus progress/metrics reporting. */
export interface TaskContext {
  signal: AbortSignal;
  /** True once cancel was asked; unlike `signal`, also seen inside long synchronous loops. */
  cancelled(): boolean;
  progress(fraction: number, message?: string): void;
  metrics(step: number, values: Record<string, number>): void;
  /**
   * Work that may end after the result is reported (a WAL checkpoint): the user has the result
   * while the worker finishes it. Runs once the task returned successfully; failures are only logged.
   */
  afterResult(work: () => void): void;
  start: WorkerStartData;
}

export type Task = (args: unknown, ctx: TaskContext) => Promise<unknown>;
