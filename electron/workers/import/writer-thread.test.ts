import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { importDataset, importTuning, prepareImport } from './import-task';
import { importArgs } from '../../../shared/api/methods/datasets';
import { tableNameFor } from '../../data/db/dataset-tables';
import { importTaskFixture } from '../../../tests/helpers/import-task-fixture';
import { hasSpareWriter, writerThread } from './writer-thread';
import { ThreadedTable } from './import-table';
import { BatchReader, BatchSlots, RowBatchBuilder } from './row-batch';

const fx = importTaskFixture('writer-thread');
const defaultMin = importTuning.writerThreadMinBytes;
afterAll(() => {
  importTuning.writerThreadMinBytes = defaultMin;
});

/** Imports one file twice, written on this thread and by the writer thread; both must store the same. */
async function bothWays(file: string, id: string, extra: Record<string, unknown> = {}) {
  const results = [];
  for (const [suffix, min] of [['here', Infinity], ['thread', 0]] as const) {
    importTuning.writerThreadMinBytes = min;
    const r = await importDataset({ ...importArgs.parse({ path: file, ...extra }), datasetId: `${id}${suffix}` }, fx.ctx());
    const table = tableNameFor(`${id}${suffix}`);
    const width = r.columns.length;
    const cols = Array.from({ length: width }, (_, i) => `c${i}, typeof(c${i})`).join(', ');
    const rows = fx.db.prepare(`SELECT ${cols} FROM "${table}" ORDER BY rowid`).raw().all();
    results.push({ result: { ...r, id: null, name: null }, rows });
  }
  expect(results[1]).toEqual(results[0]);
  return results[1];
}

const write = (name: string, text: string) => {
  const file = path.join(fx.home.dir, name);
  fs.writeFileSync(file, text);
  return file;
};

