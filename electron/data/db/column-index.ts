import type { Database } from 'better-sqlite3';
import { colIdent } from './dataset-tables';

const q = (ident: string) => `"${ident.replace(/"/g, '""')}"`;

/**
 * Tables up to this many rows get a column's index inline, in the request that first needs it
 * (50,000 rows: ~0.1 s on 2 busy cores); larger ones build it in a job worker (`datasets.index`)
 * while the table keeps serving the file order.
 */
export const INLINE_INDEX_MAX_ROWS = 50_000;

/**
 * Rows a CREATE INDEX sorts per second, for the estimate shown while one builds: measured on
 * 2 busy cores over the 1.5M-row benchmark table (a float column and a text one: ~7 s each).
 * SQLite reports no progress from inside one CREATE INDEX, so start, end and this are all we have.
 */
export const INDEX_ROWS_PER_SECOND = 200_000;

export const expectedIndexMs = (rows: number) => Math.round((1000 * rows) / INDEX_ROWS_PER_SECOND);

/**
 * The index a sorted or filtered column gets, named after its table (never after user text).
 * SQLite drops it with the table, so deleting the dataset removes it too.
 */
export const indexNameFor = (table: string, position: number) => `${table}_i${position}`;

export function hasColumnIndex(db: Database, table: string, position: number): boolean {
  return db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?`).get(indexNameFor(table, position)) !== undefined;
}

/** Creates the column's index where it is missing, in one statement (for small tables, inline). */
export function ensureColumnIndex(db: Database, table: string, position: number): void {
  db.exec(`CREATE INDEX IF NOT EXISTS ${q(indexNameFor(table, position))} ON ${q(table)} (${colIdent(position)})`);
}

/**
 * Builds the column's index in a transaction that commits only if `cancelled()` is still false
 * once SQLite is done: a cancel during the build rolls it back, and a worker stopped before the
 * commit (or a killed process) leaves nothing either, since the index exists only once committed.
 * Returns whether the index is there now.
 */
export function buildColumnIndex(db: Database, table: string, position: number, cancelled: () => boolean): boolean {
  if (cancelled()) return false;
  db.exec('BEGIN IMMEDIATE');
  try {
    // The lock may have been waited for: a cancel meanwhile builds nothing.
    if (!cancelled()) ensureColumnIndex(db, table, position);
    if (cancelled()) {
      db.exec('ROLLBACK');
      return false;
    }
    db.exec('COMMIT');
    return true;
  } catch (err) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw err;
  }
}
