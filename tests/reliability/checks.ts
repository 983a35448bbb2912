/**
 * Integrity and honesty checks on a data folder, read straight from its SQLite file (no Lathe
 * code in between), and on an export folder. Each returns the problems it found, as sentences.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

export interface DbCheckOptions {
  /**
   * Tables `ds_*` that no dataset row names. Right after a crash they may be left for the next
   * start to drop; after a start (or a failed import in a live process) there must be none.
   */
  allowOrphanTables?: boolean;
  /** Jobs that say they succeeded must have left what they made (no deletes ran meanwhile). */
  jobsLeftTheirWork?: boolean;
}

export interface DbState {
  datasets: number;
  runs: Record<string, number>;
  jobs: Record<string, number>;
  /** Jobs still queued or running, with the pid that ran them. */
  activeJobs: { id: string; kind: string; status: string; pid: number | null }[];
}

/** Opens read-only (falls back to read-write, which only recovers the WAL, where read-only cannot). */
function open(file: string): Database.Database {
  try {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    db.pragma('busy_timeout = 10000');
    db.prepare('SELECT 1 FROM sqlite_master LIMIT 1').get();
    return db;
  } catch {
    const db = new Database(file, { fileMustExist: true });
    db.pragma('busy_timeout = 10000');
    return db;
  }
}

