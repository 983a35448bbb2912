import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from './open';
import { migrations, type Migration } from './migrations/index';
import { tempHome } from '../../../tests/helpers/temp-home';

const homes: { cleanup(): void }[] = [];
const dbFile = () => {
  const h = tempHome();
  homes.push(h);
  return path.join(h.dir, 'lathe.db');
};
afterEach(() => homes.splice(0).forEach((h) => h.cleanup()));

describe('migrations', () => {
  it('creates every table in WAL mode and records hashes', () => {
    const db = openDatabase(dbFile());
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type='table'").all() as { name: string }[]).map((t) => t.name);
    for (const t of ['datasets', 'dataset_columns', 'runs', 'run_params', 'metric_points', 'artifacts', 'model_versions', 'aliases', 'alias_history', 'jobs']) {
      expect(tables).toContain(t);
    }
    const rows = db.prepare('SELECT version, sha256 FROM schema_migrations').all() as { version: number; sha256: string }[];
    expect(rows.map((r) => r.version)).toEqual(migrations.map((m) => m.version));
    expect(rows[0].sha256).toMatch(/^[0-9a-f]{64}$/);
    db.close();
  });

  it('is idempotent across opens and applies only new migrations', () => {
    const file = dbFile();
    openDatabase(file).close();
    const extra: Migration = { version: migrations.length + 1, name: 'extra', sql: 'CREATE TABLE extra_t (x INTEGER);' };
    const db = openDatabase(file, { migrations: [...migrations, extra] });
    expect(db.prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE name='extra_t'").get()).toEqual({ n: 1 });
    db.close();
  });

  it('refuses an edited, already-applied migration with a clear message', () => {
    const file = dbFile();
    openDatabase(file).close();
    const edited = migrations.map((m) => (m.version === 1 ? { ...m, sql: m.sql + '\n-- edited' } : m));
    expect(() => openDatabase(file, { migrations: edited })).toThrow(/Migration 1 'init' was edited after it was applied/);
  });

  it('rolls back a failing migration as a whole', () => {
    const file = dbFile();
    openDatabase(file).close();
    const broken: Migration = { version: migrations.length + 1, name: 'broken', sql: 'CREATE TABLE half_t (x INTEGER); SELECT * FROM no_such_table;' };
    expect(() => openDatabase(file, { migrations: [...migrations, broken] })).toThrow();
    const db = openDatabase(file);
    expect(db.prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE name='half_t'").get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get()).toEqual({ v: migrations.length });
    db.close();
  });

  it('refuses a database from a newer build', () => {
    const file = dbFile();
    const extra: Migration = { version: migrations.length + 1, name: 'future', sql: 'CREATE TABLE future_t (x INTEGER);' };
    openDatabase(file, { migrations: [...migrations, extra] }).close();
    expect(() => openDatabase(file)).toThrow(/newer Lathe/);
  });
});
