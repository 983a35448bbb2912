import type { Database } from 'better-sqlite3';
import { DatasetTableWriter, dropTable, type Cell } from '../../data/db/dataset-tables';
import type { TableRows } from './row-sink';
import { RowBatchBuilder } from './row-batch';
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

/** Batches ahead of the writer thread before the parser waits: bounds memory (~1 MB a batch). */
const MAX_AHEAD = 16;

/** Written by a writer thread: rows go over in batches while this thread goes on parsing. */
export class ThreadedTable implements ImportTable {
  private readonly batch: RowBatchBuilder;
  private integers: readonly boolean[] | null = null;
  rows = 0;

  constructor(
    private readonly thread: WriterThread,
    private readonly db: Database,
    private readonly table: string,
    width: number,
  ) {
    this.batch = new RowBatchBuilder(width);
    thread.post({ type: 'open', table, width });
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
    const b = this.batch.take();
    this.thread.post({ type: 'batch', batch: b }, [b.tags.buffer as ArrayBuffer, b.nums.buffer as ArrayBuffer, b.lens.buffer as ArrayBuffer]);
    this.thread.waitUntil(MAX_AHEAD);
  }
}
