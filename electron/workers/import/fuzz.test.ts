import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from 'better-sqlite3';
import { importDataset } from './import-task';
import { importArgs } from '../../../shared/api/methods/datasets';
import { ApiError } from '../../../shared/api/errors';
import { openDatabase } from '../../host/db/open';
import { tableNameFor } from '../../host/db/dataset-tables';
import type { TaskContext } from '../protocol';
import { tempHome } from '../../../tests/helpers/temp-home';

/** Seeded generator of malformed delimited files. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

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

let home: ReturnType<typeof tempHome>;
let dbFile: string;
let db: Database;

beforeAll(() => {
  home = tempHome();
  dbFile = path.join(home.dir, 'lathe.db');
  db = openDatabase(dbFile);
});
afterAll(() => {
  db.close();
  home.cleanup();
});

const ctx = (): TaskContext => ({
  signal: new AbortController().signal,
  cancelled: () => false,
  progress: () => undefined,
  metrics: () => undefined,
  start: { jobId: 'fuzz', kind: 'datasets.import', args: {}, databasePath: dbFile, home: '' },
});

async function attempt(file: string, id: string, extra: Record<string, unknown> = {}) {
  const before = (db.prepare('SELECT COUNT(*) AS n FROM datasets').get() as { n: number }).n;
  try {
    const r = await importDataset({ ...importArgs.parse({ path: file, ...extra }), datasetId: id }, ctx());
    // A correct import: the registered row count is what the table holds.
    const held = db.prepare(`SELECT COUNT(*) AS n FROM "${tableNameFor(id)}"`).get() as { n: number };
    expect(held.n).toBe(r.rows);
    expect(r.rows).toBeGreaterThan(0);
    return 'ok';
  } catch (err) {
    // A clean error: structured, worded, and nothing left behind.
    if (!(err instanceof ApiError)) throw new Error(`crash on ${file}: ${(err as Error).stack}`);
    expect(['bad_request', 'not_found']).toContain(err.code);
    expect(err.message.length).toBeGreaterThan(5);
    expect((db.prepare('SELECT COUNT(*) AS n FROM datasets').get() as { n: number }).n).toBe(before);
    expect(db.prepare('SELECT COUNT(*) AS n FROM sqlite_master WHERE name = ?').get(tableNameFor(id))).toEqual({ n: 0 });
    return 'error';
  }
}

describe('import fuzz', () => {
  it('1,200 generated malformed files: each imports correctly or fails cleanly', async () => {
    const r = rng(20261124);
    const outcomes = { ok: 0, error: 0 };
    for (let i = 0; i < 1200; i++) {
      const file = path.join(home.dir, `f${i}.csv`);
      fs.writeFileSync(file, malformed(r));
      const mode = r() < 0.5 ? { badRows: 'skip' } : {};
      outcomes[await attempt(file, `fuzz${i}`, mode)]++;
      fs.rmSync(file);
    }
    // Both paths were exercised.
    expect(outcomes.ok).toBeGreaterThan(100);
    expect(outcomes.error).toBeGreaterThan(100);
  }, 180_000);

  it('a 10 MB field', async () => {
    const file = path.join(home.dir, 'big.csv');
    fs.writeFileSync(file, `id,blob\n1,"${'x'.repeat(10 * 1024 * 1024)}"\n2,short\n`);
    expect(await attempt(file, 'bigfield')).toBe('ok');
    const len = db.prepare(`SELECT length(c1) AS n FROM "${tableNameFor('bigfield')}" WHERE rowid = 1`).get();
    expect(len).toEqual({ n: 10 * 1024 * 1024 });
  });

  it('a missing file and a folder are clean errors', async () => {
    expect(await attempt(path.join(home.dir, 'nope.csv'), 'nope')).toBe('error');
    expect(await attempt(home.dir, 'dir')).toBe('error');
  });

  it('a cancelled import leaves nothing behind', async () => {
    const file = path.join(home.dir, 'long.csv');
    fs.writeFileSync(file, 'a,b\n' + Array.from({ length: 200_000 }, (_, i) => `${i},${i * 2}`).join('\n'));
    const controller = new AbortController();
    const c = { ...ctx(), signal: controller.signal, cancelled: () => controller.signal.aborted, progress: () => controller.abort() };
    await expect(importDataset({ ...importArgs.parse({ path: file }), datasetId: 'cancelled' }, c)).rejects.toThrow();
    expect(db.prepare('SELECT COUNT(*) AS n FROM sqlite_master WHERE name = ?').get(tableNameFor('cancelled'))).toEqual({ n: 0 });
    expect(db.prepare("SELECT COUNT(*) AS n FROM datasets WHERE id = 'cancelled'").get()).toEqual({ n: 0 });
  });
});
