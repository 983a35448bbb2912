import type { Database, Statement } from 'better-sqlite3';
import { ApiError } from '../../../shared/api/errors';

/** Each dataset's rows live in their own table; names are derived from ids, never from user text. */
export function tableNameFor(datasetId: string): string {
  return `ds_${datasetId.replace(/[^A-Za-z0-9]/g, '')}`;
}

const q = (ident: string) => `"${ident.replace(/"/g, '""')}"`;
export const colIdent = (i: number) => `c${i}`;

export type Cell = number | string | null;

/**
 * Rows per INSERT: about 1,000 parameters a statement (SQLite allows at most 32,766, so wide
 * tables get fewer rows). Measured on 1M × 10: 50–200 rows per statement run alike.
 */
const PARAMS_PER_STATEMENT = 1000;
const MAX_ROWS_PER_STATEMENT = 100;
/**
 * While importing, the WAL is checkpointed every 256 MB instead of every 4 MB (SQLite's default):
 * each checkpoint copies and syncs, and 25 of them per 100 MB cost 20–25 % of the insert time.
 * Up to that size the whole copy happens once, after the job has reported the dataset ready.
 */
const IMPORT_CHECKPOINT_BYTES = 256 * 1024 * 1024;

/**
 * Streams rows into a new dataset table: multi-row INSERTs inside transactions of ~50k rows,
 * so other connections (the host's job progress) are never blocked for long. It tunes its
 * connection for bulk writing (checkpoint interval, WAL size), so it wants one of its own.
 */
export class DatasetTableWriter {
  private single!: Statement;
  private multi!: Statement;
  private readonly rowsPerStatement: number;
  private integers: readonly boolean[];
  /** One multi-row statement's worth of parameters, reused. */
  private readonly buffer: Cell[];
  private filled = 0;
  private inTxn = 0;
  rows = 0;

  constructor(
    private readonly db: Database,
    readonly table: string,
    readonly width: number,
    /** Called after each COMMIT, when the connection is outside a transaction (a checkpoint may run). */
    private readonly afterCommit?: () => void,
  ) {
    // No declared types: a column's type may change (widening on import, or by the user later),
    // and an affinity would silently convert values back.
    db.exec(`DROP TABLE IF EXISTS ${q(table)}`);
    db.exec(`CREATE TABLE ${q(table)} (${Array.from({ length: width }, (_, i) => colIdent(i)).join(', ')})`);
    this.rowsPerStatement = Math.max(1, Math.min(MAX_ROWS_PER_STATEMENT, Math.floor(PARAMS_PER_STATEMENT / width)));
    this.buffer = new Array(this.rowsPerStatement * width).fill(null);
    this.integers = Array(width).fill(false);
    this.prepareInserts();
    deferCheckpoints(db);
  }

  /**
   * Marks the columns that hold whole numbers (integers, booleans). JavaScript numbers bind as
   * 8-byte REALs; cast, these store in 0–8 bytes: the benchmark's table shrinks by 29 %.
   */
  storeAsIntegers(columns: readonly boolean[]): void {
    if (columns.every((v, i) => v === this.integers[i])) return;
    this.flush(); // pending rows were typed for the current statements
    this.integers = [...columns];
    this.prepareInserts();
  }

  private prepareInserts(): void {
    const one = `(${this.integers.map((int) => (int ? 'CAST(? AS INTEGER)' : '?')).join(',')})`;
    this.single = this.db.prepare(`INSERT INTO ${q(this.table)} VALUES ${one}`);
    this.multi = this.db.prepare(`INSERT INTO ${q(this.table)} VALUES ${Array(this.rowsPerStatement).fill(one).join(',')}`);
  }

  /** Appends one row's cells (exactly `width` of them). */
  push(cells: Cell[]): void {
    // IMMEDIATE: the write lock is taken (waiting if need be) before anything is read.
    if (this.inTxn === 0) this.db.exec('BEGIN IMMEDIATE');
    const buf = this.buffer;
    let f = this.filled;
    for (let i = 0; i < cells.length; i++) buf[f++] = cells[i];
    this.filled = f;
    this.inTxn++;
    this.rows++;
    if (f === buf.length) {
      // Spread, not an array: better-sqlite3 then reads the arguments directly instead of one
      // property lookup per value (insert CPU 1.23–1.34 s → 0.96–1.02 s for 1M × 10).
      this.multi.run(...buf);
      this.filled = 0;
    }
    if (this.inTxn >= 50_000) this.commit();
  }

