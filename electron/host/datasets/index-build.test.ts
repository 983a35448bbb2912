import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../core';
import { importFile } from '../../../tests/helpers/core-fixture';
import { tempHome } from '../../../tests/helpers/temp-home';
import { openDatabase } from '../../data/db/open';
import { buildColumnIndex, hasColumnIndex, INLINE_INDEX_MAX_ROWS } from '../../data/db/column-index';

let home: ReturnType<typeof tempHome>;
/** One job at a time, so a job started first holds the index build in the queue while the test looks. */
let core: Core;
let id: string;
let table: string;
/** One row more than a table whose index is built inline. */
const ROWS = INLINE_INDEX_MAX_ROWS + 1;
/** `n` runs down from ROWS, so sorted ascending the file's last row comes first. */
const CSV = ['n,word', ...Array.from({ length: ROWS }, (_, i) => `${ROWS - i},w${i % 97}`)].join('\n');

beforeAll(async () => {
  home = tempHome();
  core = createCore({ home: home.dir, host: 'cli', maxConcurrentJobs: 1 });
  const file = path.join(home.dir, 'big.csv');
  fs.writeFileSync(file, CSV);
  id = (await importFile(core, { path: file, types: { word: 'text' } })).id;
  table = core.ctx.repos.datasets.table(id).table;
}, 120_000);
afterAll(async () => {
  await core.close();
  home.cleanup();
});

/** A job that keeps the one job slot until cancelled. */
const occupy = async () => (await core.call('system.machineCheck', { seconds: 600 })).jobId;
const sortedRows = (position: number) => core.call('datasets.rows', { id, offset: 0, limit: 3, sort: { position, dir: 'asc' } });

describe('a large table builds a sorted column index in a job', () => {
  it('answers "building" with file-order rows, keeps answering, builds once, then serves the sorted view', async () => {
    const blocker = await occupy();
    const first = await sortedRows(0);
    expect(first.building).toMatchObject({ position: 0, column: 'n', rows: ROWS });
    expect(first.building!.expectedMs).toBeGreaterThan(0);
    expect(first.rowIds).toEqual([1, 2, 3]);
    expect(first.rows.map((r) => r[0])).toEqual([ROWS, ROWS - 1, ROWS - 2]);
    const jobId = first.building!.jobId;
    // The host answers other methods while the build waits, and a second request joins the same build.
    expect((await core.call('datasets.get', { id })).rows).toBe(ROWS);
    expect((await sortedRows(0)).building?.jobId).toBe(jobId);
    expect((await core.call('jobs.list', {})).filter((j) => j.kind === 'datasets.index')).toHaveLength(1);
    expect(hasColumnIndex(core.ctx.db, table, 0)).toBe(false);
    await core.call('jobs.cancel', { id: blocker });

    const built = await core.jobResult('datasets.index', jobId);
    expect(built).toMatchObject({ datasetId: id, position: 0, rows: ROWS });
    expect(hasColumnIndex(core.ctx.db, table, 0)).toBe(true);
    const sorted = await sortedRows(0);
    expect(sorted.building).toBeUndefined();
    expect(sorted.rowIds).toEqual([ROWS, ROWS - 1, ROWS - 2]);
    expect(sorted.rows.map((r) => r[0])).toEqual([1, 2, 3]);
  }, 60_000);

  it('leaves no index when the build is cancelled, queued or in its worker', async () => {
    const blocker = await occupy();
    const queued = (await sortedRows(1)).building!.jobId;
    await core.call('jobs.cancel', { id: queued });
    await core.call('jobs.cancel', { id: blocker });
    expect((await core.ctx.jobs.wait(queued)).status).toBe('cancelled');
    // Started, then cancelled at once: the worker sees the cancel before or after its CREATE INDEX.
    const started = (await sortedRows(1)).building!.jobId;
    expect(started).not.toBe(queued);
    await core.call('jobs.cancel', { id: started });
    expect((await core.ctx.jobs.wait(started)).status).toBe('cancelled');
    await core.ctx.jobs.settled();
    expect(hasColumnIndex(core.ctx.db, table, 1)).toBe(false);
  }, 60_000);

  it('rolls back an index whose cancel came while SQLite built it', () => {
    const db = openDatabase(core.ctx.databasePath);
    try {
      let asked = 0;
      // Checked before the lock, after it, and once the index is built: cancelled by then.
      expect(buildColumnIndex(db, table, 1, () => ++asked > 2)).toBe(false);
      expect(asked).toBe(3);
      expect(hasColumnIndex(db, table, 1)).toBe(false);
      expect(buildColumnIndex(db, table, 1, () => false)).toBe(true);
      expect(hasColumnIndex(db, table, 1)).toBe(true);
    } finally {
      db.close();
    }
  });

  it('searches a large table off the host, with the same rows as a scan', async () => {
    const found = await core.call('datasets.rows', { id, offset: 0, limit: 5, search: 'w96' });
    expect(found.total).toBe(Math.floor(ROWS / 97));
    expect(found.rowIds).toEqual([97, 194, 291, 388, 485]);
    const values = await core.call('datasets.columnValues', { id, position: 1, limit: 2, search: 'w9' });
    expect(values.values.map((v) => v.value)).toEqual(['w9', 'w90']);
  }, 60_000);
});
