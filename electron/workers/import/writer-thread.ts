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
/** Requests posted so far, so the thread can tell whether more are waiting. */
const POSTED = 3;
/** An idle thread moves the WAL into the database file after a commit, at most this often. */
const CHECKPOINT_EVERY_MS = 100;

type Request =
  | { type: 'attach'; databasePath: string; nativeBinding?: string }
  | { type: 'open'; table: string; width: number; slots: number; memory: SharedArrayBuffer }
  | { type: 'batch'; batch: RowBatch }
  | { type: 'integers'; columns: readonly boolean[] }
  | { type: 'commit' }
  | { type: 'toText'; col: number; from: 'number' | 'boolean' }
  | { type: 'discard' }
  | { type: 'close' };

interface ThreadData {
  role: typeof ROLE;
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

/**
 * A thread started before its import knows its database (a `lathe import` of a large file starts
 * one while the command itself starts up): its ~0.1 s of start-up then overlaps the command's
 * instead of delaying the first insert. Unref'd while it waits, so it never keeps a worker alive.
 */
let spare: WriterThread | null = null;

/** Starts the spare thread, unless one is waiting. */
export function startSpareWriter(): void {
  if (!spare?.usable) spare = new WriterThread();
}

/** Whether a spare thread is waiting (for tests). */
export function hasSpareWriter(): boolean {
  return spare?.usable ?? false;
}

/** Ends the spare thread, if any (an import that writes on its own thread). */
export function dropSpareWriter(): void {
  spare?.close();
  spare = null;
}

/** A writer thread writing into `databasePath`: the spare when one is waiting, else a new one. */
export function writerThread(databasePath: string, nativeBinding?: string): WriterThread {
  const thread = spare?.usable ? spare : new WriterThread();
  spare = null;
  thread.attach(databasePath, nativeBinding);
  return thread;
}

/** The importing thread's handle on a writer thread. */
export class WriterThread {
  private readonly worker: Worker;
  private readonly control: Int32Array;
  private readonly replies: MessagePort;
  private posted = 0;
  private exited = false;
  private closed = false;

  constructor() {
    const shared = new SharedArrayBuffer(4 * 4);
    this.control = new Int32Array(shared);
    const { port1, port2 } = new MessageChannel();
    this.replies = port1;
    const data: ThreadData = { role: ROLE, control: shared, replies: port2 };
    this.worker = spawnSelf(data, [port2]);
    this.worker.unref();
    // Its failures are read from the reply port and the control array when the importer asks. A
    // thread that dies before it serves (its module failed to load) is flagged here, at the
    // importer's next turn of the event loop: it yields between chunks of the file.
    this.worker.on('error', () => undefined);
    this.worker.on('exit', () => {
      this.exited = true;
      Atomics.store(this.control, EXITED, 1);
      Atomics.notify(this.control, DONE);
    });
  }

  /** Its worker has exited (closed, or died). */
  get hasExited(): boolean {
    return this.exited;
  }

  /** Neither stopped nor closed: it can take an import. */
  get usable(): boolean {
    return !this.exited && !this.closed;
  }

  /** Opens its connection to the database (first request of every thread); from here it keeps its worker alive until closed. */
  attach(databasePath: string, nativeBinding?: string): void {
    this.worker.ref();
    this.post({ type: 'attach', databasePath, nativeBinding });
  }

  post(request: Request, transfer: ArrayBuffer[] = []): void {
    this.throwIfFailed();
    this.worker.postMessage(request, transfer);
    Atomics.store(this.control, POSTED, ++this.posted);
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
    if (this.closed) return;
    this.closed = true;
    this.worker.postMessage({ type: 'close' } satisfies Request);
    // Counted like any request: the thread counts it done.
    Atomics.store(this.control, POSTED, ++this.posted);
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
  let writer: DatasetTableWriter | null = null;
  let memory: BatchSlots | null = null;
  // After a failure the rest of that table's requests are skipped until it is discarded.
  let failed = false;
  let lastCheckpoint = performance.now();
  /**
   * After a commit, when no other batch is waiting (the parser is the slower side), copy what is
   * committed from the WAL into the database file now: otherwise all of it (~70 MB for 1M rows)
   * is copied and synced after the result, while the command waits to exit. PASSIVE never
   * blocks the other connections.
   */
  const checkpointIfIdle = () => {
    if (Atomics.load(control, POSTED) - Atomics.load(control, DONE) > 1) return;
    const now = performance.now();
    if (now - lastCheckpoint < CHECKPOINT_EVERY_MS) return;
    lastCheckpoint = now;
    try {
      db!.pragma('wal_checkpoint(PASSIVE)');
    } catch {
      // Only a head start: the copy happens after the import anyway.
    }
  };
  process.on('exit', () => {
    Atomics.store(control, EXITED, 1);
    Atomics.notify(control, DONE);
  });

  const handle = (req: Request): void => {
    switch (req.type) {
      case 'attach':
        db = openDatabase(req.databasePath, { nativeBinding: req.nativeBinding });
        return;
      case 'open':
        // After a failed attach the importer has already thrown its error; this keeps it failing.
        if (!db) throw new Error('The table writer thread has no database');
        failed = false;
        writer = new DatasetTableWriter(db, req.table, req.width, checkpointIfIdle);
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
        // The last rows: whatever the interval, the copy starts now, while the parser registers the dataset.
        lastCheckpoint = -Infinity;
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
