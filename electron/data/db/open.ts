import fs from 'node:fs';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { loadSqlite } from './native';
import { migrate } from './migrate';
import { migrations, type Migration } from './migrations/index';

export interface OpenOptions {
  /** Set by the Electron host: better-sqlite3 rebuilt for Electron's ABI. */
  nativeBinding?: string;
  readonly?: boolean;
  migrations?: Migration[];
}

/** Page size of a database this build creates. */
export const PAGE_SIZE = 16384;

/** Opens (creating if needed) the one SQLite file, in WAL mode, migrated to the latest schema. */
export function openDatabase(file: string, opts: OpenOptions = {}): Database {
  if (!opts.readonly) fs.mkdirSync(path.dirname(file), { recursive: true });
  const Sqlite = loadSqlite();
  const db = new Sqlite(file, { readonly: opts.readonly ?? false, nativeBinding: opts.nativeBinding });
  try {
    db.pragma('busy_timeout = 5000');
    if (!opts.readonly) {
      // 16 KiB pages for a new file (an existing one keeps its own): a dataset table is mostly
      // written in bulk and read in long scans, and SQLite inserts 1M × 10 rows with ~12 % less
      // CPU than with 4 KiB pages (64 KiB saves a little more, but makes every small write of a
      // job's progress a 64 KiB WAL frame). Like auto_vacuum, it must come before WAL mode.
      db.pragma(`page_size = ${PAGE_SIZE}`);
      // Pages freed by deleting a dataset go back to the file system (datasets-repo runs
      // incremental_vacuum after a delete). On a new file this takes effect here, before WAL
      // mode and the first table; an existing file is converted by useIncrementalVacuum.
      db.pragma('auto_vacuum = INCREMENTAL');
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      // A large import grows the WAL to ~100 MB; the next restart of the WAL shrinks it back.
      db.pragma('journal_size_limit = 8388608');
      db.pragma('foreign_keys = ON');
      migrate(db, opts.migrations ?? migrations);
      useIncrementalVacuum(db);
    }
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

/** Live data up to which an existing database is converted to incremental vacuum when opened. */
export const VACUUM_CONVERT_MAX_BYTES = 64 * 1024 * 1024;

/**
 * Converts a database made before auto_vacuum was set. The setting changes on an existing file
 * only through a VACUUM, which rewrites the whole file: it holds the write lock for as long as
 * that takes (about a second per 100 MB) and needs as much free disk again. So it runs only while
 * the live data is small (≤ 64 MB: well under the 5 s other connections wait for the lock), and
 * only at open, before this connection has done anything else. A larger database is converted at
 * a later open once deletes have made it small, or stays as it is (its free pages are reused by
 * later imports, only not returned). A busy database is left for the next open. Returns whether
 * the database now uses incremental vacuum.
 */
export function useIncrementalVacuum(db: Database, maxBytes = VACUUM_CONVERT_MAX_BYTES): boolean {
  if (db.pragma('auto_vacuum', { simple: true }) === 2) return true;
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const live = ((db.pragma('page_count', { simple: true }) as number) - (db.pragma('freelist_count', { simple: true }) as number)) * pageSize;
  if (live > maxBytes) return false;
  try {
    db.pragma('auto_vacuum = INCREMENTAL');
    db.exec('VACUUM');
  } catch (err) {
    const code = (err as { code?: string }).code ?? '';
    if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return false;
    throw err;
  }
  return db.pragma('auto_vacuum', { simple: true }) === 2;
}