  /**
   * Appends `count` rows that `fill` writes straight into the statement's parameters,
   * `into[at … at + width)`, one row a call: a writer thread decodes its batches this way
   * without an array per row in between.
   */
  pushRows(count: number, fill: (into: Cell[], at: number) => void): void {
    const buf = this.buffer;
    for (let r = 0; r < count; r++) {
      if (this.inTxn === 0) this.db.exec('BEGIN IMMEDIATE');
      fill(buf, this.filled);
      this.filled += this.width;
      this.inTxn++;
      this.rows++;
      if (this.filled === buf.length) {
        this.multi.run(...buf);
        this.filled = 0;
      }
      if (this.inTxn >= 50_000) this.commit();
    }
  }

  /** Writes what is pending and ends the current transaction. */
  commit(): void {
    this.flush();
    if (this.inTxn > 0) {
      this.db.exec('COMMIT');
      this.inTxn = 0;
      this.afterCommit?.();
    }
  }

  private flush(): void {
    for (let i = 0; i < this.filled; i += this.width) this.single.run(...this.buffer.slice(i, i + this.width));
    this.filled = 0;
  }

  /** A column that turned out to be text: numbers and booleans already written become text. */
  toText(col: number, from: 'number' | 'boolean'): void {
    const c = colIdent(col);
    if (from === 'boolean') {
      // Booleans were bound as JavaScript numbers, so they are stored as REAL 1.0 / 0.0.
      this.db.exec(`UPDATE ${q(this.table)} SET ${c} = CASE ${c} WHEN 1 THEN 'true' WHEN 0 THEN 'false' END WHERE typeof(${c}) IN ('integer', 'real')`);
    } else {
      // Whole numbers read back without a trailing .0, as they were written.
      this.db.exec(
        `UPDATE ${q(this.table)} SET ${c} = CASE WHEN ${c} = CAST(${c} AS INTEGER) THEN CAST(CAST(${c} AS INTEGER) AS TEXT) ELSE CAST(${c} AS TEXT) END
         WHERE typeof(${c}) IN ('integer', 'real')`,
      );
    }
  }

  /** Leaves nothing behind. */
  discard(): void {
    this.filled = 0;
    if (this.inTxn > 0 && this.db.inTransaction) this.db.exec('ROLLBACK');
    this.inTxn = 0;
    this.db.exec(`DROP TABLE IF EXISTS ${q(this.table)}`);
  }
}

/**
 * Tunes a connection that writes (or registers) an import: checkpoints only every
 * IMPORT_CHECKPOINT_BYTES of WAL, so that a commit does not stop to copy the WAL; checkpointAfterImport
 * does it once the dataset is reported.
 */
export function deferCheckpoints(db: Database): void {
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  db.pragma(`wal_autocheckpoint = ${Math.ceil(IMPORT_CHECKPOINT_BYTES / pageSize)}`);
  // The WAL restarts after each of those checkpoints: keep its size rather than truncate and regrow it.
  db.pragma('journal_size_limit = -1');
}

/**
 * After an import: moves what it left in the WAL into the database without waiting for readers
 * or blocking writers. (Closing this connection would not: others keep the file open.)
 */
export function checkpointAfterImport(db: Database): void {
  db.pragma('wal_checkpoint(PASSIVE)');
}

export function dropTable(db: Database, table: string): void {
  db.exec(`DROP TABLE IF EXISTS ${q(table)}`);
}

/**
 * Reads a page of a dataset table in row order. Rows are only ever appended, so rowids are
 * 1..n and a page is a rowid range: as fast at row 1,000,000 as at row 1.
 */
export function readRows(db: Database, table: string, width: number, offset: number, limit: number): Cell[][] {
  const cols = Array.from({ length: width }, (_, i) => colIdent(i)).join(', ');
  return db
    .prepare(`SELECT ${cols} FROM ${q(table)} WHERE rowid > ? AND rowid <= ? ORDER BY rowid`)
    .raw()
    .all(offset, offset + limit) as Cell[][];
}

/** Iterates every row of a dataset table (for profiling and training). */
/** The table's rows in order; with `lastRow`, only those up to that rowid (an earlier version's rows). */
export function iterateRows(db: Database, table: string, width: number, lastRow?: number): IterableIterator<Cell[]> {
  const cols = Array.from({ length: width }, (_, i) => colIdent(i)).join(', ');
  if (lastRow !== undefined) return db.prepare(`SELECT ${cols} FROM ${q(table)} WHERE rowid <= ? ORDER BY rowid`).raw().iterate(lastRow) as IterableIterator<Cell[]>;
  return db.prepare(`SELECT ${cols} FROM ${q(table)} ORDER BY rowid`).raw().iterate() as IterableIterator<Cell[]>;
}

