import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { ApiError } from '../../../shared/api/errors';
import type { Migration } from './migrations/index';

export function sha256(text: string | Buffer): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * Applies pending migrations, each in its own transaction, after checking that every
 * already-applied one is unchanged (an edited migration would silently fork schemas).
 */
export function migrate(db: Database, list: Migration[]): number[] {
  // Migrations that rewrite stored artifacts keep their recorded hash true with it.
  db.function('lathe_sha256', { deterministic: true }, (data: unknown) => (data === null ? null : sha256(Buffer.isBuffer(data) ? data : String(data))));
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, sha256 TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const applied = new Map(
    (db.prepare('SELECT version, name, sha256 FROM schema_migrations').all() as { version: number; name: string; sha256: string }[]).map(
      (r) => [r.version, r],
    ),
  );
  const sorted = [...list].sort((a, b) => a.version - b.version);
  sorted.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`Migrations must be numbered 1..n without gaps; found ${m.version} at position ${i + 1}`);
  });
  for (const [version, row] of applied) {
    const known = sorted.find((m) => m.version === version);
    if (!known) {
      throw new ApiError(
        'conflict',
        `The database was written by a newer Lathe (schema version ${version} '${row.name}' is unknown to this build). Update Lathe to open it.`,
      );
    }
    if (sha256(known.sql) !== row.sha256) {
      throw new ApiError(
        'conflict',
        `Migration ${version} '${known.name}' was edited after it was applied to this database (sha256 mismatch). ` +
          'Applied migrations are immutable: restore the original and add a new numbered migration instead.',
        { version, expected: row.sha256, actual: sha256(known.sql) },
      );
    }
  }
  const ran: number[] = [];
  const record = db.prepare('INSERT INTO schema_migrations (version, name, sha256, applied_at) VALUES (?, ?, ?, ?)');
  for (const m of sorted) {
    if (applied.has(m.version)) continue;
    db.transaction(() => {
      db.exec(m.sql);
      record.run(m.version, m.name, sha256(m.sql), new Date().toISOString());
    }).immediate();
    ran.push(m.version);
  }
  return ran;
}
