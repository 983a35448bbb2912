import { isMainThread, MessageChannel, parentPort, receiveMessageOnPort, Worker, workerData, type MessagePort } from 'node:worker_threads';
import type { Database } from 'better-sqlite3';
import { ApiError, type ApiErrorBody } from '../../../shared/api/errors';
import { openDatabase } from '../../data/db/open';
import { DatasetTableWriter } from '../../data/db/dataset-tables';
import { BatchReader, BatchSlots, type RowBatch } from './row-batch';

/**
 * A thread that writes a dataset table while the import's own thread parses the file: on two
 * cores, parsing and SQLite's inserts (each ~0.8 s for 1M × 10) overlap instead of adding up.
 *
 * The protocol is synchronous from the importing thread's side, so the writer can stand in for
 * DatasetTableWriter: requests are posted in order, the thread counts each one done in shared
 * memory, and the importer blocks (Atomics.wait) only when it runs too far ahead or needs an
 * answer. A failure is posted on a reply port before it is flagged, so the importer can read it
 * synchronously (receiveMessageOnPort) and throw the thread's own error.
 */

const ROLE = 'lathe-table-writer';
/** Slots of the shared control array. */
const DONE = 0;
const FAILED = 1;
const EXITED = 2;

type Request =
  | { type: 'open'; table: string; width: number; slots: number; memory: SharedArrayBuffer }
  | { type: 'batch'; batch: RowBatch }
  | { type: 'integers'; columns: readonly boolean[] }
  | { type: 'commit' }
  | { type: 'toText'; col: number; from: 'number' | 'boolean' }
  | { type: 'discard' }
  | { type: 'close' };

interface ThreadData {
  role: typeof ROLE;
  databasePath: string;
  nativeBinding?: string;
  control: SharedArrayBuffer;
  replies: MessagePort;
}

interface Failure {
  message: string;
  stack?: string;
  /** SQLite's code (SQLITE_BUSY, …), so a busy database is still recognised as one. */
  code?: string;
  api?: ApiErrorBody;
}

/** The importing thread's handle on a writer thread. */
export class WriterThread {
  private readonly worker: Worker;
  private readonly control: Int32Array;
  private readonly replies: MessagePort;
  private posted = 0;

  constructor(databasePath: string, nativeBinding?: string) {
    const shared = new SharedArrayBuffer(3 * 4);
    this.control = new Int32Array(shared);
    const { port1, port2 } = new MessageChannel();
    this.replies = port1;
    const data: ThreadData = { role: ROLE, databasePath, nativeBinding, control: shared, replies: port2 };
    this.worker = spawnSelf(data, [port2]);
    // Its failures are read from the reply port and the control array when the importer asks. A
    // thread that dies before it serves (its module failed to load) is flagged here, at the
    // importer's next turn of the event loop: it yields between chunks of the file.
    this.worker.on('error', () => undefined);
    this.worker.on('exit', () => {
      Atomics.store(this.control, EXITED, 1);
      Atomics.notify(this.control, DONE);
    });
  }

  post(request: Request, transfer: ArrayBuffer[] = []): void {
    this.throwIfFailed();
    this.worker.postMessage(request, transfer);
    this.posted++;
  }

  /**
   * Blocks while more than `ahead` requests are still to be done; throws the thread's failure.
   * `beforeBlocking` runs once if it has to wait: time this thread has to spare.
   */
  waitUntil(ahead: number, beforeBlocking?: () => void): void {
    const c = this.control;
    for (;;) {
      this.throwIfFailed();
      const done = Atomics.load(c, DONE);
      if (this.posted - done <= ahead) return;
      if (Atomics.load(c, EXITED)) throw new Error('The table writer thread stopped unexpectedly');
      if (beforeBlocking) {
        beforeBlocking();
        beforeBlocking = undefined;
        continue;
      }
      Atomics.wait(c, DONE, done, 200);
    }
  }

