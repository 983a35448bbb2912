import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../open';
import { tempHome } from '../../../../tests/helpers/temp-home';
import { DatasetsRepo } from './datasets-repo';

const home = tempHome();
afterAll(() => home.cleanup());

describe('DatasetsRepo.register', () => {
  it('holds the write lock from its first read, so another connection cannot commit between its read and its insert', () => {
    const file = path.join(home.dir, 'lathe.db');
    const worker = openDatabase(file);
    const host = openDatabase(file);
    host.exec('CREATE TABLE probe (x)');
    host.pragma('busy_timeout = 0');
    const repo = new DatasetsRepo(worker);
    let hostWrite: unknown = null;
    const uniqueName = repo.uniqueName.bind(repo);
    // Between register's name check and its insert, the other connection tries to write (as the
    // host does with job progress). A deferred transaction let it commit, and its own insert then
    // failed at once with SQLITE_BUSY (its snapshot was stale).
    repo.uniqueName = (wanted: string) => {
      const name = uniqueName(wanted);
      try {
        host.prepare('INSERT INTO probe VALUES (1)').run();
      } catch (err) {
        hostWrite = (err as { code?: string }).code;
      }
      return name;
    };
    const name = repo.register({
      id: 'd1', name: 'sales', sourcePath: null, sha256: 'x', format: 'csv', rows: 0, table: 'ds_d1',
      options: { format: 'csv', delimiter: ',', header: true, encoding: 'utf-8', trimmedLeadingSpace: false, quotes: true, skippedRows: 0, skippedExamples: [] },
      columns: [{ name: 'a', type: 'integer', missing: 0 }],
    });
    expect(name).toBe('sales');
    expect(hostWrite).toBe('SQLITE_BUSY');
    expect(host.prepare('SELECT name FROM datasets').all()).toEqual([{ name: 'sales' }]);
    worker.close();
    host.close();
  });
});
