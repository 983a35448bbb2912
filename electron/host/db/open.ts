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

/** Opens (creating if needed) the one SQLite file, in WAL mode, migrated to the latest schema. */
export function openDatabase(file: string, opts: OpenOptions = {}): Database {
  if (!opts.readonly) fs.mkdirSync(path.dirname(file), { recursive: true });
  const Sqlite = loadSqlite();
  const db = new Sqlite(file, { readonly: opts.readonly ?? false, nativeBinding: opts.nativeBinding });
  try {
    db.pragma('busy_timeout = 5000');
    if (!opts.readonly) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      // A large import grows the WAL to ~100 MB; the next restart of the WAL shrinks it back.
      db.pragma('journal_size_limit = 8388608');
      db.pragma('foreign_keys = ON');
      migrate(db, opts.migrations ?? migrations);
    }
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}
