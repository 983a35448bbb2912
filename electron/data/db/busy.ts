import type { Database } from 'better-sqlite3';

/** SQLite's "another connection holds the lock" errors, which are worth retrying rather than failing on. */
export function isBusy(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED' || (typeof code === 'string' && code.startsWith('SQLITE_BUSY_'));
}

/**
 * Runs a write that may be skipped without waiting for the lock (busy_timeout 0 for its length):
 * a worker's long transaction (an index build holds the lock for seconds) must not stall the host.
 * Throws the busy error at once instead; the caller skips the write.
 */
export function withoutWaiting<T>(db: Database, write: () => T): T {
  const before = db.pragma('busy_timeout', { simple: true }) as number;
  db.pragma('busy_timeout = 0');
  try {
    return write();
  } finally {
    db.pragma(`busy_timeout = ${Number(before)}`);
  }
}
