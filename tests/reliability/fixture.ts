/**
 * The data the scenarios work on: seeded CSV files, and a data folder with a dataset, two
 * trained runs, a registered model with two versions and an alias history, built once per test
 * file and copied per scenario.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { createCore } from '../../electron/host/core';
import { BUNDLE_FILES } from './checks';
import { BASE_SEED, repoRoot, rng, type Rng } from './harness';

const CATS = ['north', 'south', 'east', 'west', 'centre'];

/** A regression table: numbers, a category, a flag, a date, and the target `y`. */
export function regressionCsv(r: Rng, rows: number): string {
  const lines = ['x1,x2,x3,n,cat,flag,day,y'];
  for (let i = 0; i < rows; i++) {
    const x1 = r.next() * 10;
    const x2 = r.next() * 5 - 2;
    const x3 = r.next();
    const n = r.int(0, 50);
    const cat = r.pick(CATS);
    const flag = r.chance(0.5);
    const day = `2024-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
    const y = 3 * x1 - 2 * x2 * x2 + n / 10 + (flag ? 4 : 0) + CATS.indexOf(cat) + r.next();
    lines.push(`${x1.toFixed(4)},${x2.toFixed(4)},${x3.toFixed(5)},${n},${cat},${flag},${day},${y.toFixed(4)}`);
  }
  return lines.join('\n') + '\n';
}

export interface Fixture {
  /** A closed, checkpointed data folder: copy it, never use it in place. */
  home: string;
  dataset: string;
  /** A larger dataset with the same columns, for training that takes a few seconds. */
  bigDataset: string;
  target: string;
  runIds: string[];
  model: string;
  versions: string[];
  /** Sizes of a complete export of `model@versions[0]`, for the files whose bytes are fixed. */
  exportSizes: Record<string, number>;
  /** A complete bundle of `model@versions[0]`. */
  exportDir: string;
}

/**
 * The fixture for this seed and these sources: built once and kept under the OS temp folder
 * (keyed by the seed and the size and time of every source file, so an edit builds a new one),
 * shared by the test files, which may run at the same time. Never modify it: copy its home.
 */
export async function fixture(): Promise<Fixture> {
  const cache = path.join(os.tmpdir(), 'lathe-rel-fixtures');
  const dir = path.join(cache, sourceStamp());
  const meta = path.join(dir, 'fixture.json');
  if (!fs.existsSync(meta)) {
    fs.mkdirSync(cache, { recursive: true });
    const building = fs.mkdtempSync(path.join(cache, 'building-'));
    try {
      const built = await buildFixture(building, BASE_SEED);
      const rel = (p: string) => path.relative(building, p);
      fs.writeFileSync(path.join(building, 'fixture.json'), JSON.stringify({ ...built, home: rel(built.home), exportDir: rel(built.exportDir) }));
      fs.renameSync(building, dir);
    } catch (err) {
      fs.rmSync(building, { recursive: true, force: true });
      // Another test file finished the same fixture first: use that one.
      if (!fs.existsSync(meta)) throw err;
    }
    for (const old of fs.readdirSync(cache)) {
      const p = path.join(cache, old);
      if (p !== dir && Date.now() - fs.statSync(p).mtimeMs > 3600_000) fs.rmSync(p, { recursive: true, force: true });
    }
  }
  const f = JSON.parse(fs.readFileSync(meta, 'utf8')) as Fixture;
  return { ...f, home: path.join(dir, f.home), exportDir: path.join(dir, f.exportDir) };
}

function sourceStamp(): string {
  const h = createHash('sha1').update(`${BASE_SEED}\n`);
  for (const top of ['electron', 'shared', 'models', 'tests/reliability']) {
    const entries = fs.readdirSync(path.join(repoRoot, top), { recursive: true, withFileTypes: true }).filter((e) => e.isFile() && !/\.test\.tsx?$/.test(e.name));
    for (const e of entries) {
      const p = path.join(e.parentPath, e.name);
      const st = fs.statSync(p);
      h.update(`${path.relative(repoRoot, p)} ${st.size} ${st.mtimeMs}\n`);
    }
  }
  return h.digest('hex').slice(0, 16);
}

/** Builds the fixture folder under `root` in this process (through the host core, as the CLI would). */
async function buildFixture(root: string, seed: number): Promise<Fixture> {
  const home = path.join(root, 'fixture-home');
  const csv = path.join(root, 'fx.csv');
  const bigCsv = path.join(root, 'fxbig.csv');
  const r = rng(seed);
  fs.writeFileSync(csv, regressionCsv(r, 1500));
  fs.writeFileSync(bigCsv, regressionCsv(r, 20_000));
  const core = createCore({ home, host: 'cli' });
  try {
    for (const [file, name] of [[csv, 'fx'], [bigCsv, 'fxbig']]) {
      const { jobId } = await core.call('datasets.import', { path: file, name });
      await core.jobResult('datasets.import', jobId);
    }
    const runIds: string[] = [];
    for (const [family, params] of [['gbdt', { trees: 40 }], ['linear', {}]] as const) {
      const started = await core.call('runs.start', { dataset: 'fx', target: 'y', family, params, seed: 7 });
      runIds.push((await core.jobResult('runs.train', started.jobId)).runId);
    }
    await core.call('models.register', { runId: runIds[0], name: 'fxm' });
    await core.call('models.register', { runId: runIds[1], name: 'fxm' });
    await core.call('models.promote', { name: 'fxm', version: '1.0.0', alias: 'production' });
    await core.call('models.promote', { name: 'fxm', version: '1.1.0', alias: 'production' });
    const exportDir = path.join(root, 'reference-export');
    await core.call('models.export', { model: 'fxm@1.0.0', outDir: exportDir });
    const exportSizes: Record<string, number> = {};
    for (const f of BUNDLE_FILES) if (!/manifest|README/.test(f)) exportSizes[f] = fs.statSync(path.join(exportDir, f)).size;
    return { home, dataset: 'fx', bigDataset: 'fxbig', target: 'y', runIds, model: 'fxm', versions: ['1.0.0', '1.1.0'], exportSizes, exportDir };
  } finally {
    await core.close();
    const db = new Database(path.join(home, 'lathe.db'));
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
  }
}

/** A copy of the fixture's data folder (taken while no process has it open). */
export function copyHome(fixture: Fixture, dest: string): string {
  fs.cpSync(fixture.home, dest, { recursive: true });
  return dest;
}
