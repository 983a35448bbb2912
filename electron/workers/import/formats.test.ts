import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { coreFixture, importFile } from '../../../tests/helpers/core-fixture';

let fx: ReturnType<typeof coreFixture>;
let dir: string;
beforeAll(() => {
  fx = coreFixture();
  dir = path.join(fx.home, 'files');
  fs.mkdirSync(dir);
});
afterAll(() => fx.close());

const write = (name: string, content: string | Buffer | ArrayBuffer) => {
  const p = path.join(dir, name);
  fs.writeFileSync(p, content instanceof ArrayBuffer ? Buffer.from(content) : content);
  return p;
};

describe('formats and file quirks', () => {
  it('JSON Lines with nulls, nested values and blank lines', async () => {
    const p = write('events.jsonl', ['{"city":"Porto","price":12.5,"sold":true,"tags":["a"]}', '', '{"city":"Lisbon","price":null,"sold":false,"tags":[]}', '{"city":"Porto","price":3,"sold":true,"tags":null}'].join('\n'));
    const r = await importFile(fx.core, { path: p });
    expect(r.rows).toBe(3);
    expect(r.columns.map((c) => [c.name, c.type, c.missing])).toEqual([
      ['city', 'categorical', 0],
      ['price', 'float', 1],
      ['sold', 'boolean', 0],
      ['tags', 'categorical', 1],
    ]);
    const rows = (await fx.core.call('datasets.rows', { id: r.id, offset: 0, limit: 10 })).rows;
    expect(rows[0]).toEqual(['Porto', 12.5, 1, '["a"]']);
  });

  it('JSON Lines: a broken line is named', async () => {
    const p = write('broken.jsonl', '{"a":1}\n{"a":2\n{"a":3}\n');
    await expect(importFile(fx.core, { path: p })).rejects.toThrow(/broken\.jsonl, line 2: not valid JSON/);
  });

  it('Parquet', async () => {
    const buf = parquetWriteBuffer({
      columnData: [
        { name: 'id', data: new Int32Array([1, 2, 3]) },
        { name: 'name', data: ['a', 'b', null] },
        { name: 'score', data: new Float64Array([0.5, 1.5, 2.5]) },
      ],
    });
    const r = await importFile(fx.core, { path: write('t.parquet', buf) });
    expect(r.rows).toBe(3);
    expect(r.columns.map((c) => [c.name, c.type, c.missing])).toEqual([
      ['id', 'integer', 0],
      ['name', 'categorical', 1],
      ['score', 'float', 0],
    ]);
  });

  it('BOM, CRLF, quoted fields with embedded newlines and delimiters', async () => {
    const p = write('q.csv', '\uFEFFname,note,n\r\n"Smith, J","line one\r\nline two",1\r\nLee,"said ""hi""",2\r\n');
    const r = await importFile(fx.core, { path: p });
    expect(r.columns.map((c) => c.name)).toEqual(['name', 'note', 'n']);
    const rows = (await fx.core.call('datasets.rows', { id: r.id, offset: 0, limit: 10 })).rows;
    expect(rows).toEqual([
      ['Smith, J', 'line one\r\nline two', 1],
      ['Lee', 'said "hi"', 2],
    ]);
  });

  it('Latin-1 text and semicolons are recognised', async () => {
    const p = write('latin1.csv', Buffer.from('ville;prix\nSão Paulo;10\nZürich;12,5\n'.replace(/,/g, '.'), 'latin1'));
    const r = await importFile(fx.core, { path: p });
    const d = await fx.core.call('datasets.get', { id: r.id });
    expect(d.options).toMatchObject({ encoding: 'latin1', delimiter: ';' });
    const rows = (await fx.core.call('datasets.rows', { id: r.id, offset: 0, limit: 10 })).rows;
    expect(rows.map((x) => x[0])).toEqual(['São Paulo', 'Zürich']);
  });

  it('a type override is checked over the whole file and named on failure', async () => {
    const p = write('typed.csv', 'a,b\n1,x\n2,y\n3,7\n');
    await expect(importFile(fx.core, { path: p, types: { b: 'integer' } })).rejects.toThrow(/typed\.csv, line 2: column 'b': expected integer, got 'x'/);
    const r = await importFile(fx.core, { path: p, types: { a: 'float', b: 'text' } });
    expect(r.columns.map((c) => c.type)).toEqual(['float', 'text']);
  });

  it('skips bad rows on request, counts them and shows the first', async () => {
    const p = write('ragged.csv', 'a,b\n1,2\n3\n4,5\n6,7,8\n');
    // Half the rows: past the lossy-import guard only when allowed.
    const r = await importFile(fx.core, { path: p, badRows: 'skip', allowSkipped: true });
    expect(r.rows).toBe(2);
    expect(r.skippedRows).toBe(2);
    const d = await fx.core.call('datasets.get', { id: r.id });
    expect(d.options.skippedExamples).toEqual([
      { line: 3, reason: 'expected 2 fields, found 1' },
      { line: 5, reason: 'expected 2 fields, found 3' },
    ]);
  });

  it('an inferred integer column widens when a later value is a float or text', async () => {
    const head = Array.from({ length: 3000 }, (_, i) => `${i},${i % 7}`).join('\n');
    const p = write('widen.csv', `id,k\n${head}\n3000,2.5\n3001,seven\n`);
    const r = await importFile(fx.core, { path: p });
    expect(r.columns.map((c) => c.type)).toEqual(['integer', 'categorical']);
    const rows = (await fx.core.call('datasets.rows', { id: r.id, offset: 2999, limit: 3 })).rows;
    expect(rows).toEqual([
      [2999, '3'],
      [3000, '2.5'],
      [3001, 'seven'],
    ]);
  });

  it('an inferred boolean column that meets text keeps its earlier values as true/false', async () => {
    const head = Array.from({ length: 2500 }, (_, i) => `${i},${i % 2 ? 'true' : 'false'}`).join('\n');
    const r = await importFile(fx.core, { path: write('boolwiden.csv', `id,b\n${head}\n2500,maybe\n`) });
    expect(r.columns.map((c) => c.type)).toEqual(['integer', 'categorical']);
    const rows = (await fx.core.call('datasets.rows', { id: r.id, offset: 2498, limit: 3 })).rows;
    expect(rows).toEqual([
      [2498, 'false'],
      [2499, 'true'],
      [2500, 'maybe'],
    ]);
  });

  it('changes a column type after import, refusing values that do not fit', async () => {
    const r = await importFile(fx.core, { path: write('retype.csv', 'code,flag\n1,yes\n2,no\n10,yes\n') });
    expect(r.columns.map((c) => c.type)).toEqual(['integer', 'boolean']);
    const ok = await fx.core.call('datasets.setColumnType', { id: r.id, position: 0, type: 'categorical' });
    expect((await fx.core.ctx.jobs.wait(ok.jobId)).status).toBe('succeeded');
    const d = await fx.core.call('datasets.get', { id: r.id });
    expect(d.columnsDetail[0].type).toBe('categorical');
    expect((await fx.core.call('datasets.rows', { id: r.id, offset: 0, limit: 3 })).rows.map((x) => x[0])).toEqual(['1', '2', '10']);
    const bad = await fx.core.call('datasets.setColumnType', { id: r.id, position: 1, type: 'integer' });
    const job = await fx.core.ctx.jobs.wait(bad.jobId);
    expect(job.status).toBe('failed');
    expect(job.error?.message).toMatch(/'flag' cannot be integer: row 1 holds 'true'/);
  });

  it('profiles every column with stats, histograms and correlations', async () => {
    const lines = Array.from({ length: 500 }, (_, i) => `${i},${i * 2 + 1},${i % 3 === 0 ? 'a' : 'b'},${i % 10 === 0 ? '' : (i % 50) / 10}`);
    const r = await importFile(fx.core, { path: write('p.csv', `x,y,c,z\n${lines.join('\n')}\n`) });
    const { jobId } = await fx.core.call('datasets.profile', { id: r.id });
    expect(jobId).not.toBeNull();
    await fx.core.ctx.jobs.wait(jobId!);
    const { profile } = await fx.core.call('datasets.profile', { id: r.id });
    const [x, , c, z] = profile!.columns;
    expect(x).toMatchObject({ count: 500, missing: 0, distinct: 500, min: 0, max: 499, mean: 249.5 });
    expect(x.std).toBeCloseTo(144.482, 2);
    expect(x.quantiles!.p50).toBeCloseTo(249.5, 6);
    expect(x.histogram!.reduce((n, b) => n + b.count, 0)).toBe(500);
    expect(c.top).toEqual([
      { value: 'b', count: 333 },
      { value: 'a', count: 167 },
    ]);
    expect(z.missing).toBe(50);
    expect(profile!.correlation.columns).toEqual(['x', 'y', 'z']);
    expect(profile!.correlation.matrix[0][1]).toBe(1);
  });

  it('deletes a dataset and its table; renames refuse a taken name', async () => {
    const a = await importFile(fx.core, { path: write('d1.csv', 'a\n1\n2\n'), name: 'first' });
    await importFile(fx.core, { path: write('d2.csv', 'a\n1\n2\n'), name: 'second' });
    await expect(fx.core.call('datasets.rename', { id: a.id, name: 'second' })).rejects.toThrow(/already exists/);
    const table = fx.core.ctx.repos.datasets.table(a.id).table;
    await fx.core.call('datasets.delete', { id: a.id });
    expect(fx.core.ctx.db.prepare('SELECT COUNT(*) AS n FROM sqlite_master WHERE name = ?').get(table)).toEqual({ n: 0 });
    await expect(fx.core.call('datasets.get', { id: a.id })).rejects.toThrow(/No dataset/);
  });

  it('refuses to delete a dataset that runs use', async () => {
    const a = await importFile(fx.core, { path: write('used.csv', 'a\n1\n2\n') });
    fx.core.ctx.db.prepare("INSERT INTO runs (id, dataset_id, status, created_at) VALUES ('r1', ?, 'succeeded', '2026-01-01')").run(a.id);
    await expect(fx.core.call('datasets.delete', { id: a.id })).rejects.toThrow(/used by 1 run; delete those runs first/);
  });
});
