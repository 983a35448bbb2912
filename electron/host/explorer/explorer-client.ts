/**
 * Host side of the explorer worker: starts it on first use, matches replies to requests, and
 * starts a fresh one if it dies (pending requests fail with a clear error, not a hang).
 */
import { Worker } from 'node:worker_threads';
import { ApiError, type ErrorCode } from '../../../shared/api/errors';
import type { WorkerStartData } from '../../workers/protocol';
import { EXPLORER_SERVICE, type ExplorerRequest, type ExplorerWorkerMessage } from '../../workers/explorer/protocol';
import { workerEntry } from '../jobs/worker-entry';

export interface ExplorerClientOptions {
  databasePath: string;
  home: string;
  nativeBinding?: string;
  workerScript?: string;
}

export class ExplorerClient {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();

  constructor(private readonly o: ExplorerClientOptions) {}

  request<T>(request: ExplorerRequest): Promise<T> {
    const worker = this.worker ?? this.spawn();
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      worker.postMessage({ type: 'request', id, request });
    });
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    if (w) await w.terminate();
  }

  private spawn(): Worker {
    const data: WorkerStartData = {
      jobId: 'explorer', kind: EXPLORER_SERVICE, args: null,
      databasePath: this.o.databasePath, home: this.o.home, nativeBinding: this.o.nativeBinding,
    };
    const worker = new Worker(this.o.workerScript ?? workerEntry(), { workerData: data });
    // An idle explorer must not keep the CLI or tests alive.
    worker.unref();
    worker.on('message', (msg: ExplorerWorkerMessage) => {
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      if (msg.ok) p.resolve(msg.data);
      else p.reject(new ApiError(msg.error.code as ErrorCode, msg.error.message, msg.error.details));
    });
    const fail = (why: string) => {
      if (this.worker === worker) this.worker = null;
      for (const p of this.pending.values()) p.reject(new ApiError('internal', `The explorer stopped unexpectedly (${why}); try again`));
      this.pending.clear();
    };
    worker.on('error', (err) => fail(err.message));
    worker.on('exit', (code) => fail(`exit code ${code}`));
    this.worker = worker;
    return worker;
  }
}
