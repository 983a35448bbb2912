/**
 * Host side of the explorer worker: starts it on first use, matches replies to requests, and
 * starts a fresh one if it dies (pending requests fail with a clear error, not a hang).
 */
import { Worker } from 'node:worker_threads';
import { dto } from '../../../shared/api/jobs';
import { ApiError, isErrorCode } from '../../../shared/api/errors';
import type { WorkerStartData } from '../../workers/protocol';
import {
  EXPLORER_SERVICE, type ExplorerHostMessage, type ExplorerOp, type ExplorerRequestOf, type ExplorerResult, type ExplorerWorkerMessage,
} from '../../workers/explorer/protocol';
import type { Logger } from '../../data/log';
import { workerEntry } from '../jobs/worker-entry';

export interface ExplorerClientOptions {
  databasePath: string;
  home: string;
  nativeBinding?: string;
  workerScript?: string;
  log?: Logger;
}

export class ExplorerClient {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();

  constructor(private readonly o: ExplorerClientOptions) {}

  /** One operation of the explorer contract (workers/explorer/protocol.ts), answered with its typed result. */
  request<O extends ExplorerOp>(request: ExplorerRequestOf<O>): Promise<ExplorerResult<O>> {
    const worker = this.worker ?? this.spawn();
    const id = this.nextId++;
    const message: ExplorerHostMessage = { type: 'request', id, request };
    return new Promise<ExplorerResult<O>>((resolve, reject) => {
      const answer = (data: unknown) => {
        const parsed = dto<ExplorerResult<O>>().safeParse(data);
        if (parsed.success) resolve(parsed.data);
        else reject(new ApiError('internal', `The explorer answered ${request.op} without a result`));
      };
      this.pending.set(id, { resolve: answer, reject });
      worker.postMessage(message);
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
      else {
        if (msg.error.code === 'internal') this.o.log?.error(`explorer request failed: ${msg.error.message}`, { err: msg.stack });
        p.reject(new ApiError(isErrorCode(msg.error.code) ? msg.error.code : 'internal', msg.error.message, msg.error.details));
      }
    });
    const fail = (why: string) => {
      if (this.worker === worker) this.o.log?.error(`the explorer worker stopped: ${why}`);
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
