import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { Database } from 'better-sqlite3';
import { openDatabase } from '../../electron/data/db/open';
import type { TaskContext } from '../../electron/workers/protocol';
import { tempHome } from './temp-home';

/**
 * A data folder and an open database around one test file, for tests that call the import task
 * directly (no job manager): `ctx()` is a task context that never cancels and runs after-result work at once.
 */
export function importTaskFixture(jobId: string) {
  let home: ReturnType<typeof tempHome> | null = null;
  let db: Database | null = null;
  beforeAll(() => {
    home = tempHome();
    db = openDatabase(path.join(home.dir, 'lathe.db'));
  });
  afterAll(() => {
    db?.close();
    home?.cleanup();
  });
  const fx = {
    get home(): ReturnType<typeof tempHome> {
      if (!home) throw new Error('the fixture opens in beforeAll');
      return home;
    },
    get dbFile(): string {
      return path.join(fx.home.dir, 'lathe.db');
    },
    get db(): Database {
      if (!db) throw new Error('the fixture opens in beforeAll');
      return db;
    },
    ctx: (): TaskContext => ({
      signal: new AbortController().signal,
      cancelled: () => false,
      progress: () => undefined,
      metrics: () => undefined,
      afterResult: (work) => work(),
      start: { jobId, kind: 'datasets.import', args: {}, databasePath: fx.dbFile, home: '' },
    }),
  };
  return fx;
}
