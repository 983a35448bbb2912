import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { coreFixture, importFile } from '../../../tests/helpers/core-fixture';
import { tempHome } from '../../../tests/helpers/temp-home';
import { loadSqlite } from './native';
import { openDatabase, useIncrementalVacuum } from './open';

const home = tempHome();
afterAll(() => home.cleanup());

describe('space of deleted datasets', () => {
  it('goes back to the file system when a dataset is deleted', async () => {
    const fx = coreFixture();
    try {
      const csv = path.join(fx.home, 'big.csv');
      const lines = ['id,name,value,note'];
      for (let i = 0; i < 60_000; i++) lines.push(`${i},name-${i % 977},${(i * 0.37).toFixed(3)},note number ${i} of a long file`);
      fs.writeFileSync(csv, lines.join('\n') + '\n');
      const r = await importFile(fx.core, { path: csv, name: 'big' });
      const db = fx.core.ctx.db;
      const file = path.join(fx.home, 'lathe.db');
      // The worker moves its WAL into the file after reporting the dataset ready: wait for all of it.
      for (let i = 0; i < 100; i++) {
        const [c] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
        if (c.busy === 0 && fs.statSync(`${file}-wal`).size === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const before = fs.statSync(file).size;
      expect(before).toBeGreaterThan(3_000_000);
      await fx.core.call('datasets.delete', { id: r.id });
      const after = fs.statSync(file).size;
      expect(after).toBeLessThan(before / 4);
      expect(db.pragma('auto_vacuum', { simple: true })).toBe(2);
      expect(db.pragma('freelist_count', { simple: true })).toBe(0);
    } finally {
      await fx.close();
    }
  });

  it('converts a database made before incremental vacuum when it opens, keeping its data', () => {
    const file = path.join(home.dir, 'old.db');
    const Sqlite = loadSqlite();
    const old = new Sqlite(file);
    old.pragma('journal_mode = WAL');
    old.exec('CREATE TABLE keep (x)');
    old.prepare('INSERT INTO keep VALUES (?)').run('still here');
    expect(old.pragma('auto_vacuum', { simple: true })).toBe(0);
    old.close();
    const db = openDatabase(file);
    try {
      expect(db.pragma('auto_vacuum', { simple: true })).toBe(2);
      expect(db.prepare('SELECT x FROM keep').pluck().get()).toBe('still here');
    } finally {
      db.close();
    }
  });

  it('leaves a database with more live data than the limit as it is', () => {
    const file = path.join(home.dir, 'large.db');
    const Sqlite = loadSqlite();
    const db = new Sqlite(file);
    try {
      db.exec('CREATE TABLE t (x)');
      expect(useIncrementalVacuum(db, 0)).toBe(false);
      expect(db.pragma('auto_vacuum', { simple: true })).toBe(0);
      expect(useIncrementalVacuum(db)).toBe(true);
    } finally {
      db.close();
    }
  });
});
