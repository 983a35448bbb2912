/** `datasets.preview`: what the import will read, from the file's start, through the import's own sniffing and inference. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coreFixture, importFile } from '../../../tests/helpers/core-fixture';

const WINE = path.resolve(import.meta.dirname, '../../../tests/fixtures/wine_data.csv');

let fx: ReturnType<typeof coreFixture>;
beforeAll(() => {
  fx = coreFixture('browser');
});
afterAll(() => fx.close());

const write = (name: string, text: string) => {
  const file = path.join(fx.home, name);
  fs.writeFileSync(file, text);
  return file;
};

describe('datasets.preview', () => {
  it('shows that the wine file starts with a count line: the first row is 5 wide and every line below has 14 fields', async () => {
    const p = await fx.core.call('datasets.preview', { path: WINE });
    expect(p).toMatchObject({ format: 'csv', previewed: true, delimiter: ',', header: false, skipLines: 0 });
    expect(p.columns).toHaveLength(5);
    expect(p.rows).toHaveLength(50);
    expect(p.rows[0]).toEqual(['178', '13', 'class_0', 'class_1', 'class_2']);
    expect(p.badRows).toBe(178);
    expect(p.problems[0]).toEqual({ line: 2, message: 'line 2 has 14 fields, the first row has 5' });
  });

  it('with one leading line skipped, reads 14 numeric columns and no problems', async () => {
    const p = await fx.core.call('datasets.preview', { path: WINE, skipLines: 1, rows: 3 });
    expect(p.header).toBe(false);
    expect(p.columns.map((c) => c.name)).toEqual(Array.from({ length: 14 }, (_, i) => `column_${i + 1}`));
    // Magnesium (5th), proline and the class are whole numbers.
    expect(p.columns.map((c) => c.type)).toEqual([...Array(4).fill('float'), 'integer', ...Array(7).fill('float'), 'integer', 'integer']);
    expect(p.rows).toHaveLength(3);
    expect(p.rows[0].slice(0, 3)).toEqual(['14.23', '1.71', '2.43']);
    expect(p.rowLines).toEqual([2, 3, 4]);
    expect(p.sampledRows).toBe(178);
    expect(p.problems).toEqual([]);
  });

  it('takes the options the import takes: header, names, types, delimiter, quote none', async () => {
    const file = write('people.csv', 'name;age;note\n"Ann";34;said "hi"\nBo;NA;ok\n');
    const p = await fx.core.call('datasets.preview', {
      path: file,
      header: 'yes',
      delimiter: ';',
      quote: 'none',
      columns: ['who', 'years', 'remark'],
      types: { years: 'float' },
    });
    expect(p).toMatchObject({ delimiter: ';', quote: null, quoteDetected: false, header: true, headerDetected: false });
    expect(p.columns).toEqual([
      { name: 'who', type: 'categorical', fixed: false },
      { name: 'years', type: 'float', fixed: true },
      { name: 'remark', type: 'categorical', fixed: false },
    ]);
    // Quotes are text; NA is missing.
    expect(p.rows).toEqual([['"Ann"', '34', 'said "hi"'], ['Bo', null, 'ok']]);
    expect(p.missingMarkers).toContain('na');
  });

  it('names a value that does not fit a fixed type, and names that no longer fit the file, without failing', async () => {
    const file = write('typed.csv', 'a,b\n1,x\n2,3\n');
    const typed = await fx.core.call('datasets.preview', { path: file, types: { b: 'integer' } });
    expect(typed.problems).toEqual([{ line: 2, message: "line 2: column 'b' expects integer, got 'x'" }]);
    const stale = await fx.core.call('datasets.preview', { path: file, columns: ['only'] });
    expect(stale.columns.map((c) => c.name)).toEqual(['a', 'b']);
    expect(stale.problems[0].message).toMatch(/^1 column names were given but the file has 2 columns; the import would stop here/);
  });

  it('agrees with what the import then reads', async () => {
    const file = write('agree.csv', 'id,city,when\n1,Lisbon,2024-01-02\n2,Porto,2024-02-03\n3,Lisbon,\n');
    const p = await fx.core.call('datasets.preview', { path: file });
    const r = await importFile(fx.core, { path: file });
    expect(p.columns.map(({ name, type }) => ({ name, type }))).toEqual(r.columns.map(({ name, type }) => ({ name, type })));
    expect(p.rows.length).toBe(r.rows);
  });

  it('reads only the start of a large file: a row far past the head does not change the preview', async () => {
    const rows = Array.from({ length: 200_000 }, (_, i) => `${i},${i % 13}`).join('\n');
    const file = write('big.csv', `a,b\n${rows}\nnot,a,number,row\n`);
    const p = await fx.core.call('datasets.preview', { path: file, rows: 5 });
    expect(p.truncated).toBe(true);
    expect(p.problems).toEqual([]);
    expect(p.columns.map((c) => c.type)).toEqual(['integer', 'integer']);
    expect(p.sampledRows).toBe(2000);
  });

  it('previews an upload of the head (browser mode) and removes it; refuses removing a file that is not an upload', async () => {
    const uploads = path.join(fx.home, 'uploads');
    fs.mkdirSync(uploads, { recursive: true });
    const head = fs.readFileSync(WINE).subarray(0, 4096);
    const upload = path.join(uploads, '5c1e0c1a-2b3d-4e5f-8a9b-0c1d2e3f4a5b-wine_data.csv');
    fs.writeFileSync(upload, head);
    const p = await fx.core.call('datasets.preview', { path: upload, removeSource: true, skipLines: 1, sourceBytes: fs.statSync(WINE).size });
    expect(p.truncated).toBe(true);
    expect(p.columns).toHaveLength(14);
    expect(fs.existsSync(upload)).toBe(false);
    await expect(fx.core.call('datasets.preview', { path: WINE, removeSource: true })).rejects.toMatchObject({ code: 'bad_request' });
    expect(fs.existsSync(WINE)).toBe(true);
  });

  it('says JSON Lines are not previewed by these options, and refuses a missing file', async () => {
    const file = write('a.jsonl', '{"a":1}\n{"a":2}\n');
    expect(await fx.core.call('datasets.preview', { path: file })).toMatchObject({ format: 'jsonl', previewed: false });
    await expect(fx.core.call('datasets.preview', { path: path.join(fx.home, 'nope.csv') })).rejects.toMatchObject({ code: 'not_found' });
  });
});
