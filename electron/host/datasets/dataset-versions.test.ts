/** Dataset versions: appending a file's rows, re-importing a changed source, and the version a run trained on. */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { coreFixture, importFile } from '../../../tests/helpers/core-fixture';
import { DatasetVersions } from '../../data/db/repos/dataset-versions';
import { readRows } from '../../data/db/dataset-tables';

let fx: ReturnType<typeof coreFixture>;
beforeEach(() => {
  fx = coreFixture();
});
afterEach(() => fx.close());

const write = (name: string, lines: string[]) => {
  const p = path.join(fx.home, name);
  fs.writeFileSync(p, lines.join('\n') + '\n');
  return p;
};
const BASE = ['id,city,price', '1,Porto,1.5', '2,Lisbon,2.5', '3,Porto,'];
const base = () => importFile(fx.core, { path: write('base.csv', BASE), name: 'shop' });
const allRows = async (id: string) => (await fx.core.call('datasets.rows', { id, offset: 0, limit: 100 })).rows;
const tables = () => (fx.core.ctx.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'ds\\_%' ESCAPE '\\' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
const failure = (p: Promise<unknown>) => p.then(() => { throw new Error('expected the import to fail'); }, (err: Error & { code?: string }) => err);

describe('appending rows as a new version', () => {
  it('adds the rows after the others and records version 2 with its row range, file and sha256', async () => {
    const first = await base();
    expect(first).toMatchObject({ version: 1, appended: 3, rows: 3 });
    const file = write('more.csv', ['id,city,price', '4,Faro,4.5', '5,,5.5']);
    const r = await importFile(fx.core, { path: file, appendTo: 'shop' });
    expect(r).toMatchObject({ id: first.id, name: 'shop', version: 2, rows: 5, appended: 2 });
    const d = await fx.core.call('datasets.get', { id: first.id });
    expect(d.rows).toBe(5);
    expect(d.version).toBe(2);
    expect(d.versions.map((v) => [v.version, v.kind, v.rows, v.appended, v.firstRow, v.lastRow, v.source])).toEqual([
      [1, 'import', 3, 3, 1, 3, path.join(fx.home, 'base.csv')],
      [2, 'append', 5, 2, 4, 5, file],
    ]);
    expect(d.versions[1].sha256).toBe(r.sha256);
    expect(d.versions[1].sha256).not.toBe(d.versions[0].sha256);
    expect(d.columnsDetail.map((c) => c.missing)).toEqual([0, 1, 1]);
    expect(await allRows(first.id)).toEqual([[1, 'Porto', 1.5], [2, 'Lisbon', 2.5], [3, 'Porto', null], [4, 'Faro', 4.5], [5, null, 5.5]]);
    // The file's own table went with the commit: only the dataset's remains.
    expect(tables()).toHaveLength(1);
  });

  it('matches columns by name when the file orders them otherwise', async () => {
    const { id } = await base();
    await importFile(fx.core, { path: write('swapped.csv', ['price,id,city', '9.5,9,Braga']), appendTo: id });
    expect((await allRows(id))[3]).toEqual([9, 'Braga', 9.5]);
  });

  it('names the first mismatched column: missing, then extra', async () => {
    await base();
    const missing = await failure(importFile(fx.core, { path: write('missing.csv', ['id,price', '4,4.5']), appendTo: 'shop' }));
    expect(missing.message).toMatch(/missing column 'city'/);
    const extra = await failure(importFile(fx.core, { path: write('extra.csv', ['id,city,price,stock', '4,Faro,4.5,1']), appendTo: 'shop' }));
    expect(extra.message).toMatch(/extra column 'stock'/);
  });

  it("names a value that does not fit the column's type, with its line", async () => {
    await base();
    const err = await failure(importFile(fx.core, { path: write('bad.csv', ['id,city,price', '4,Faro,4.5', '5,Braga,cheap']), appendTo: 'shop' }));
    expect(err.code).toBe('bad_request');
    expect(err.message).toMatch(/line 3: column 'price': expected float, got 'cheap'/);
  });

  it('leaves the dataset exactly as it was when an append fails', async () => {
    const { id } = await base();
    const before = { detail: await fx.core.call('datasets.get', { id }), rows: await allRows(id), tables: tables() };
    // 3,000 good rows are written to the file's own table before the bad one on the last line.
    const lines = ['id,city,price', ...Array.from({ length: 3000 }, (_, i) => `${i + 10},Faro,${i}.5`), '9999,Faro,not-a-price'];
    const err = await failure(importFile(fx.core, { path: write('late-bad.csv', lines), appendTo: id }));
    expect(err.message).toMatch(/line 3002/);
    expect(await fx.core.call('datasets.get', { id })).toEqual(before.detail);
    expect(await allRows(id)).toEqual(before.rows);
    expect(tables()).toEqual(before.tables);
  });

  it('applies the lossy-import guard to appends', async () => {
    const { id } = await base();
    const lines = ['id,city,price', '4,Faro,4.5', '5,Faro,x', '6,Faro,6.5'];
    const err = await failure(importFile(fx.core, { path: write('lossy.csv', lines), appendTo: id, badRows: 'skip' }));
    expect(err.code).toBe('bad_request');
    expect(err.message).toMatch(/skip/i);
    expect((await fx.core.call('datasets.get', { id })).version).toBe(1);
    const r = await importFile(fx.core, { path: path.join(fx.home, 'lossy.csv'), appendTo: id, badRows: 'skip', allowSkipped: true });
    expect(r).toMatchObject({ version: 2, appended: 2, skippedRows: 1, rows: 5 });
  });
});

describe('re-importing the source', () => {
  it('writes nothing when the file is unchanged', async () => {
    const { id } = await base();
    const before = tables();
    const r = await importFile(fx.core, { path: path.join(fx.home, 'base.csv'), name: 'shop' });
    expect(r).toMatchObject({ id, unchanged: true, version: 1, appended: 0, rows: 3 });
    expect((await fx.core.call('datasets.get', { id })).versions).toHaveLength(1);
    expect(tables()).toEqual(before);
  });

  it("replaces the rows as a new version when it changed, keeping the old version's rows readable", async () => {
    const { id } = await base();
    write('base.csv', ['id,city,price', '7,Evora,7.5', '8,Evora,8.5']);
    const r = await importFile(fx.core, { path: path.join(fx.home, 'base.csv'), name: 'shop' });
    expect(r).toMatchObject({ id, version: 2, rows: 2, appended: 2 });
    expect(r.unchanged).toBeUndefined();
    const d = await fx.core.call('datasets.get', { id });
    expect(d.versions.map((v) => [v.version, v.kind, v.rows])).toEqual([[1, 'import', 3], [2, 'reimport', 2]]);
    expect(d.sourceSha256).toBe(r.sha256);
    expect(await allRows(id)).toEqual([[7, 'Evora', 7.5], [8, 'Evora', 8.5]]);
    const v1 = new DatasetVersions(fx.core.ctx.db).rows(id, 1);
    expect(readRows(fx.core.ctx.db, v1.table, 3, 0, v1.lastRow)).toEqual([[1, 'Porto', 1.5], [2, 'Lisbon', 2.5], [3, 'Porto', null]]);
    // Deleting the dataset drops every version's table.
    await fx.core.call('datasets.delete', { id });
    expect(tables()).toEqual([]);
  });

  it('another file under a taken name is a new dataset unless newVersion asks', async () => {
    const { id } = await base();
    const other = write('other.csv', ['id,city,price', '9,Braga,9.5']);
    const separate = await importFile(fx.core, { path: other, name: 'shop' });
    expect(separate).toMatchObject({ name: 'shop (2)', version: 1 });
    const replaced = await importFile(fx.core, { path: other, name: 'shop', newVersion: true });
    expect(replaced).toMatchObject({ id, name: 'shop', version: 2, rows: 1 });
  });
});

describe('runs record the dataset version', () => {
  it('a run started after an append records version 2', async () => {
    const lines = ['x,y', ...Array.from({ length: 40 }, (_, i) => `${i},${2 * i + 1}`)];
    const { id } = await importFile(fx.core, { path: write('line.csv', lines), name: 'line' });
    const args = { dataset: id, target: 'y', family: 'linear', split: { kind: 'random', testFraction: 0.25 }, seed: 1 } as const;
    const first = await fx.core.call('runs.start', args);
    await fx.core.jobResult('runs.train', first.jobId);
    await importFile(fx.core, { path: write('line-more.csv', ['x,y', '40,81', '41,83']), appendTo: id });
    const second = await fx.core.call('runs.start', args);
    await fx.core.jobResult('runs.train', second.jobId);
    expect((await fx.core.call('runs.get', { id: first.runId })).datasetVersion).toBe(1);
    expect((await fx.core.call('runs.get', { id: second.runId })).datasetVersion).toBe(2);
  });
});
