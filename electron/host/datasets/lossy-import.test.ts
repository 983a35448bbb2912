/**
 * The lossy-import guard: skipping bad rows may not hollow a file out. The wine file's count line
 * made a 1-row dataset of 179 lines; now it is refused, and read whole once its first line is skipped.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coreFixture, importFile } from '../../../tests/helpers/core-fixture';
import { tempHome } from '../../../tests/helpers/temp-home';
import { MAX_SKIPPED_SHARE } from '../../../shared/import-guard';

const WINE = path.resolve(import.meta.dirname, '../../../tests/fixtures/wine_data.csv');
const bin = path.resolve(import.meta.dirname, '../../../bin/lathe.mjs');

let fx: ReturnType<typeof coreFixture>;
beforeAll(() => {
  fx = coreFixture();
});
afterAll(() => fx.close());

const tables = () => fx.core.ctx.db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name LIKE 'ds_%'").pluck().get();

/** A file of `rows` good rows and `bad` rows of three fields, the bad ones last. */
function ragged(name: string, rows: number, bad: number): string {
  const file = path.join(fx.home, name);
  const lines = ['a,b', ...Array.from({ length: rows }, (_, i) => `${i},${i * 2}`), ...Array.from({ length: bad }, (_, i) => `${i},${i},${i}`)];
  fs.writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

describe('the lossy-import guard', () => {
  it('refuses the wine file with skipBadRows, naming how many rows, the first lines and why, and writes nothing', async () => {
    const before = { datasets: (await fx.core.call('datasets.list', {})).length, tables: tables() };
    const err = await importFile(fx.core, { path: WINE, badRows: 'skip' }).catch((e: unknown) => e);
    expect(err).toMatchObject({
      code: 'bad_request',
      message: expect.stringMatching(/^wine_data\.csv: 178 of 179 data rows \(99\.4 %\) do not parse and would be skipped, more than 1 % \(line 2: expected 5 fields, found 14; line 3: expected 5 fields, found 14; line 4: .*\)\. Nothing was imported/),
      details: { reason: 'too_many_skipped', skipped: 178, dataRows: 179, limit: MAX_SKIPPED_SHARE },
    });
    expect((err as { details: { examples: { line: number }[] } }).details.examples.map((e) => e.line)).toEqual([2, 3, 4, 5, 6]);
    expect({ datasets: (await fx.core.call('datasets.list', {})).length, tables: tables() }).toEqual(before);
  });

  it('imports anyway when told to, skipping those rows', async () => {
    const r = await importFile(fx.core, { path: WINE, badRows: 'skip', allowSkipped: true, name: 'wine-lossy' });
    expect(r).toMatchObject({ rows: 1, skippedRows: 178 });
  });

  it('with one leading line skipped, imports 178 rows of 14 columns and records the skip', async () => {
    const r = await importFile(fx.core, { path: WINE, badRows: 'skip', skipLines: 1, name: 'wine' });
    expect(r.rows).toBe(178);
    expect(r.columns).toHaveLength(14);
    expect(r.skippedRows).toBe(0);
    const d = await fx.core.call('datasets.get', { id: r.id });
    expect(d.options).toMatchObject({ skipLines: 1, header: false });
    const first = await fx.core.call('datasets.rows', { id: r.id, offset: 0, limit: 1 });
    expect(first.rows[0].slice(0, 2)).toEqual([14.23, 1.71]);
  });

  it('lets 1 % through and stops just above it', async () => {
    // 1 of 100 data rows skipped is exactly the limit; 2 of 101 is above it.
    await expect(importFile(fx.core, { path: ragged('one.csv', 99, 1), badRows: 'skip' })).resolves.toMatchObject({ rows: 99, skippedRows: 1 });
    await expect(importFile(fx.core, { path: ragged('two.csv', 99, 2), badRows: 'skip' })).rejects.toMatchObject({ code: 'bad_request', details: { skipped: 2, dataRows: 101 } });
  });

  it('counts lines after skipped ones as file lines in bad-row messages', async () => {
    const file = path.join(fx.home, 'preamble.csv');
    fs.writeFileSync(file, '# exported\n\nx,y\n1,2\n3\n');
    await expect(importFile(fx.core, { path: file, skipLines: 2 })).rejects.toThrow(/^preamble\.csv, line 5: expected 2 fields, found 1/);
  });
});

describe('lathe import and the guard', () => {
  const home = tempHome();
  afterAll(() => home.cleanup());
  const lathe = (...args: string[]) => {
    const r = spawnSync(process.execPath, [bin, '--home', home.dir, '--json', ...args], { encoding: 'utf8', env: { ...process.env, LATHE_HOME: '' } });
    return { code: r.status, out: r.stdout.trim() ? JSON.parse(r.stdout.trim().split('\n').pop()!) : null, stderr: r.stderr };
  };

  it('--skip-bad-rows is refused as bad_request; --allow-skipped and --skip-lines 1 import', () => {
    const refused = lathe('import', WINE, '--skip-bad-rows');
    expect(refused.code).toBe(1);
    expect(refused.out).toMatchObject({ ok: false, error: { code: 'bad_request', details: { reason: 'too_many_skipped', skipped: 178 } } });
    expect(refused.out.error.message).toMatch(/178 of 179 data rows .*line 2: expected 5 fields, found 14/);
    expect(lathe('datasets').out).toEqual([]);

    expect(lathe('import', WINE, '--skip-bad-rows', '--allow-skipped', '--name', 'lossy').out).toMatchObject({ rows: 1, skippedRows: 178 });
    expect(lathe('import', WINE, '--skip-lines', '1', '--name', 'wine').out).toMatchObject({ rows: 178, skippedRows: 0, columns: expect.arrayContaining([expect.objectContaining({ name: 'column_14' })]) });
    expect(lathe('import', WINE, '--skip-lines', 'x').out).toMatchObject({ ok: false, error: { code: 'bad_request', details: { field: 'skipLines' } } });
  }, 120_000);
});
