import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../models/split/prng';
import { importDataset } from './import-task';
import { importArgs } from '../../../shared/api/methods/datasets';
import { ApiError } from '../../../shared/api/errors';
import { tableNameFor } from '../../data/db/dataset-tables';
import { importTaskFixture } from '../../../tests/helpers/import-task-fixture';
import { CsvScanner } from './csv-scanner';
import { guessNewline } from '../../data/import/csv-head';
import { sniffDelimiter } from '../../data/import/sniff';

/** Seeded generator of malformed delimited files. */
const rng = mulberry32;

const pieces = ['1', '-2.5', 'abc', '', '?', 'NA', '"q"', '"un', 'x"y', '2024-01-31', 'true', ' sp', '\t', ';', '""', 'é', '\u0000', '1e5', '"a,b"', '"multi\nline"'];

function malformed(r: () => number): Buffer {
  const kind = Math.floor(r() * 10);
  if (kind === 0) return Buffer.alloc(0); // empty
  if (kind === 1) return Buffer.from('a,b,c\n'); // header only
  if (kind === 2) return Buffer.from(Array.from({ length: 200 }, () => Math.floor(r() * 256))); // binary bytes
  const rows = 1 + Math.floor(r() * 30);
  const width = 1 + Math.floor(r() * 5);
  const delim = [',', '\t', ';', '|'][Math.floor(r() * 4)];
  const eol = r() < 0.3 ? '\r\n' : '\n';
  const lines: string[] = [];
  for (let i = 0; i < rows; i++) {
    const w = r() < 0.2 ? Math.max(1, width + Math.floor(r() * 3) - 1) : width; // ragged
    lines.push(Array.from({ length: w }, () => pieces[Math.floor(r() * pieces.length)]).join(delim));
  }
  let text = (r() < 0.1 ? '\uFEFF' : '') + lines.join(eol) + (r() < 0.5 ? eol : '');
  if (r() < 0.1) text += '"unterminated';
  const buf = Buffer.from(text, 'utf8');
  if (kind === 3) {
    // Mixed encodings: Latin-1 bytes in a UTF-8 file.
    return Buffer.concat([buf, Buffer.from('\ncaf\xe9,na\xefve\n', 'latin1')]);
  }
  return buf;
}

const fx = importTaskFixture('fuzz');

async function attempt(file: string, id: string, extra: Record<string, unknown> = {}) {
  const before = (fx.db.prepare('SELECT COUNT(*) AS n FROM datasets').get() as { n: number }).n;
  try {
    const r = await importDataset({ ...importArgs.parse({ path: file, ...extra }), datasetId: id }, fx.ctx());
    // A correct import: the registered row count is what the table holds.
    const held = fx.db.prepare(`SELECT COUNT(*) AS n FROM "${tableNameFor(id)}"`).get() as { n: number };
    expect(held.n).toBe(r.rows);
    expect(r.rows).toBeGreaterThan(0);
    return 'ok';
  } catch (err) {
    // A clean error: structured, worded, and nothing left behind.
    if (!(err instanceof ApiError)) throw new Error(`crash on ${file}: ${(err as Error).stack}`);
    expect(['bad_request', 'not_found']).toContain(err.code);
    expect(err.message.length).toBeGreaterThan(5);
    expect((fx.db.prepare('SELECT COUNT(*) AS n FROM datasets').get() as { n: number }).n).toBe(before);
    expect(fx.db.prepare('SELECT COUNT(*) AS n FROM sqlite_master WHERE name = ?').get(tableNameFor(id))).toEqual({ n: 0 });
    return 'error';
  }
}

