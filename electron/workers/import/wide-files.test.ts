import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { importDataset } from './import-task';
import { firstRecordWidth, MAX_COLUMNS } from '../../data/import/csv-head';
import { importArgs } from '../../../shared/api/methods/datasets';
import { ApiError } from '../../../shared/api/errors';
import { importTaskFixture } from '../../../tests/helpers/import-task-fixture';

const fx = importTaskFixture('wide');

let n = 0;
async function importFile(name: string, content: string | Buffer, extra: Record<string, unknown> = {}) {
  const file = path.join(fx.home.dir, name);
  fs.writeFileSync(file, content);
  return importDataset({ ...importArgs.parse({ path: file, ...extra }), datasetId: `wide${n++}` }, fx.ctx());
}

async function refusal(p: Promise<unknown>): Promise<ApiError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ApiError);
  return err as ApiError;
}

const header = (cols: number) => Array.from({ length: cols }, (_, i) => `c${i}`).join(',');
const row = (cols: number, r: number) => Array.from({ length: cols }, (_, i) => String((i + r) % 10)).join(',');
const noTablesLeft = () => fx.db.prepare(`SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' AND name LIKE 'ds\\_%' ESCAPE '\\'`).pluck().get();

describe('very wide files', () => {
  it('counts the fields of the first record, quotes and all', () => {
    expect(firstRecordWidth('a,b,c\n1,2,3\n', ',', '"')).toEqual({ fields: 3, complete: true });
    expect(firstRecordWidth('"a,x","b""y,z",c\r\n1', ',', '"')).toEqual({ fields: 3, complete: true });
    expect(firstRecordWidth('"a\nb",c\n', ',', '"')).toEqual({ fields: 2, complete: true });
    expect(firstRecordWidth(',,,', ',', '"')).toEqual({ fields: 4, complete: false });
  });

  it(`refuses a 3,000-column header naming the count and the limit of ${MAX_COLUMNS}`, async () => {
    const before = noTablesLeft();
    const err = await refusal(importFile('wide.csv', `${header(3000)}\n${row(3000, 1)}\n${row(3000, 2)}\n`));
    expect(err.code).toBe('bad_request');
    expect(err.message).toBe(`wide.csv has 3,000 columns; Lathe takes at most ${MAX_COLUMNS.toLocaleString('en-US')} (one database column per field)`);
    expect(err.details).toMatchObject({ columns: 3000, limit: MAX_COLUMNS });
    expect(noTablesLeft()).toBe(before);
  });

  it('refuses a 5 MB line of commas from its first 256 KB, without reading on', async () => {
    const err = await refusal(importFile('commas.csv', ','.repeat(5 * 1024 * 1024)));
    expect(err.code).toBe('bad_request');
    // The count is what the first 256 KB hold: the rest of the file was never read or parsed.
    expect(err.message).toBe(`commas.csv has at least 262,145 columns; Lathe takes at most ${MAX_COLUMNS.toLocaleString('en-US')} (one database column per field)`);
  });

  it('refuses a wide file without a header too, and a wide JSON Lines or Parquet file', async () => {
    const noHeader = await refusal(importFile('nohead.csv', `${row(2001, 0)}\n${row(2001, 1)}\n`, { header: 'no' }));
    expect(noHeader.message).toMatch(/nohead\.csv has 2,001 columns; Lathe takes at most/);
    const obj = (r: number) => JSON.stringify(Object.fromEntries(Array.from({ length: 2500 }, (_, i) => [`k${i}`, i + r])));
    const jsonl = await refusal(importFile('wide.jsonl', `${obj(0)}\n${obj(1)}\n`));
    expect(jsonl.message).toMatch(/wide\.jsonl has 2,500 columns/);
    const buf = parquetWriteBuffer({ columnData: Array.from({ length: 2100 }, (_, i) => ({ name: `p${i}`, data: new Int32Array([i, i + 1]) })) });
    const parquet = await refusal(importFile('wide.parquet', Buffer.from(buf)));
    expect(parquet.message).toMatch(/wide\.parquet has 2,100 columns/);
  });

  it(`imports a file of exactly ${MAX_COLUMNS} columns`, async () => {
    const r = await importFile('widest.csv', `${header(MAX_COLUMNS)}\n${row(MAX_COLUMNS, 1)}\n${row(MAX_COLUMNS, 2)}\n`);
    expect(r.columns).toHaveLength(MAX_COLUMNS);
    expect(r.rows).toBe(2);
  });
});