describe('the writer thread', () => {
  it('stores what the importing thread stores, through widening to float and to text', async () => {
    // Past the 2,000-record sample: an integer column meets a float, then text; a boolean column meets text.
    const rows = Array.from({ length: 30_000 }, (_, i) => `${i},${i % 3 ? 'true' : 'false'},${i % 100},"q, ${i}",${i % 7 === 0 ? '' : 'Lisbon'}`);
    rows[5000] = '5000,true,2.5,"a ""quoted"" value",Porto';
    rows[12_000] = '12000,maybe,abc,x,';
    const { result, rows: stored } = await bothWays(write('widen.csv', ['n,flag,k,text,city', ...rows].join('\n')), 'widen');
    expect(result.rows).toBe(30_000);
    expect(result.columns.map((c) => c.type)).toEqual(['integer', 'categorical', 'categorical', 'text', 'categorical']);
    expect(stored[5000]).toEqual([5000, 'integer', 'true', 'text', '2.5', 'text', 'a "quoted" value', 'text', 'Porto', 'text']);
  });

  it('stores what the importing thread stores for skipped bad rows, JSON Lines and a wide file', async () => {
    const bad = Array.from({ length: 9000 }, (_, i) => (i % 1000 === 7 ? `${i},x,extra` : `${i},${i * 0.5}`));
    const skipped = await bothWays(write('bad.csv', ['a,b', ...bad].join('\n')), 'bad', { badRows: 'skip' });
    expect(skipped.result.skippedRows).toBe(9);
    await bothWays(write('lines.jsonl', Array.from({ length: 5000 }, (_, i) => JSON.stringify({ a: i, b: i % 2 ? null : `s${i}`, c: i % 5 === 0 })).join('\n')), 'jsonl');
    const wide = Array.from({ length: 700 }, (_, r) => Array.from({ length: 400 }, (_, c) => (c % 2 ? `v${r}` : r * c)).join(','));
    await bothWays(write('wide.csv', [Array.from({ length: 400 }, (_, c) => `h${c}`).join(','), ...wide].join('\n')), 'wide');
  });

  it('a failed import leaves nothing behind: the error is the one the thread met', async () => {
    importTuning.writerThreadMinBytes = 0;
    const file = write('clash.csv', 'a,b\n1,2\n3,4\n');
    // A view under the table's name: the thread cannot create the table.
    fx.db.exec(`CREATE VIEW "${tableNameFor('clash')}" AS SELECT 1`);
    await expect(importDataset({ ...importArgs.parse({ path: file }), datasetId: 'clash' }, fx.ctx())).rejects.toThrow(/view/);
    expect(fx.db.prepare("SELECT COUNT(*) AS n FROM datasets WHERE id = 'clash'").get()).toEqual({ n: 0 });
    fx.db.exec(`DROP VIEW "${tableNameFor('clash')}"`);
  });

  it('a cancelled import leaves nothing behind', async () => {
    importTuning.writerThreadMinBytes = 0;
    const file = write('long.csv', 'a,b\n' + Array.from({ length: 200_000 }, (_, i) => `${i},${i * 2}`).join('\n'));
    const controller = new AbortController();
    const c = { ...fx.ctx(), signal: controller.signal, cancelled: () => controller.signal.aborted, progress: () => controller.abort() };
    await expect(importDataset({ ...importArgs.parse({ path: file }), datasetId: 'cancelled' }, c)).rejects.toThrow();
    expect(fx.db.prepare('SELECT COUNT(*) AS n FROM sqlite_master WHERE name = ?').get(tableNameFor('cancelled'))).toEqual({ n: 0 });
    expect(fx.db.prepare("SELECT COUNT(*) AS n FROM datasets WHERE id = 'cancelled'").get()).toEqual({ n: 0 });
  });

  it('a write that fails mid-stream reaches the parser as that error, and discard drops the table', () => {
    const table = tableNameFor('midstream');
    const thread = writerThread(fx.dbFile);
    try {
      const t = new ThreadedTable(thread, fx.db, table, 2);
      t.storeAsIntegers([true, false]);
      t.settle();
      fx.db.exec(`CREATE TRIGGER "${table}_stop" BEFORE INSERT ON "${table}" WHEN NEW.c0 = 20000 BEGIN SELECT RAISE(ABORT, 'row 20000 refused'); END`);
      const pushAll = () => {
        for (let i = 0; i < 100_000; i++) t.push([i, `s${i}`]);
        t.commit();
        t.settle();
      };
      expect(pushAll).toThrow('row 20000 refused');
      t.discard();
      expect(fx.db.prepare('SELECT COUNT(*) AS n FROM sqlite_master WHERE tbl_name = ?').get(table)).toEqual({ n: 0 });
    } finally {
      thread.close();
    }
  });

  it('a thread started ahead for a large file named on the command line is the one the import writes with', async () => {
    const file = write('ahead.csv', ['n,s', ...Array.from({ length: 20_000 }, (_, i) => `${i},s${i % 7}`)].join('\n'));
    importTuning.writerThreadMinBytes = 1000;
    prepareImport(['--json', 'no-such-file.csv', file]);
    await vi.waitFor(() => expect(hasSpareWriter()).toBe(true));
    const r = await importDataset({ ...importArgs.parse({ path: file }), datasetId: 'ahead' }, fx.ctx());
    expect(hasSpareWriter()).toBe(false);
    expect(r.rows).toBe(20_000);
    expect(fx.db.prepare(`SELECT COUNT(*) AS n, SUM(c0) AS sum FROM "${tableNameFor('ahead')}"`).get()).toEqual({ n: 20_000, sum: (19_999 * 20_000) / 2 });
    // An import written on its own thread closes the spare it does not use; small files start none.
    prepareImport([file]);
    await vi.waitFor(() => expect(hasSpareWriter()).toBe(true));
    importTuning.writerThreadMinBytes = Infinity;
    await importDataset({ ...importArgs.parse({ path: file }), datasetId: 'ahead2' }, fx.ctx());
    expect(hasSpareWriter()).toBe(false);
    prepareImport([file]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(hasSpareWriter()).toBe(false);
  });

  it('a thread that is gone is an error, not a wait without end', async () => {
    const thread = writerThread(fx.dbFile);
    thread.close();
    // Its exit is seen at this thread's next turns of the event loop, as between chunks of a file.
    await vi.waitFor(() => expect(thread.hasExited).toBe(true), { timeout: 20_000 });
    const t = new ThreadedTable(thread, fx.db, tableNameFor('gone'), 1);
    expect(() => t.settle()).toThrow(/stopped unexpectedly/);
    t.discard();
    expect(fx.db.prepare('SELECT COUNT(*) AS n FROM sqlite_master WHERE name = ?').get(tableNameFor('gone'))).toEqual({ n: 0 });
  });
});

describe('row batches', () => {
  it('carry numbers, nulls and strings (empty, unicode, long) in row order', () => {
    const b = new RowBatchBuilder(new BatchSlots(3, 2));
    const rows = [
      [1, null, ''],
      [-0.5, 'é𝄞', 'x'.repeat(5000)],
      [null, null, null],
      [2 ** 53 - 1, 'plain', 'a,b'],
    ];
    for (const r of rows) expect(b.add(r)).toBe(false);
    const batch = b.take();
    expect(batch.slot).toBe(0);
    // Read through a second view of the same memory, as the writer thread does.
    const other = new BatchSlots(3, 2, structuredClone(b.memory.memory));
    const reader = new BatchReader(other, structuredClone(batch));
    const seen = rows.map(() => {
      const cells = new Array(5).fill('untouched');
      reader.next(cells, 1);
      return cells;
    });
    expect(seen).toEqual(rows.map((r) => ['untouched', ...r, 'untouched']));
    expect(b.rows).toBe(0);
    expect(b.take().slot).toBe(1);
    expect(b.take().slot).toBe(0);
  });

  it('end when full, by cells or by characters', () => {
    const narrow = new RowBatchBuilder(new BatchSlots(1, 1));
    let n = 1;
    while (!narrow.add([n])) n++;
    expect(n).toBe(65536);
    const text = new RowBatchBuilder(new BatchSlots(2, 1));
    expect(text.add([1, 'x'.repeat(3 << 20)])).toBe(false);
    expect(text.add([2, 'y'.repeat(1 << 20)])).toBe(true);
  });
});
