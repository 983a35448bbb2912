/** The job manager's types: what callers pass (hooks, options, a host job's context) and its record of a live job. */
import type { Worker } from 'node:worker_threads';
import type { JobDto, MetricPointDto } from '../../../shared/api/dto';
import type { ApiErrorBody } from '../../../shared/api/errors';
import type { HostJobKind, JobArgs, JobKind, JobOutput, JobResult } from '../../../shared/api/jobs';
import type { EventBus } from '../events';
import type { JobsRepo } from '../../data/db/repos/jobs-repo';
import type { Logger } from '../../data/log';

export interface JobHooks<K extends JobKind> {
  /**
   * Batched metric points (every flush, ~100 ms), e.g. to persist a run's curves. A busy
   * database keeps the batch for the next flush; any other failure fails the job.
   */
  onMetrics?(points: MetricPointDto[]): void;
  /** Facts the worker reports before its result (a run's backend); a failure here is only logged. */
  onFacts?(facts: Record<string, string>): void;
  /** Runs in the host after the worker succeeded; its return value becomes the job result. */
  onSucceeded?(output: JobOutput<K>): JobResult<K>;
  /** Runs in the host after a failure or cancel, e.g. to mark a run record. */
  onFinished?(status: 'failed' | 'cancelled', error: ApiErrorBody | null): void;
}

export interface JobManagerOptions {
  repo: JobsRepo;
  events: EventBus;
  databasePath: string;
  home: string;
  nativeBinding?: string;
  throttleMs?: number;
  /** How often running progress is written for other processes (rare: a write waits out an import's lock). */
  persistProgressMs?: number;
  /** Grace period between a cancel request and a hard terminate. */
  cancelGraceMs?: number;
  maxConcurrent?: number;
  /** The worker script (default: workerEntry(), the bundled worker beside the built app or the tsx bootstrap). */
  workerScript?: string;
  /** Where failures are written with their stacks (default: kept in memory). */
  log?: Logger;
}

export interface Live {
  job: JobDto;
  kind: JobKind;
  args: unknown;
  /** The job's typed hooks, closed over at start so this record needs no kind-specific types. */
  succeed(output: unknown): unknown;
  onMetrics?(points: MetricPointDto[]): void;
  onFacts?(facts: Record<string, string>): void;
  onFinished?(status: 'failed' | 'cancelled', error: ApiErrorBody | null): void;
  /** Since when curve points have waited for a busy database (0 = not waiting). */
  busySince: number;
  worker: Worker | null;
  startedAt: number;
  pendingProgress: { fraction: number; message: string | null } | null;
  pendingPoints: MetricPointDto[];
  /** The latest progress, served to jobs.list/get before it reaches the database. */
  progress: { fraction: number; message: string | null; etaMs: number | null } | null;
  persistedAt: number;
  timer: NodeJS.Timeout | null;
  cancelTimer: NodeJS.Timeout | null;
  cancelRequested: boolean;
  cancelFlag: SharedArrayBuffer;
  /** A job whose work runs in this process: cancel aborts this, and the work's end finishes the job. */
  host: AbortController | null;
  done: boolean;
}

/** What a host job's work gets: its parsed arguments, a cancel signal, and progress for the tray. */
export interface HostJobContext<K extends HostJobKind> {
  args: JobArgs<K>;
  signal: AbortSignal;
  progress(fraction: number, message: string): void;
}

/** A live record with nothing sent yet: the fields both kinds of job start from. */
export function newLive(job: JobDto, kind: JobKind, args: unknown, succeed: (output: unknown) => unknown): Live {
  return {
    job, kind, args, succeed, busySince: 0, worker: null, startedAt: 0, pendingProgress: null, pendingPoints: [], progress: null, persistedAt: 0,
    timer: null, cancelTimer: null, cancelRequested: false, cancelFlag: new SharedArrayBuffer(4), host: null, done: false,
  };
}

/** Whether a process of this id still runs (a job row of a dead process is interrupted). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
