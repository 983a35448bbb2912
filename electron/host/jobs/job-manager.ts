import os from 'node:os';
import { randomUUID } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import type { JobDto, MetricPointDto } from '../../../shared/api/dto';
import { ApiError, type ApiErrorBody } from '../../../shared/api/errors';
import type { EventBus } from '../events';
import type { JobsRepo } from '../db/repos/jobs-repo';
import type { WorkerStartData, WorkerToHost } from '../../workers/protocol';
import { workerEntry } from './worker-entry';
import { estimateEta } from './eta';

export interface JobHooks {
  /** Batched metric points (every flush, ~100 ms), e.g. to persist a run's curves. */
  onMetrics?(points: MetricPointDto[]): void;
  /** Runs in the host after the worker succeeded; its return value becomes the job result. */
  onSucceeded?(result: unknown): unknown;
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
  /**
   * How often a running job's progress is written to the database (for other processes). The
   * host's own answers use the live value; a write waits while an import holds the write lock,
   * so it is kept rare.
   */
  persistProgressMs?: number;
  /** Grace period between a cancel request and a hard terminate. */
  cancelGraceMs?: number;
  maxConcurrent?: number;
  /** The worker script (default: workerEntry(), the bundled worker beside the built app or the tsx bootstrap). */
  workerScript?: string;
}

interface Live {
  job: JobDto;
  args: unknown;
  hooks: JobHooks;
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
  done: boolean;
}

/** Runs long work in worker threads: ids at once, throttled typed events, cancel, persisted state. */
export class JobManager {
  private live = new Map<string, Live>();
  private queue: string[] = [];
  /** Workers of succeeded jobs still finishing their after-result work (a WAL checkpoint). */
  private winding = new Set<Promise<void>>();
  private readonly throttleMs: number;
  private readonly maxConcurrent: number;

  constructor(private readonly o: JobManagerOptions) {
    this.throttleMs = o.throttleMs ?? 100;
    this.maxConcurrent = o.maxConcurrent ?? Math.max(1, os.availableParallelism());
    o.repo.markInterrupted((pid) => pid !== process.pid && isProcessAlive(pid));
  }

  start(kind: string, title: string, args: unknown, hooks: JobHooks = {}): JobDto {
    const job = this.o.repo.insert({ id: randomUUID(), kind, title, args, pid: process.pid });
    this.live.set(job.id, {
      job, args, hooks, worker: null, startedAt: 0, pendingProgress: null, pendingPoints: [], progress: null, persistedAt: 0,
      timer: null, cancelTimer: null, cancelRequested: false, cancelFlag: new SharedArrayBuffer(4), done: false,
    });
    this.queue.push(job.id);
    this.pump();
    return this.o.repo.get(job.id)!;
  }

  cancel(id: string): JobDto {
    const l = this.live.get(id);
    const job = this.o.repo.get(id);
    if (!job) throw new ApiError('not_found', `No job with id '${id}'`, { field: 'id' });
    if (!l || l.done) return job; // already finished: cancelling is a no-op
    l.cancelRequested = true;
    if (!l.worker) {
      this.queue = this.queue.filter((q) => q !== id);
      this.finish(l, 'cancelled', {});
      return this.o.repo.get(id)!;
    }
    Atomics.store(new Int32Array(l.cancelFlag), 0, 1);
    l.worker.postMessage({ type: 'cancel' });
    l.cancelTimer = setTimeout(() => {
      if (!l.done) {
        void l.worker?.terminate();
        this.finish(l, 'cancelled', {});
      }
    }, this.o.cancelGraceMs ?? 3000);
    return this.withLive(this.o.repo.get(id)!);
  }

  /** Resolves when the job reaches a terminal state (for the CLI and tests). */
  wait(id: string): Promise<JobDto> {
    return new Promise((resolve) => {
      const check = () => {
        const l = this.live.get(id);
        if (!l || l.done) {
          resolve(this.o.repo.get(id)!);
          return true;
        }
        return false;
      };
      if (check()) return;
      const off = this.o.events.subscribe((event, payload) => {
        if ((event === 'job.ended' || event === 'job.failed' || event === 'job.cancelled') && (payload as { job: JobDto }).job.id === id) {
          off();
          resolve((payload as { job: JobDto }).job);
        }
      });
    });
  }

  /** The job with the progress of its live run, which the database may not have yet. */
  withLive(job: JobDto): JobDto {
    const p = this.live.get(job.id)?.progress;
    return p && job.status === 'running' ? { ...job, progress: p.fraction, message: p.message, etaMs: p.etaMs } : job;
  }

  runningCount(): number {
    return [...this.live.values()].filter((l) => l.worker && !l.done).length;
  }

