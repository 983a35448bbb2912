/**
 * Several processes on one data folder at once: `lathe serve` (itself importing, training and
 * answering lists over HTTP) plus two importers, two trainers and two registrations of one model
 * from the CLI. Every command must succeed or fail with the retryable `busy` error; nothing may
 * crash; the database stays whole.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE_SEED, FULL, judge, killStragglers, preflight, rng, type Rng, seedFor, shown, size, sleep, startCli, tempDir } from './harness';
import { checkDatabase, leftRunning } from './checks';
import { copyHome, fixture as loadFixture, regressionCsv, type Fixture } from './fixture';
import { api, isBad5xx, serve, staticRoot, type Served } from './server';
import { bump, newFigures, record, type Figures } from './summary';

const SEED = seedFor('concurrent');
const ROUNDS = size(1, 4);

let root: ReturnType<typeof tempDir>;
let fixture: Fixture;
let csvs: string[];

beforeAll(async () => {
  await preflight();
  root = tempDir('concurrent');
  fixture = await loadFixture();
  const r = rng(SEED + 1);
  // Larger files at full size hold the write lock longer (an import commits every ~50k rows).
  csvs = [size(20_000, 100_000), size(30_000, 150_000), 2_000].map((rows, i) => {
    const file = path.join(root.dir, `c${i}.csv`);
    fs.writeFileSync(file, regressionCsv(r, rows));
    return file;
  });
}, 240_000);
afterAll(() => {
  killStragglers();
  root?.cleanup();
});

/** Keeps the server busy while the CLIs run: lists, plus an import and a training of its own. */
async function serverTraffic(s: Served, f: Figures, round: number, until: () => boolean, repro: string): Promise<string[]> {
  const jobIds: string[] = [];
  const note = (method: string, a: Awaited<ReturnType<typeof api>>) => {
    f.requests++;
    if (a.status === 503) bump(f, 'busy answers (503)');
    if (a.raw.error) f.anomalies.push({ kind: 'http', detail: `${method}: no answer (${a.raw.error})`, repro });
    else if (isBad5xx(a.raw, method)) {
      f.http5xx++;
      f.anomalies.push({ kind: '5xx', detail: `${method} answered ${a.status}: ${a.raw.body.slice(0, 200)}`, repro });
    }
  };
  const imp = await api<{ jobId: string }>(s, 'datasets.import', { path: csvs[2], name: `http${round}` });
  note('datasets.import', imp);
  if (imp.data) jobIds.push(imp.data.jobId);
  const train = await api<{ jobId: string }>(s, 'runs.start', { dataset: fixture.bigDataset, target: fixture.target, family: 'gbdt', params: { trees: 60 } });
  note('runs.start', train);
  if (train.data) jobIds.push(train.data.jobId);
  const lists = ['datasets.list', 'runs.list', 'jobs.list', 'models.list'] as const;
  for (let i = 0; !until(); i++) {
    const m = lists[i % lists.length];
    note(m, await api(s, m, {}));
    await sleep(100);
  }
  return jobIds;
}

/** The versions of a model, read from the database. */
function registered(home: string, model: string): string[] {
  const db = new Database(path.join(home, 'lathe.db'), { readonly: true });
  try {
    return (db.prepare('SELECT version FROM model_versions WHERE model_name = ? ORDER BY version').all(model) as { version: string }[]).map((v) => v.version);
  } finally {
    db.close();
  }
}

