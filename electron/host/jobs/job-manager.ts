import os from 'node:os';
import { randomUUID } from 'node:crypto';
import type { JobDto, MetricPointDto } from '../../../shared/api/dto';
import { ApiError, isErrorCode, type ApiErrorBody } from '../../../shared/api/errors';
import { isHostJobKind, isJobKind, jobKinds, parseOutput, parseResult, type HostJobKind, type JobArgs, type JobArgsIn, type JobKind, type JobOutput, type JobResult } from '../../../shared/api/jobs';
import { isBusy } from '../../data/db/busy';
import type { WorkerStartData, WorkerToHost } from '../../workers/protocol';
import { memoryLogger, type Logger } from '../../data/log';
import { workerEntry } from './worker-entry';
import { jobWorker } from './standby-worker';
import { estimateEta } from './eta';
import { isProcessAlive, newLive, type HostJobContext, type JobHooks, type JobManagerOptions, type Live } from './job-types';
import { recordEnd } from './record-end';

/** How long curve points may wait for a busy database before the job fails with that reason. */
const METRICS_BUSY_LIMIT_MS = 60_000;

export type { HostJobContext, JobHooks, JobManagerOptions } from './job-types';

/** Runs long work in worker threads: ids at once, throttled typed events, cancel, persisted state. */
export class JobManager {
  private live = new Map<string, Live>();
  private queue: string[] = [];
  /** Workers of succeeded jobs still finishing their after-result work (a WAL checkpoint). */
  private winding = new Set<Promise<void>>();
  private readonly throttleMs: number;
  private readonly maxConcurrent: number;
  private readonly log: Logger;
  private shuttingDown = false;

  constructor(private readonly o: JobManagerOptions) {
    this.throttleMs = o.throttleMs ?? 100;
    this.maxConcurrent = o.maxConcurrent ?? Math.max(1, os.availableParallelism());
    this.log = o.log ?? memoryLogger();
    o.repo.markInterrupted((pid) => pid !== process.pid && isProcessAlive(pid));
  }

  /**
   * Starts a job of a kind of the job contract (shared/api/jobs.ts). Its arguments are parsed
   * here, once: a `bad_request` names the field; the worker receives the parsed value.
   */
  start<K extends JobKind>(kind: K, title: string, rawArgs: JobArgsIn<K>, hooks: JobHooks<K> = {}): JobDto {
    if (isHostJobKind(kind)) throw new ApiError('internal', `The ${kind} job runs in the host: start it with startInHost`);
    const args = this.parse(kind, rawArgs);
    const succeed = (data: unknown): unknown => {
      const output = parseOutput(kind, data);
      return hooks.onSucceeded ? hooks.onSucceeded(output) : output;
    };
    const job = this.o.repo.insert({ id: randomUUID(), kind, title, args, pid: process.pid });
    this.live.set(job.id, { ...newLive(job, kind, args, succeed), onMetrics: hooks.onMetrics, onFacts: hooks.onFacts, onFinished: hooks.onFinished });
    this.queue.push(job.id);
    this.pump();
    return this.o.repo.get(job.id)!;
  }

  /**
   * Starts a job whose work runs here, in the host, because it only waits on other jobs (a plan run):
   * it runs at once, never queued behind workers, and is listed, waited for and ended like any other.
   * Cancel aborts `signal`; the job ends when the work settles (cancelled if it was asked to).
   */
  startInHost<K extends HostJobKind>(kind: K, title: string, rawArgs: JobArgsIn<K>, work: (c: HostJobContext<K>) => Promise<JobOutput<K>>): JobDto {
    const args = this.parse(kind, rawArgs);
    const job = this.o.repo.insert({ id: randomUUID(), kind, title, args, pid: process.pid });
    const l: Live = { ...newLive(job, kind, args, (data) => parseOutput(kind, data)), startedAt: Date.now(), host: new AbortController() };
    this.live.set(job.id, l);
    try {
      this.o.repo.markRunning(job.id);
      l.job = this.o.repo.get(job.id)!;
    } catch (err) {
      // As for a worker job: the live state answers until the end is written.
      this.log.warn('could not mark the job running', { jobId: job.id, kind, err });
      l.job = { ...l.job, status: 'running' };
    }
    this.o.events.emit('job.started', { job: l.job });
    const progress = (fraction: number, message: string) => {
      l.pendingProgress = { fraction: Math.min(1, Math.max(0, fraction)), message };
      this.schedule(l);
    };
    void work({ args, signal: l.host!.signal, progress }).then(
      (output) => {
        if (l.cancelRequested) this.finish(l, 'cancelled', {});
        else {
          try {
            this.finish(l, 'succeeded', { result: l.succeed(output) });
          } catch (err) {
            this.fail(l, 'saving the result failed', err);
          }
        }
      },
      (err) => (l.cancelRequested ? this.finish(l, 'cancelled', {}) : this.fail(l, `the ${kind} job failed`, err)),
    );
    return l.job;
  }

