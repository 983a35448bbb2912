import type { Database } from 'better-sqlite3';
import { DatasetTableWriter, deferCheckpoints, dropTable, type Cell } from '../../data/db/dataset-tables';
import type { TableRows } from './row-sink';
import { BatchSlots, RowBatchBuilder } from './row-batch';
import type { WriterThread } from './writer-thread';

/**
 * The new dataset table as an import attempt sees it: rows in (RowSink), then `settle` (every
 * row and column fix written and committed) or `discard` (nothing left behind).
 */
export interface ImportTable extends TableRows {
  settle(): void;
  discard(): void;
}

/** Written on the importing thread itself (small files: a thread costs more than it saves). */
export function tableHere(db: Database, table: string, width: number): ImportTable {
  const writer = new DatasetTableWriter(db, table, width);
  return Object.assign(writer, { settle: () => undefined });
}

/** Batches ahead of the writer thread before the parser waits; one more slot is being filled. */
const MAX_AHEAD = 16;
/** While this thread waits for the writer it moves the WAL into the database, at most this often. */
const CHECKPOINT_EVERY_MS = 100;

/** Written by a writer thread: rows go over in batches while this thread goes on parsing. */
export class ThreadedTable implements ImportTable {
  private readonly batch: RowBatchBuilder;
  private integers: readonly boolean[] | null = null;
  private lastCheckpoint = performance.now();
  rows = 0;
  /** Checkpoints made while waiting (for tests and the benchmark's notes). */
  checkpoints = 0;

  constructor(
    private readonly thread: WriterThread,
    private readonly db: Database,
    private readonly table: string,
    width: number,
  ) {
    // This connection registers the dataset: its commit should not stop to copy the WAL either.
    deferCheckpoints(db);
    const memory = new BatchSlots(width, MAX_AHEAD + 1);
    this.batch = new RowBatchBuilder(memory);
    thread.post({ type: 'open', table, width, slots: memory.count, memory: memory.memory });
  }

  push(cells: Cell[]): void {
    this.rows++;
    if (this.batch.add(cells)) this.send();
  }

  storeAsIntegers(columns: readonly boolean[]): void {
    if (this.integers && columns.every((v, i) => v === this.integers![i])) return;
    // Rows already batched were typed for the columns as they were.
    this.send();
    this.integers = [...columns];
    this.thread.post({ type: 'integers', columns: this.integers });
  }

  commit(): void {
    this.send();
    this.thread.post({ type: 'commit' });
  }

  toText(col: number, from: 'number' | 'boolean'): void {
    this.thread.post({ type: 'toText', col, from });
  }

  settle(): void {
    this.thread.waitUntil(0);
  }

  discard(): void {
    try {
      this.thread.post({ type: 'discard' });
      this.thread.waitUntil(0);
    } catch {
      // The thread failed or stopped: drop what it committed from this connection instead.
      dropTable(this.db, this.table);
    }
  }

  private send(): void {
    if (this.batch.rows === 0) return;
    this.thread.post({ type: 'batch', batch: this.batch.take() });
    // At most MAX_AHEAD batches outstanding: the slot filled next is one the writer is done with.
    this.thread.waitUntil(MAX_AHEAD, () => this.checkpointWhileWaiting());
  }

  /**
   * The writer is behind: copy what it committed from the WAL into the database file now, so
   * that little is left to copy (and wait for) once the import ends. PASSIVE runs alongside
   * the writer's transaction without blocking it.
   */
  private checkpointWhileWaiting(): void {
    const now = performance.now();
    if (now - this.lastCheckpoint < CHECKPOINT_EVERY_MS) return;
    this.lastCheckpoint = now;
    this.db.pragma('wal_checkpoint(PASSIVE)');
    this.checkpoints++;
  }
}