/** Checks the database of a data folder; `problems` is empty when all is well. */
export function checkDatabase(home: string, o: DbCheckOptions = {}): { problems: string[]; state: DbState | null } {
  const file = path.join(home, 'lathe.db');
  if (!fs.existsSync(file)) return { problems: [], state: null };
  const problems: string[] = [];
  let db: Database.Database;
  try {
    db = open(file);
  } catch (err) {
    return { problems: [`the database cannot be opened: ${(err as Error).message}`], state: null };
  }
  try {
    const integrity = (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
    if (integrity.join() !== 'ok') problems.push(`integrity_check: ${integrity.slice(0, 5).join('; ')}`);
    const fk = db.pragma('foreign_key_check') as { table: string; rowid: number; parent: string }[];
    if (fk.length) problems.push(`foreign_key_check: ${fk.length} rows, e.g. ${fk[0].table} rowid ${fk[0].rowid} → ${fk[0].parent}`);

    const tables = new Set((db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as { name: string }[]).map((r) => r.name));
    if (!tables.has('datasets')) return { problems, state: null }; // killed before the first migration committed
    const datasets = db.prepare('SELECT id, name, table_name, row_count FROM datasets').all() as { id: string; name: string; table_name: string; row_count: number }[];
    const named = new Set<string>();
    for (const d of datasets) {
      named.add(d.table_name);
      if (!tables.has(d.table_name)) {
        problems.push(`dataset '${d.name}' (${d.id}) has no table ${d.table_name}`);
        continue;
      }
      const n = (db.prepare(`SELECT count(*) AS n FROM "${d.table_name}"`).get() as { n: number }).n;
      if (n !== d.row_count) problems.push(`dataset '${d.name}' says ${d.row_count} rows, its table has ${n}`);
      const cols = (db.pragma(`table_info("${d.table_name}")`) as unknown[]).length;
      const declared = (db.prepare('SELECT count(*) AS n FROM dataset_columns WHERE dataset_id = ?').get(d.id) as { n: number }).n;
      if (cols !== declared) problems.push(`dataset '${d.name}' declares ${declared} columns, its table has ${cols}`);
    }
    if (!o.allowOrphanTables) {
      const orphans = [...tables].filter((t) => /^ds_/.test(t) && !named.has(t));
      if (orphans.length) problems.push(`tables without a dataset: ${orphans.join(', ')}`);
    }

    const succeeded = db.prepare(`SELECT id FROM runs WHERE status = 'succeeded'`).all() as { id: string }[];
    const art = db.prepare('SELECT kind, size, length(data) AS len FROM artifacts WHERE run_id = ?');
    for (const r of succeeded) {
      const kinds = new Map((art.all(r.id) as { kind: string; size: number; len: number }[]).map((a) => [a.kind, a]));
      for (const k of ['model', 'report', 'predictions']) {
        const a = kinds.get(k);
        if (!a) problems.push(`run ${r.id} succeeded without its ${k} artifact`);
        else if (a.size !== a.len) problems.push(`run ${r.id}: ${k} artifact says ${a.size} bytes, holds ${a.len}`);
      }
    }
    const badVersions = db
      .prepare(`SELECT v.model_name, v.version, r.status FROM model_versions v LEFT JOIN runs r ON r.id = v.run_id WHERE r.status IS NOT 'succeeded'`)
      .all() as { model_name: string; version: string; status: string | null }[];
    for (const v of badVersions) problems.push(`model ${v.model_name}@${v.version} points at a run that is ${v.status ?? 'missing'}`);

    if (o.jobsLeftTheirWork) {
      const done = db.prepare(`SELECT id, kind, result_json FROM jobs WHERE status = 'succeeded' AND kind IN ('datasets.import', 'runs.train')`).all() as { id: string; kind: string; result_json: string | null }[];
      for (const j of done) {
        const result = j.result_json ? (JSON.parse(j.result_json) as { id?: string; runId?: string }) : {};
        if (j.kind === 'datasets.import' && !datasets.some((d) => d.id === result.id)) problems.push(`import job ${j.id} succeeded but its dataset ${result.id} is not there`);
        if (j.kind === 'runs.train') {
          const run = db.prepare('SELECT status FROM runs WHERE id = ?').get(result.runId ?? '') as { status: string } | undefined;
          if (run?.status !== 'succeeded') problems.push(`train job ${j.id} succeeded but its run ${result.runId} is ${run?.status ?? 'missing'}`);
        }
      }
    }

    const count = (sql: string) => Object.fromEntries((db.prepare(sql).all() as { status: string; n: number }[]).map((r) => [r.status, r.n]));
    const state: DbState = {
      datasets: datasets.length,
      runs: count('SELECT status, count(*) AS n FROM runs GROUP BY status'),
      jobs: count('SELECT status, count(*) AS n FROM jobs GROUP BY status'),
      activeJobs: db.prepare(`SELECT id, kind, status, pid FROM jobs WHERE status IN ('queued', 'running')`).all() as DbState['activeJobs'],
    };
    return { problems, state };
  } catch (err) {
    problems.push(`reading the database failed: ${(err as Error).message}`);
    return { problems, state: null };
  } finally {
    db.close();
  }
}

/** Runs left 'running' (or jobs left active) after a start that should have marked them interrupted. */
export function leftRunning(home: string): string[] {
  const db = open(path.join(home, 'lathe.db'));
  try {
    const runs = db.prepare(`SELECT id FROM runs WHERE status = 'running'`).all() as { id: string }[];
    const jobs = db.prepare(`SELECT id, kind, status, pid FROM jobs WHERE status IN ('queued', 'running')`).all() as { id: string; kind: string; status: string; pid: number }[];
    return [
      ...runs.map((r) => `run ${r.id} is still 'running' after the next start`),
      ...jobs.map((j) => `${j.kind} job ${j.id} is still '${j.status}' after the next start (pid ${j.pid})`),
    ];
  } finally {
    db.close();
  }
}

/** What an ONNX export bundle holds (electron/data/bundle-files.ts), written down here so the check does not trust the code it checks. */
export const BUNDLE_FILES = ['model.onnx', 'manifest.json', 'README.md', 'serve-node.mjs', 'serve.py', 'server.mjs', 'package.json', 'Dockerfile', 'lathe-model.service'];

/** Where an interrupted export keeps its files until the next export to the folder removes them. */
export const TEMP_PREFIX = '.lathe-tmp-';

/**
 * An export folder must hold nothing, or a whole bundle: every file, none cut short. `reference`
 * gives the sizes of a complete export of the same model for the files whose bytes do not change
 * between exports (the graph and the examples). Files under Lathe's temporary prefix are returned
 * apart: they are not the bundle, and the next export to the folder must remove them.
 */
export function checkExportDir(dir: string, reference: Record<string, number>): { problems: string[]; temps: string[] } {
  if (!fs.existsSync(dir)) return { problems: [], temps: [] };
  const all = fs.readdirSync(dir);
  const temps = all.filter((f) => f.startsWith(TEMP_PREFIX));
  const present = all.filter((f) => !f.startsWith(TEMP_PREFIX));
  const problems: string[] = [];
  const where = path.basename(dir);
  if (present.length === 0) return { problems, temps };
  const missing = BUNDLE_FILES.filter((f) => !present.includes(f));
  if (missing.length) problems.push(`half-written export in ${where}: has ${present.join(', ')}; lacks ${missing.join(', ')}`);
  const extra = present.filter((f) => !BUNDLE_FILES.includes(f));
  if (extra.length) problems.push(`stray files in export folder ${where}: ${extra.join(', ')}`);
  for (const f of BUNDLE_FILES.filter((x) => present.includes(x))) {
    const size = fs.statSync(path.join(dir, f)).size;
    if (reference[f] !== undefined && size !== reference[f]) problems.push(`truncated ${f} in ${where}: ${size} bytes, a whole one has ${reference[f]}`);
    else if (size === 0) problems.push(`empty ${f} in ${where}`);
  }
  if (present.includes('manifest.json')) {
    try {
      const m = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as { inputs?: unknown };
      if (!Array.isArray(m.inputs)) problems.push(`manifest.json in ${where} has no inputs`);
    } catch {
      problems.push(`manifest.json in ${where} is not whole JSON`);
    }
  }
  if (present.includes('README.md') && !fs.readFileSync(path.join(dir, 'README.md'), 'utf8').endsWith('\n')) problems.push(`README.md in ${where} is cut short`);
  return { problems, temps };
}

/**
 * A predictions file after a kill: absent, the file it replaced (`previous`), or whole (`lines`
 * lines, the last one ended). Temporary files beside it are returned apart, like an export's.
 */
export function checkPredictionFile(file: string, lines: number, previous?: string): { problems: string[]; temps: string[] } {
  const dir = path.dirname(file);
  const temps = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.startsWith(TEMP_PREFIX)) : [];
  if (!fs.existsSync(file)) return { problems: previous === undefined ? [] : [`the earlier ${path.basename(file)} is gone and no new one took its place`], temps };
  const text = fs.readFileSync(file, 'utf8');
  if (previous !== undefined && text === previous) return { problems: [], temps };
  const n = text.split('\n').length - 1;
  if (n !== lines || !text.endsWith('\n')) return { problems: [`truncated predictions ${path.basename(file)}: ${n} lines${text.endsWith('\n') ? '' : ', the last one cut'}; a whole file has ${lines}`], temps };
  return { problems: [], temps };
}