  private throwIfFailed(): void {
    if (!Atomics.load(this.control, FAILED)) return;
    const reply = receiveMessageOnPort(this.replies)?.message as Failure | undefined;
    Atomics.store(this.control, FAILED, 0);
    throw reply ? reviveFailure(reply) : new Error('The table writer thread failed');
  }

  /** Ends the thread once it has done what was posted (closing its database). */
  close(): void {
    this.worker.postMessage({ type: 'close' } satisfies Request);
    // Counted like any request: the thread counts it done.
    this.posted++;
    this.replies.close();
  }
}

function reviveFailure(f: Failure): Error {
  const err = f.api ? new ApiError(f.api.code, f.api.message, f.api.details) : Object.assign(new Error(f.message), f.code ? { code: f.code } : {});
  if (f.stack) err.stack = f.stack;
  return err;
}

/**
 * Starts this same module as a thread: the bundled chunk it was built into, or, run from the
 * TypeScript sources (tests, the CLI before a build), this file through tsx.
 */
function spawnSelf(data: ThreadData, transferList: MessagePort[]): Worker {
  const self = import.meta.url;
  const entry = self.endsWith('.ts') ? self.replace(/\.ts$/, '-sources.mjs') : self;
  return new Worker(new URL(entry), { workerData: data, transferList });
}

/** The thread's side: one connection, one table at a time, requests in the order posted. */
function serve(data: ThreadData, port: MessagePort): void {
  const control = new Int32Array(data.control);
  let db: Database | null = null;
  let openError: unknown = null;
  try {
    db = openDatabase(data.databasePath, { nativeBinding: data.nativeBinding });
  } catch (err) {
    openError = err;
  }
  let writer: DatasetTableWriter | null = null;
  let memory: BatchSlots | null = null;
  // After a failure the rest of that table's requests are skipped until it is discarded.
  let failed = false;
  process.on('exit', () => {
    Atomics.store(control, EXITED, 1);
    Atomics.notify(control, DONE);
  });

  const handle = (req: Request): void => {
    switch (req.type) {
      case 'open':
        failed = false;
        if (!db) throw openError;
        writer = new DatasetTableWriter(db, req.table, req.width);
        memory = new BatchSlots(req.width, req.slots, req.memory);
        return;
      case 'batch': {
        const reader = new BatchReader(memory!, req.batch);
        writer!.pushRows(req.batch.rows, (into, at) => reader.next(into, at));
        return;
      }
      case 'integers':
        writer!.storeAsIntegers(req.columns);
        return;
      case 'commit':
        writer!.commit();
        return;
      case 'toText':
        writer!.toText(req.col, req.from);
        return;
      case 'discard':
        writer?.discard();
        writer = null;
        failed = false;
        return;
      case 'close':
        db?.close();
        db = null;
        port.close();
        data.replies.close();
        return;
    }
  };

  port.on('message', (req: Request) => {
    if (!failed || req.type === 'open' || req.type === 'discard' || req.type === 'close') {
      try {
        handle(req);
      } catch (err) {
        failed = true;
        // Release the write lock at once; the importer discards the table next.
        try {
          if (db?.inTransaction) db.exec('ROLLBACK');
        } catch {
          // The failure being reported matters more.
        }
        data.replies.postMessage(describe(err));
        Atomics.store(control, FAILED, 1);
      }
    }
    Atomics.add(control, DONE, 1);
    Atomics.notify(control, DONE);
  });
}

function describe(err: unknown): Failure {
  if (err instanceof ApiError) return { message: err.message, stack: err.stack, api: err.toBody() };
  const e = err as { message?: unknown; stack?: unknown; code?: unknown } | null;
  return {
    message: typeof e?.message === 'string' ? e.message : String(err),
    stack: typeof e?.stack === 'string' ? e.stack : undefined,
    code: typeof e?.code === 'string' ? e.code : undefined,
  };
}

if (!isMainThread && (workerData as Partial<ThreadData> | null)?.role === ROLE && parentPort) serve(workerData as ThreadData, parentPort);
