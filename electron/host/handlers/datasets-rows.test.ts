import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coreFixture, importFile } from '../../../tests/helpers/core-fixture';
import { indexNameFor } from '../../data/db/table-query';

let fx: ReturnType<typeof coreFixture>;
let id: string;

/** Columns: name (text), city (categorical), price (float, one missing), qty (integer). */
const CSV = [
  'name,city,price,qty',
  `"it's 100% ""real""",Porto,12.5,3`,
  'plain widget,Lisbon,,7',
  'half_off 50%,Porto,3,1',
  'a 100 percent match,Madrid,40,3',
  `o'brien,Lisbon,12.5,2`,
  'zebra,Porto,1,9',
].join('\n');

beforeAll(async () => {
  fx = coreFixture();
  const file = path.join(fx.home, 'shop.csv');
  fs.writeFileSync(file, CSV);
  const r = await importFile(fx.core, { path: file, types: { city: 'categorical', name: 'text' } });
  id = r.id;
});
afterAll(() => fx.close());

type Args = Omit<Parameters<typeof fx.core.call<'datasets.rows'>>[1], 'id'>;
const rows = (args: Partial<Args>) => fx.core.call('datasets.rows', { id, offset: 0, limit: 50, ...args });
const names = async (args: Partial<Args>) => (await rows(args)).rows.map((r) => r[0]);

describe('datasets.rows: sort, filter, search on the whole table', () => {
  it('sorts ascending and descending with missing values last, and says which file row each is', async () => {
    const asc = await rows({ sort: { position: 2, dir: 'asc' } });
    expect(asc.rows.map((r) => r[2])).toEqual([1, 3, 12.5, 12.5, 40, null]);
    expect(asc.rowIds).toEqual([6, 3, 1, 5, 4, 2]);
    expect(asc.total).toBe(6);
    const desc = await rows({ sort: { position: 2, dir: 'desc' } });
    expect(desc.rows.map((r) => r[2])).toEqual([40, 12.5, 12.5, 3, 1, null]);
    // Pages of a sorted view line up with the whole view, across the missing values too.
    const second = await rows({ sort: { position: 2, dir: 'asc' }, offset: 4, limit: 2 });
    expect(second.rowIds).toEqual([4, 2]);
  });

  it('sorts text columns and creates the column index once', async () => {
    expect(await names({ sort: { position: 0, dir: 'asc' } })).toEqual([
      'a 100 percent match', 'half_off 50%', `it's 100% "real"`, `o'brien`, 'plain widget', 'zebra',
    ]);
    const table = fx.core.ctx.repos.datasets.table(id).table;
    const indexes = fx.core.ctx.db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ?`).pluck().all(table);
    expect(indexes).toContain(indexNameFor(table, 0));
    expect(indexes).toContain(indexNameFor(table, 2));
  });

  it('filters by a number range, picked values (missing included) and text contained', async () => {
    const ranged = await rows({ filters: [{ kind: 'range', position: 2, min: 3, max: 12.5 }] });
    expect(ranged.rowIds).toEqual([1, 3, 5]);
    expect(ranged.total).toBe(3);
    expect(ranged.datasetRows).toBe(6);
    expect((await rows({ filters: [{ kind: 'range', position: 3, min: 7 }] })).rowIds).toEqual([2, 6]);
    expect((await rows({ filters: [{ kind: 'values', position: 1, values: ['Lisbon', 'Madrid'] }] })).rowIds).toEqual([2, 4, 5]);
    expect((await rows({ filters: [{ kind: 'values', position: 2, values: [null, 40] }] })).rowIds).toEqual([2, 4]);
    expect((await rows({ filters: [{ kind: 'contains', position: 0, text: 'WIDGET' }] })).rowIds).toEqual([2]);
  });

  it('takes quotes, % and _ in filter values literally (bound parameters, escaped patterns)', async () => {
    expect(await names({ filters: [{ kind: 'contains', position: 0, text: '100%' }] })).toEqual([`it's 100% "real"`]);
    expect(await names({ filters: [{ kind: 'contains', position: 0, text: `'s 100% "` }] })).toEqual([`it's 100% "real"`]);
    expect(await names({ filters: [{ kind: 'contains', position: 0, text: '_' }] })).toEqual(['half_off 50%']);
    expect(await names({ filters: [{ kind: 'contains', position: 0, text: '%' }] })).toEqual([`it's 100% "real"`, 'half_off 50%']);
    expect(await names({ filters: [{ kind: 'values', position: 0, values: [`o'brien`] }] })).toEqual([`o'brien`]);
    // A classic injection attempt is only text that matches nothing.
    expect((await rows({ filters: [{ kind: 'contains', position: 0, text: `x' OR 1=1 --` }] })).total).toBe(0);
    expect((await rows({ search: `%' OR '1'='1` })).total).toBe(0);
  });

  it('searches every text and categorical column, combined with filters and a sort', async () => {
    expect((await rows({ search: 'lisbon' })).rowIds).toEqual([2, 5]);
    expect((await rows({ search: 'o' })).rowIds).toEqual([1, 2, 3, 5, 6]);
    const both = await rows({ search: 'porto', filters: [{ kind: 'range', position: 3, max: 5 }], sort: { position: 2, dir: 'desc' } });
    expect(both.rowIds).toEqual([1, 3]);
    expect(both.total).toBe(2);
    expect((await rows({ filters: [{ kind: 'range', position: 2, min: 1000 }] })).rows).toEqual([]);
  });

  it('refuses a range on a text column and a column that does not exist', async () => {
    await expect(rows({ filters: [{ kind: 'range', position: 0, min: 1 }] })).rejects.toThrow(/range needs a number column/);
    await expect(rows({ sort: { position: 9, dir: 'asc' } })).rejects.toThrow(/no column at position 9/);
  });

  it('lists a column’s values by count for picking, optionally those containing some text', async () => {
    const all = await fx.core.call('datasets.columnValues', { id, position: 1, limit: 2 });
    expect(all.values).toEqual([
      { value: 'Porto', count: 3 },
      { value: 'Lisbon', count: 2 },
    ]);
    expect(all.more).toBe(true);
    const found = await fx.core.call('datasets.columnValues', { id, position: 1, search: 'dri', limit: 10 });
    expect(found).toEqual({ values: [{ value: 'Madrid', count: 1 }], more: false });
  });

  it('sees a retyped column: cached views follow the data', async () => {
    expect((await rows({ filters: [{ kind: 'values', position: 3, values: [3] }] })).total).toBe(2);
    const { jobId } = await fx.core.call('datasets.setColumnType', { id, position: 3, type: 'text' });
    await fx.core.jobResult('datasets.setColumnType', jobId);
    expect((await rows({ filters: [{ kind: 'values', position: 3, values: [3] }] })).total).toBe(0);
    expect((await rows({ filters: [{ kind: 'values', position: 3, values: ['3'] }] })).total).toBe(2);
  });
});