async function round(f: Figures, r: Rng, n: number): Promise<void> {
  const dir = path.join(root.dir, `r${n}`);
  const home = copyHome(fixture, path.join(dir, 'home'));
  const server = await serve(home, { cwd: dir, staticDir: staticRoot(dir) });
  const commands = [
    ['import', csvs[0], '--name', `a${n}`],
    ['import', csvs[1], '--name', `b${n}`],
    ['train', '--dataset', fixture.bigDataset, '--target', fixture.target, '--model', 'gbdt', '--param', `trees=${r.int(60, 150)}`, '--seed', String(r.int(1, 99))],
    ['train', '--dataset', fixture.dataset, '--target', fixture.target, '--model', r.pick(['linear', 'forest', 'mlp']), '--seed', String(r.int(1, 99))],
    // Two registry writers on one model: both register, as 1.0.0 and 1.1.0 in either order.
    ['register', fixture.runIds[0], '--name', `cm${n}`],
    ['register', fixture.runIds[1], '--name', `cm${n}`],
  ].map((c) => ['--home', home, '--json', ...c]);
  const repro = `LATHE_RELIABILITY_SEED=${BASE_SEED} round ${n}: lathe serve plus at once: ${commands.map(shown).join(' & ')}`;
  const clis = commands.map((args) => startCli(args, { timeoutMs: 300_000, cwd: dir }));
  let running = clis.length;
  for (const c of clis) void c.done.then(() => running--);
  const jobIds = await serverTraffic(server, f, n, () => running === 0 || !server.alive(), repro);
  let imported = 2; // the fixture's fx and fxbig
  for (const res of await Promise.all(clis.map((c) => c.done))) {
    const j = judge(res);
    bump(f, `cli ${j.outcome}`);
    if (j.outcome === 'ok' && res.args.includes('import')) imported++;
    if (j.outcome === 'crash') f.crashes++;
    if (j.outcome !== 'ok' && j.outcome !== 'busy') f.anomalies.push({ kind: j.outcome, detail: `${shown(res.args.slice(3))}: ${j.why}`, repro });
  }
  // The server's own jobs end too (bounded wait).
  for (const id of jobIds) {
    const until = Date.now() + 180_000;
    for (;;) {
      const job = await api<{ status: string; kind: string; error: { message: string } | null }>(server, 'jobs.get', { id });
      const status = job.data?.status;
      if (status && !['queued', 'running'].includes(status)) {
        bump(f, `server job ${status}`);
        if (status === 'succeeded' && job.data!.kind === 'datasets.import') imported++;
        if (status !== 'succeeded') f.anomalies.push({ kind: 'server-job', detail: `${job.data!.kind} job ${id} ended '${status}': ${job.data!.error?.message ?? ''}`, repro });
        break;
      }
      if (!server.alive() || Date.now() > until) {
        f.anomalies.push({ kind: 'hang', detail: `server job ${id} did not end (last status ${status ?? job.status})`, repro });
        break;
      }
      await sleep(250);
    }
  }
  if (!server.alive()) {
    f.crashes++;
    f.anomalies.push({ kind: 'crash', detail: `lathe serve died: ${server.cli.output().stderr.slice(-500)}`, repro });
  }
  const stopped = await server.stop();
  if (server.alive() || !stopped.stoppedCleanly) f.anomalies.push({ kind: 'server-stop', detail: `lathe serve did not stop cleanly on SIGTERM (code ${stopped.code}, signal ${stopped.signal}): ${stopped.stderr.slice(-300)}`, repro });
  const { problems, state } = checkDatabase(home, { jobsLeftTheirWork: true });
  for (const p of problems) f.anomalies.push({ kind: 'integrity', detail: p, repro });
  for (const p of leftRunning(home)) f.anomalies.push({ kind: 'left-running', detail: p, repro });
  const versions = registered(home, `cm${n}`);
  if (versions.join() !== '1.0.0,1.1.0') f.anomalies.push({ kind: 'registry', detail: `two concurrent registers of model cm${n} left versions [${versions.join(', ')}], not 1.0.0 and 1.1.0`, repro });
  if (state && state.datasets !== imported) f.anomalies.push({ kind: 'datasets', detail: `${imported} imports succeeded (with the fixture's), the database holds ${state.datasets} datasets`, repro });
  if (f.anomalies.every((a) => a.repro !== repro)) fs.rmSync(dir, { recursive: true, force: true });
}

describe('concurrent CLIs and a server on one data folder', () => {
  it(
    `all finish (or say busy), nothing crashes, the database stays whole (${ROUNDS} round${ROUNDS > 1 ? 's' : ''})`,
    async () => {
      const t0 = Date.now();
      const f = newFigures('concurrent', SEED);
      const r = rng(SEED);
      for (let n = 0; n < ROUNDS; n++) await round(f, r, n);
      f.seconds = (Date.now() - t0) / 1000;
      record(f);
      expect(f.crashes).toBe(0);
      expect(f.anomalies).toEqual([]);
    },
    FULL ? 3_600_000 : 240_000,
  );
});