/** Dataset tables that no dataset or dataset version points to (left by a crash mid-import). */
export function orphanTables(db: Database): string[] {
  const rows = db
    .prepare(
      `SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'ds\\_%' ESCAPE '\\'
       AND name NOT IN (SELECT table_name FROM datasets) AND name NOT IN (SELECT table_name FROM dataset_versions)`,
    )
    .all() as { name: string }[];
  return rows.map((r) => r.name);
}

/** A stored cell as the text the user saw in the file (booleans as true/false). */
export function cellText(v: Cell, type: string): string | null {
  if (v === null) return null;
  if (type === 'boolean' && typeof v === 'number') return v === 1 ? 'true' : 'false';
  return String(v);
}

/**
 * Converts every value of one column, in one transaction. Throws (changing nothing) at the
 * first value that does not convert, naming its row. Returns the new missing count.
 */
export function retypeColumn(
  db: Database,
  table: string,
  position: number,
  oldType: string,
  convert: (text: string) => Cell | undefined,
  onProgress: (rowsDone: number) => void,
  columnName: string,
  newType: string,
): number {
  const c = colIdent(position);
  const read = db.prepare(`SELECT rowid, ${c} FROM ${q(table)} ORDER BY rowid`).raw();
  const write = db.prepare(`UPDATE ${q(table)} SET ${c} = ? WHERE rowid = ?`);
  const updates: [Cell, number][] = [];
  let missing = 0;
  for (const [rowid, v] of read.iterate() as IterableIterator<[number, Cell]>) {
    const text = cellText(v, oldType);
    if (text === null) {
      missing++;
      continue;
    }
    const next = convert(text.trim() === text || newType === 'text' || newType === 'categorical' ? text : text.trim());
    if (next === undefined) {
      throw new ApiError('bad_request', `Column '${columnName}' cannot be ${newType}: row ${rowid} holds '${text.slice(0, 40)}'`, { field: 'type', row: rowid });
    }
    updates.push([next, rowid]);
    if ((updates.length & 65535) === 0) onProgress(updates.length);
  }
  db.transaction(() => {
    for (const [v, rowid] of updates) write.run(v, rowid);
  }).immediate();
  return missing;
}

/** Iterates some columns of every row, in row order. */
export function iterateColumns(db: Database, table: string, positions: number[]): IterableIterator<Cell[]> {
  return db.prepare(`SELECT ${positions.map(colIdent).join(', ')} FROM ${q(table)} ORDER BY rowid`).raw().iterate() as IterableIterator<Cell[]>;
}

/** Reads the rows with the given rowids (1-based, as appended), in the order given. */
export function readRowsAt(db: Database, table: string, width: number, rowids: readonly number[]): Cell[][] {
  const cols = Array.from({ length: width }, (_, i) => colIdent(i)).join(', ');
  const stmt = db.prepare(`SELECT ${cols} FROM ${q(table)} WHERE rowid = ?`).raw();
  const out: Cell[][] = [];
  for (const id of rowids) {
    const row = stmt.get(id) as Cell[] | undefined;
    if (row) out.push(row);
  }
  return out;
}

/** Up to `limit` distinct non-missing values of one column (what the task rule needs of a target). */
export function distinctValues(db: Database, table: string, position: number, limit: number): Cell[] {
  const col = colIdent(position);
  const rows = db.prepare(`SELECT DISTINCT ${col} AS v FROM ${table} WHERE ${col} IS NOT NULL LIMIT ?`).all(limit) as { v: Cell }[];
  return rows.map((r) => r.v);
}

/** Classes of one column: how many, the labelled rows, and the rarest class with its count. */
export function classStats(db: Database, table: string, position: number): { classes: number; rows: number; rarest: { value: Cell; count: number } } {
  const col = colIdent(position);
  const counts = `SELECT ${col} AS v, COUNT(*) AS n FROM ${table} WHERE ${col} IS NOT NULL GROUP BY ${col}`;
  const totals = db.prepare(`SELECT COUNT(*) AS classes, COALESCE(SUM(n), 0) AS rows FROM (${counts})`).get() as { classes: number; rows: number };
  const rarest = (db.prepare(`${counts} ORDER BY n, v LIMIT 1`).get() as { v: Cell; n: number } | undefined) ?? { v: null, n: 0 };
  return { ...totals, rarest: { value: rarest.v, count: rarest.n } };
}