  /** A job's arguments parsed against the job contract, once: a `bad_request` names the field. */
  private parse<K extends JobKind>(kind: K, rawArgs: JobArgsIn<K>): JobArgs<K> {
    if (!isJobKind(kind)) throw new ApiError('internal', `There is no job kind '${kind}'`);
    const parsed = jobKinds[kind].args.safeParse(rawArgs);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue.path.map(String).join('.') || '(args)';
      throw new ApiError('bad_request', `Invalid argument '${field}' for the ${kind} job: ${issue.message}`, { field });
    }
    return parsed.data as JobArgs<K>;
  }

  cancel(id: string): JobDto {
    const l = this.live.get(id);
    const job = this.o.repo.get(id);
    if (!job) throw new ApiError('not_found', `No job with id '${id}'`, { field: 'id' });
    if (!l || l.done) return job; // already finished: cancelling is a no-op
    l.cancelRequested = true;
    if (l.host) {
      l.host.abort();
      return this.withLive(job);
    }
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

  /**
   * The one way to wait for a job's result: resolves with the typed result of a job of this
   * kind, or throws its error with the code the job failed with (`cancelled` when cancelled).
   */
  async result<K extends JobKind>(kind: K, id: string): Promise<JobResult<K>> {
    const job = await this.wait(id);
    if (job.kind !== kind) throw new ApiError('internal', `Job ${id} is a ${job.kind} job, not ${kind}`);
    if (job.status === 'succeeded') return parseResult(kind, job.result);
    if (job.status === 'cancelled') throw new ApiError('cancelled', job.error?.message ?? 'Cancelled by the user.', job.error?.details);
    // An interrupted job (its process died) has a code of its own that no API error shares.
    const e = job.error ?? { code: 'internal', message: `The ${kind} job ended as ${job.status}` };
    throw new ApiError(isErrorCode(e.code) ? e.code : 'internal', e.message, e.details);
  }

  /** Resolves when the job reaches a terminal state, whatever it is. */
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

  /** True once shutdown() began: a job ending now was stopped by the process closing, not by its own fault. */
  get closing(): boolean {
    return this.shuttingDown;
  }

  runningCount(): number {
    return [...this.live.values()].filter((l) => l.worker && !l.done).length;
  }

  /** Cancels everything still running and lets succeeded workers finish (process shutdown). */
  async shutdown(windDownMs = 10_000): Promise<void> {
    this.shuttingDown = true;
    const open = [...this.live.values()].filter((l) => !l.done);
    for (const l of open) {
      l.host?.abort();
      await l.worker?.terminate();
      this.finish(l, 'cancelled', { error: { code: 'cancelled', message: 'Lathe was closed while this job ran.' } });
    }
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.settled(), new Promise((r) => (timer = setTimeout(r, windDownMs)))]);
    clearTimeout(timer);
  }

  /** Workers of succeeded jobs still finishing their after-result work. */
  windingDown(): number {
    return this.winding.size;
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
    const worker = jobWorker(this.o.workerScript ?? workerEntry(), data);
    l.worker = worker;
    l.startedAt = Date.now();
    try {
      this.o.repo.markRunning(l.job.id);
      l.job = this.o.repo.get(l.job.id)!;
    } catch (err) {
      // The row still says queued; the live state below answers until the end is written.
      this.log.warn('could not mark the job running', { jobId: l.job.id, kind: l.kind, err });
      l.job = { ...l.job, status: 'running' };
    }
    this.o.events.emit('job.started', { job: l.job });
    worker.on('message', (msg: WorkerToHost) => this.onMessage(l, msg));
    worker.on('error', (err) => {
      this.log.error('worker crashed', { jobId: l.job.id, kind: l.kind, err });
      this.finish(l, 'failed', { error: { code: 'internal', message: `The worker crashed: ${err.message}` } });
    });
    worker.on('exit', (code) => {
      if (!l.done) {
        if (l.cancelRequested) this.finish(l, 'cancelled', {});
        else {
          this.log.error(`worker exited with code ${code} before reporting`, { jobId: l.job.id, kind: l.kind });
          this.finish(l, 'failed', { error: { code: 'internal', message: `The worker stopped unexpectedly (exit code ${code}).` } });
        }
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
      case 'facts':
        try {
          l.onFacts?.(msg.values);
        } catch (err) {
          // Only a convenience: the result records the same facts again.
          this.log.warn('could not record facts reported early', { jobId: l.job.id, kind: l.kind, err: isBusy(err) ? 'database busy' : err });
        }
        break;
      case 'result': {
        // Curve points still waiting are saved before the run's final record.
        this.flush(l);
        try {
          this.finish(l, 'succeeded', { result: l.succeed(msg.data) });
        } catch (err) {
          this.fail(l, 'saving the result failed', err);
        }
        break;
      }
      case 'error':
        if (msg.error.code === 'internal') {
          this.log.error(`job failed: ${msg.error.message}`, { jobId: l.job.id, kind: l.kind, err: msg.stack });
          this.finish(l, 'failed', { error: { ...msg.error, message: `${msg.error.message} (details in lathe.log)` } });
        } else {
          this.log.info(`job refused: ${msg.error.message}`, { jobId: l.job.id, kind: l.kind });
          this.finish(l, 'failed', { error: msg.error });
        }
        break;
      case 'cancelled':
        this.finish(l, 'cancelled', {});
        break;
    }
  }

  private schedule(l: Live): void {
    if (!l.timer) l.timer = setTimeout(() => this.flush(l), this.throttleMs);
  }

  /** A job's host-side step threw: logged with its stack, the job failed with a short reason. */
  private fail(l: Live, what: string, err: unknown): void {
    if (err instanceof ApiError && err.code !== 'internal') {
      this.finish(l, 'failed', { error: err.toBody() });
      return;
    }
    this.log.error(`${what}`, { jobId: l.job.id, kind: l.kind, err });
    const busy = isBusy(err);
    const message = busy ? `${what}: the database stayed busy (another program holds it); try again` : `${what}: ${(err as Error)?.message ?? String(err)}`;
    this.finish(l, 'failed', { error: { code: busy ? 'busy' : 'internal', message } });
  }

  /** Saves and sends the waiting curve points; a busy database keeps them for the next window. */
  private flushPoints(l: Live): void {
    if (!l.pendingPoints.length) return;
    const points = l.pendingPoints;
    try {
      l.onMetrics?.(points);
    } catch (err) {
      if (isBusy(err) && !l.done) {
        l.busySince ||= Date.now();
        if (Date.now() - l.busySince < METRICS_BUSY_LIMIT_MS) {
          this.log.warn(`database busy: ${points.length} curve points wait for the next flush`, { jobId: l.job.id, kind: l.kind });
          this.schedule(l);
          return;
        }
      }
      l.pendingPoints = [];
      if (!l.done) {
        void l.worker?.terminate();
        this.fail(l, 'saving curve points failed', err);
      } else this.log.error('saving the last curve points failed', { jobId: l.job.id, kind: l.kind, err });
      return;
    }
    l.busySince = 0;
    l.pendingPoints = [];
    this.o.events.emit('job.metrics', { jobId: l.job.id, points });
  }

  /** Sends at most one progress event and one metrics batch per job per throttle window. */
  private flush(l: Live): void {
    if (l.timer) clearTimeout(l.timer);
    l.timer = null;
    this.flushPoints(l);
    if (l.pendingProgress) {
      const { fraction, message } = l.pendingProgress;
      l.pendingProgress = null;
      const etaMs = estimateEta(fraction, Date.now() - l.startedAt);
      l.progress = { fraction, message, etaMs };
      if (Date.now() - l.persistedAt >= (this.o.persistProgressMs ?? 2000)) {
        l.persistedAt = Date.now();
        try {
          this.o.repo.saveProgress(l.job.id, fraction, message, etaMs);
        } catch (err) {
          // The live value above still answers; the next window retries.
          this.log.warn('could not save job progress', { jobId: l.job.id, kind: l.kind, err: isBusy(err) ? 'database busy' : err });
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
        l.onFinished?.(status, out.error ?? null);
      } catch (err) {
        // The job's own record below still tells what happened; the log says what else did not.
        this.log.error(`the ${status} job's clean-up failed`, { jobId: l.job.id, kind: l.kind, err });
      }
    }
    const error = status === 'cancelled' ? (out.error ?? { code: 'cancelled', message: 'Cancelled by the user.' }) : out.error;
    const job = recordEnd(this.o.repo, this.log, l.job, l.kind, status, out.result, error);
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
