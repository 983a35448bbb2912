import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importDataset } from './import-task';
import { importArgs } from '../../../shared/api/methods/datasets';
import { tableNameFor } from '../../data/db/dataset-tables';
import { importTaskFixture } from '../../../tests/helpers/import-task-fixture';
import { parseFloatExact, parseInteger } from '../../data/values';
import { quoteInexactNumbers } from './jsonl-source';

const fx = importTaskFixture('big');

let n = 0;
async function importText(name: string, text: string, csvParser: 'scan' | 'papa' = 'scan', extra: Record<string, unknown> = {}) {
  const file = path.join(fx.home.dir, name);
  fs.writeFileSync(file, text);
  const id = `big${n++}`;
  const r = await importDataset({ ...importArgs.parse({ path: file, ...extra }), datasetId: id, csvParser }, fx.ctx());
  const rows = fx.db.prepare(`SELECT * FROM "${tableNameFor(id)}" ORDER BY rowid`).raw().all() as unknown[][];
  return { r, rows };
}

/** 100 distinct 20-digit ids: as doubles they would all read as one or a few values. */
const ids = Array.from({ length: 100 }, (_, i) => `1234567890123456${String(7000 + i)}`);

describe('whole numbers beyond 2^53', () => {
  it('values: integers up to 2^53 − 1 are integers; longer or inexact literals are no number', () => {
    expect(parseInteger('9007199254740991')).toBe(9007199254740991);
    expect(parseInteger('-9007199254740991')).toBe(-9007199254740991);
    expect(parseInteger('9007199254740993')).toBeNull();
    expect(parseInteger('12345678901234567890')).toBeNull();
    expect(parseFloatExact('12345678901234567890')).toBeNull();
    expect(parseFloatExact('9007199254740993')).toBeNull();
    expect(parseFloatExact('3.14159265358979323846')).toBeNull();
    expect(parseFloatExact('1234567890123456.7')).toBeNull();
    // Literals a double reads back exactly stay numbers, however they are written.
    expect(parseFloatExact('0.30000000000000004')).toBe(0.30000000000000004);
    expect(parseFloatExact('1.0000000000000000000')).toBe(1);
    expect(parseFloatExact('0.000000000000000000012345')).toBe(1.2345e-20);
    expect(parseFloatExact('1e20')).toBe(1e20);
    expect(parseFloatExact('000000000000000000000042')).toBe(42);
  });

  it.each(['scan', 'papa'] as const)('100 distinct 20-digit ids import as 100 distinct texts (%s)', async (parser) => {
    const text = 'id,x\n' + ids.map((id, i) => `${id},${i % 7}`).join('\n') + '\n';
    const { r, rows } = await importText(`ids-${parser}.csv`, text, parser);
    const id = r.columns[0];
    expect(['categorical', 'text']).toContain(id.type);
    expect(r.columns[1].type).toBe('integer');
    expect(rows.map((row) => row[0])).toEqual(ids);
    expect(new Set(rows.map((row) => row[0])).size).toBe(100);
  });

  it('a big id after the sample turns an integer column to text, earlier values kept exactly', async () => {
    const small = Array.from({ length: 2500 }, (_, i) => String(1000 + i));
    const text = 'id\n' + [...small, '98765432109876543210'].join('\n') + '\n';
    const { r, rows } = await importText('late.csv', text);
    expect(['categorical', 'text']).toContain(r.columns[0].type);
    expect(rows.at(-1)![0]).toBe('98765432109876543210');
    expect(rows[0][0]).toBe('1000');
  });

  it('16-digit ids up to 2^53 − 1 stay integers, exactly', async () => {
    const vals = ['9007199254740991', '1234567890123456', '-9007199254740990'];
    const { r, rows } = await importText('safe.csv', 'id\n' + vals.join('\n') + '\n');
    expect(r.columns[0].type).toBe('integer');
    expect(rows.map((row) => row[0])).toEqual(vals.map(Number));
  });

  it('decimals with more digits than a double keeps are text, not rounded floats', async () => {
    const { r, rows } = await importText('pi.csv', 'v\n3.14159265358979323846\n2.71828182845904523536\n');
    expect(['categorical', 'text']).toContain(r.columns[0].type);
    expect(rows.map((row) => row[0])).toEqual(['3.14159265358979323846', '2.71828182845904523536']);
  });

  it('a column the user types as float still takes them (rounded, as asked)', async () => {
    const { r, rows } = await importText('asked.csv', 'v\n12345678901234567890\n1.5\n', 'scan', { types: { v: 'float' } });
    expect(r.columns[0].type).toBe('float');
    expect(rows.map((row) => row[0])).toEqual([12345678901234567890, 1.5]);
  });

  it('JSON Lines: big integers arrive as their text, not as rounded doubles', async () => {
    const text = ids.slice(0, 30).map((id, i) => `{"id":${id},"n":${i},"s":"${id}"}`).join('\n') + '\n';
    const { r, rows } = await importText('ids.jsonl', text);
    expect(['categorical', 'text']).toContain(r.columns[0].type);
    expect(rows.map((row) => row[0])).toEqual(ids.slice(0, 30));
    expect(r.columns[1].type).toBe('integer');
    expect(quoteInexactNumbers('{"a":"12345678901234567890","b":[1,12345678901234567890]}')).toBe('{"a":"12345678901234567890","b":[1,"12345678901234567890"]}');
  });
});