/** Columns of one kind each, with missing markers, padding, quotes and late values that widen or break a type. */
function typedFile(r: () => number): { text: string; extra: Record<string, unknown> } {
  const kinds = ['int', 'float', 'bool', 'date', 'cat', 'text'] as const;
  const width = 2 + Math.floor(r() * 5);
  const cols = Array.from({ length: width }, () => kinds[Math.floor(r() * kinds.length)]);
  const rows = 20 + Math.floor(r() * 2600);
  const spaced = r() < 0.2;
  const pick = <T,>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  // After ', ' a quote does not open a quoted field: such files get no quotes.
  const value = (k: (typeof kinds)[number], late: boolean): string => {
    const v = quotedValue(k, late);
    return spaced ? v.replace(/[",]/g, '') : v;
  };
  const quotedValue = (k: (typeof kinds)[number], late: boolean): string => {
    if (r() < 0.03) return pick(['', 'NA', '?', 'null', 'N/A', '-', 'nan']);
    if (late && r() < 0.01) return pick(['2.5', 'x', 'maybe', '1e3', '2024-02-30', '12345678901234567', ' 7 ', '"q""uote"']);
    switch (k) {
      case 'int':
        return String(Math.floor((r() - 0.5) * 10 ** Math.floor(r() * 10))) + (r() < 0.01 ? ' ' : '');
      case 'float':
        return r() < 0.01 ? `"${(r() * 100).toFixed(3)}"` : ((r() - 0.5) * 10 ** Math.floor(r() * 8)).toFixed(Math.floor(r() * 6));
      case 'bool':
        return pick(['true', 'false', 'TRUE', 'yes', 'No', 't', 'F']);
      case 'date':
        return `20${10 + Math.floor(r() * 20)}-0${1 + Math.floor(r() * 9)}-${10 + Math.floor(r() * 19)}`;
      case 'cat':
        return pick(['Lisbon', 'Porto', 'São Paulo', '"Paris, FR"', 'Oslo']);
      case 'text':
        return `"${Array.from({ length: 1 + Math.floor(r() * 6) }, () => pick(['great', 'show', 'a "b"'.replace(/"/g, '""'), 'late,'])).join(' ')}"`;
    }
  };
  const lines = [cols.map((k, j) => `${k}${j}`).join(spaced ? ', ' : ',')];
  for (let n = 0; n < rows; n++) lines.push(cols.map((k) => value(k, n > 2000 || r() < 0.001)).join(spaced ? ', ' : ','));
  const extra: Record<string, unknown> = {};
  if (r() < 0.3) Object.assign(extra, { badRows: 'skip', allowSkipped: true });
  if (r() < 0.2) extra.types = { [`${cols[0]}0`]: pick(['integer', 'float', 'boolean', 'date', 'categorical', 'text']) };
  const eol = r() < 0.3 ? '\r\n' : '\n';
  return { text: lines.join(eol) + eol, extra };
}

/** What an import leaves: the result and every stored row, or the error. */
async function outcome(file: string, id: string, extra: Record<string, unknown>, csvParser: 'scan' | 'papa') {
  try {
    const r = await importDataset({ ...importArgs.parse({ path: file, ...extra }), datasetId: id, csvParser }, fx.ctx());
    const rows = fx.db.prepare(`SELECT * FROM "${tableNameFor(id)}" ORDER BY rowid`).raw().all();
    const options = fx.db.prepare('SELECT options_json FROM datasets WHERE id = ?').pluck().get(id);
    const columns = fx.db.prepare('SELECT position, name, type, missing FROM dataset_columns WHERE dataset_id = ? ORDER BY position').all(id);
    return { result: { ...r, id: null, name: null }, rows, options, columns };
  } catch (err) {
    return { error: (err as Error).message };
  }
}

/** Whether the scanner reads the file without handing it to Papa Parse. */
function scannerTakes(content: Buffer): boolean {
  try {
    const text = content.toString('utf8').replace(/^\uFEFF/, '');
    const delimiter = sniffDelimiter(text);
    new CsvScanner(delimiter, '"', guessNewline(text, '"'), () => undefined).push(text, true);
    return true;
  } catch {
    return false;
  }
}

describe('import fuzz', () => {
  it('1,200 generated malformed files: each imports correctly or fails cleanly', async () => {
    const r = rng(20261124);
    const outcomes = { ok: 0, error: 0 };
    for (let i = 0; i < 1200; i++) {
      const file = path.join(fx.home.dir, `f${i}.csv`);
      fs.writeFileSync(file, malformed(r));
      const mode = r() < 0.5 ? { badRows: 'skip', allowSkipped: i % 2 === 0 } : {};
      outcomes[await attempt(file, `fuzz${i}`, mode)]++;
      fs.rmSync(file);
    }
    // Both paths were exercised.
    expect(outcomes.ok).toBeGreaterThan(100);
    expect(outcomes.error).toBeGreaterThan(100);
  }, 180_000);

  it('the scanner and Papa Parse import the same 1,200 files to the same rows', async () => {
    const r = rng(20261124);
    let scanned = 0;
    for (let i = 0; i < 1200; i++) {
      const file = path.join(fx.home.dir, `g${i}.csv`);
      const content = malformed(r);
      fs.writeFileSync(file, content);
      const mode = r() < 0.5 ? { badRows: 'skip', allowSkipped: i % 2 === 0 } : {};
      const [viaScan, viaPapa] = [await outcome(file, `s${i}`, mode, 'scan'), await outcome(file, `p${i}`, mode, 'papa')];
      expect({ file: content.toString('latin1'), ...viaScan }).toEqual({ file: content.toString('latin1'), ...viaPapa });
      if (scannerTakes(content)) scanned++;
      fs.rmSync(file);
    }
    // Most files that parse at all went through the scanner, not the fallback.
    expect(scanned).toBeGreaterThan(400);
  }, 180_000);

  it('the scanner and Papa Parse type 150 generated files of typed columns alike', async () => {
    const r = rng(99);
    for (let i = 0; i < 150; i++) {
      const { text, extra } = typedFile(r);
      const file = path.join(fx.home.dir, `t${i}.csv`);
      fs.writeFileSync(file, text);
      const viaScan = await outcome(file, `ts${i}`, extra, 'scan');
      const viaPapa = await outcome(file, `tp${i}`, extra, 'papa');
      expect({ i, ...viaScan }).toEqual({ i, ...viaPapa });
      fs.rmSync(file);
    }
  }, 180_000);

  it('a 10 MB field', async () => {
    const file = path.join(fx.home.dir, 'big.csv');
    fs.writeFileSync(file, `id,blob\n1,"${'x'.repeat(10 * 1024 * 1024)}"\n2,short\n`);
    expect(await attempt(file, 'bigfield')).toBe('ok');
    const len = fx.db.prepare(`SELECT length(c1) AS n FROM "${tableNameFor('bigfield')}" WHERE rowid = 1`).get();
    expect(len).toEqual({ n: 10 * 1024 * 1024 });
  });

  it('a 400-column file (more parameters than one INSERT may take for 100 rows)', async () => {
    const file = path.join(fx.home.dir, 'wide.csv');
    const row = (r: number) => Array.from({ length: 400 }, (_, c) => r * 1000 + c).join(',');
    fs.writeFileSync(file, [Array.from({ length: 400 }, (_, c) => `c${c}`).join(','), ...Array.from({ length: 250 }, (_, r) => row(r))].join('\n'));
    expect(await attempt(file, 'wide')).toBe('ok');
    expect(fx.db.prepare(`SELECT c0, c399 FROM "${tableNameFor('wide')}" WHERE rowid = 250`).get()).toEqual({ c0: 249000, c399: 249399 });
  });

  it('whole numbers and booleans are stored as INTEGER, also around a column that widens to float', async () => {
    const file = path.join(fx.home.dir, 'ints.csv');
    const rows = Array.from({ length: 2500 }, (_, i) => `${i},${i % 2 ? 'yes' : 'no'},${i % 7}`);
    fs.writeFileSync(file, ['n,flag,k', ...rows, '2500,no,2.5', '2501,yes,3'].join('\n'));
    expect(await attempt(file, 'ints')).toBe('ok');
    const typed = fx.db.prepare(`SELECT c0, typeof(c0), c1, typeof(c1), c2, typeof(c2) FROM "${tableNameFor('ints')}" WHERE rowid IN (2500, 2501, 2502)`).raw().all();
    expect(typed).toEqual([
      [2499, 'integer', 1, 'integer', 0, 'integer'],
      [2500, 'integer', 0, 'integer', 2.5, 'real'],
      [2501, 'integer', 1, 'integer', 3, 'real'],
    ]);
  });

  it('a missing file and a folder are clean errors', async () => {
    expect(await attempt(path.join(fx.home.dir, 'nope.csv'), 'nope')).toBe('error');
    expect(await attempt(fx.home.dir, 'dir')).toBe('error');
  });

  it('a cancelled import leaves nothing behind', async () => {
    const file = path.join(fx.home.dir, 'long.csv');
    fs.writeFileSync(file, 'a,b\n' + Array.from({ length: 200_000 }, (_, i) => `${i},${i * 2}`).join('\n'));
    const controller = new AbortController();
    const c = { ...fx.ctx(), signal: controller.signal, cancelled: () => controller.signal.aborted, progress: () => controller.abort() };
    await expect(importDataset({ ...importArgs.parse({ path: file }), datasetId: 'cancelled' }, c)).rejects.toThrow();
    expect(fx.db.prepare('SELECT COUNT(*) AS n FROM sqlite_master WHERE name = ?').get(tableNameFor('cancelled'))).toEqual({ n: 0 });
    expect(fx.db.prepare("SELECT COUNT(*) AS n FROM datasets WHERE id = 'cancelled'").get()).toEqual({ n: 0 });
  });
});