  /** Cancels everything still running and lets succeeded workers finish (process shutdown). */
  async shutdown(windDownMs = 10_000): Promise<void> {
    const open = [...this.live.values()].filter((l) => !l.done);
    for (const l of open) {
      await l.worker?.terminate();
      this.finish(l, 'cancelled', { error: { code: 'cancelled', message: 'Lathe was closed while this job ran.' } });
    }
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.settled(), new Promise((r) => (timer = setTimeout(r, windDownMs)))]);
    clearTimeout(timer);
  }

  /** Resolves when the workers of finished jobs have exited (their after-result work done). */
  async settled(): Promise<void> {
    await Promise.all(this.winding);
  }

  private pump(): void {
    while (this.queue.length && this.runningCount() < this.maxConcurrent) {
      const id = this.queue.shift()!;
      const l = this.live.get(id);
      if (l && !l.done) this.launch(l);
    }
  }

  private launch(l: Live): void {
    const data: WorkerStartData = {
      jobId: l.job.id, kind: l.job.kind, args: l.args,
      databasePath: this.o.databasePath, home: this.o.home, nativeBinding: this.o.nativeBinding, cancelFlag: l.cancelFlag,
    };
    const worker = new Worker(this.o.workerScript ?? workerEntry(), { workerData: data });
    l.worker = worker;
    l.startedAt = Date.now();
    this.o.repo.markRunning(l.job.id);
    l.job = this.o.repo.get(l.job.id)!;
    this.o.events.emit('job.started', { job: l.job });
    worker.on('message', (msg: WorkerToHost) => this.onMessage(l, msg));
    worker.on('error', (err) => this.finish(l, 'failed', { error: { code: 'internal', message: err.message } }));
    worker.on('exit', (code) => {
      if (!l.done) {
        if (l.cancelRequested) this.finish(l, 'cancelled', {});
        else this.finish(l, 'failed', { error: { code: 'internal', message: `The worker stopped unexpectedly (exit code ${code}).` } });
      }
    });
  }

  private onMessage(l: Live, msg: WorkerToHost): void {
    if (l.done) return;
    switch (msg.type) {
      case 'progress':
        l.pendingProgress = { fraction: msg.fraction, message: msg.message ?? null };
        this.schedule(l);
        break;
      case 'metrics':
        l.pendingPoints.push({ step: msg.step, values: msg.values });
        this.schedule(l);
        break;
      case 'result': {
        try {
          const result = l.hooks.onSucceeded ? l.hooks.onSucceeded(msg.data) : msg.data;
          this.finish(l, 'succeeded', { result });
        } catch (err) {
          const error = err instanceof ApiError ? err.toBody() : { code: 'internal' as const, message: (err as Error).message };
          this.finish(l, 'failed', { error });
        }
        break;
      }
      case 'error':
        this.finish(l, 'failed', { error: msg.error });
        break;
      case 'cancelled':
        this.finish(l, 'cancelled', {});
        break;
    }
  }

  private schedule(l: Live): void {
    if (!l.timer) l.timer = setTimeout(() => this.flush(l), this.throttleMs);
  }

  /** Sends at most one progress event and one metrics batch per job per throttle window. */
  private flush(l: Live): void {
    if (l.timer) clearTimeout(l.timer);
    l.timer = null;
    if (l.pendingPoints.length) {
      const points = l.pendingPoints;
      l.pendingPoints = [];
      l.hooks.onMetrics?.(points);
      this.o.events.emit('job.metrics', { jobId: l.job.id, points });
    }
    if (l.pendingProgress) {
      const { fraction, message } = l.pendingProgress;
      l.pendingProgress = null;
      const etaMs = estimateEta(fraction, Date.now() - l.startedAt);
      l.progress = { fraction, message, etaMs };
      if (Date.now() - l.persistedAt >= (this.o.persistProgressMs ?? 2000)) {
        l.persistedAt = Date.now();
        try {
          this.o.repo.saveProgress(l.job.id, fraction, message, etaMs);
        } catch {
          // The database is busy: the live value above still answers; the next window retries.
        }
      }
      this.o.events.emit('job.progress', { jobId: l.job.id, fraction, etaMs, message });
    }
  }

  private finish(l: Live, status: 'succeeded' | 'failed' | 'cancelled', out: { result?: unknown; error?: ApiErrorBody }): void {
    if (l.done) return;
    this.flush(l);
    l.done = true;
    if (l.cancelTimer) clearTimeout(l.cancelTimer);
    if (status !== 'succeeded') {
      try {
        l.hooks.onFinished?.(status, out.error ?? null);
      } catch {
        // The job's own record below is what matters.
      }
    }
    const error = status === 'cancelled' ? (out.error ?? { code: 'cancelled', message: 'Cancelled by the user.' }) : out.error;
    const job = this.o.repo.finish(l.job.id, status, { result: out.result, error });
    l.job = job;
    const event = status === 'succeeded' ? 'job.ended' : status === 'failed' ? 'job.failed' : 'job.cancelled';
    this.o.events.emit(event, { job });
    // Let the worker wind down by itself; a cancelled one is stopped by the grace timer or here.
    if (status !== 'succeeded') void l.worker?.terminate();
    else if (l.worker) {
      const worker = l.worker;
      const exited: Promise<void> = new Promise((resolve) => worker.once('exit', () => resolve()));
      this.winding.add(exited);
      void exited.then(() => this.winding.delete(exited));
    }
    this.live.delete(l.job.id);
    this.pump();
  }
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
