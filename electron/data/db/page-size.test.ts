import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempHome } from '../../../tests/helpers/temp-home';
import { loadSqlite } from './native';
import { openDatabase, PAGE_SIZE } from './open';

const home = tempHome();
afterAll(() => home.cleanup());

describe('page size', () => {
  it('is 16 KiB for a new database', () => {
    const db = openDatabase(path.join(home.dir, 'new.db'));
    try {
      expect(PAGE_SIZE).toBe(16384);
      expect(db.pragma('page_size', { simple: true })).toBe(PAGE_SIZE);
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      db.close();
    }
  });

  it('stays as it was for a database made with other pages, which opens with its data', () => {
    const file = path.join(home.dir, 'old.db');
    const old = new (loadSqlite())(file);
    old.pragma('journal_mode = WAL');
    old.exec('CREATE TABLE keep (x)');
    old.prepare('INSERT INTO keep VALUES (?)').run('still here');
    old.close();
    const db = openDatabase(file);
    try {
      expect(db.pragma('page_size', { simple: true })).toBe(4096);
      expect(db.prepare('SELECT x FROM keep').pluck().get()).toBe('still here');
    } finally {
      db.close();
    }
  });
});
