/**
 * SIGKILL at random points of import, training, export, predict and registry moves. After each kill the
 * data folder is read directly (integrity, honest rows, runs, exports), then the next `lathe`
 * start must mark what the dead process left running as interrupted.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE_SEED, FULL, judge, killStragglers, lastJson, preflight, rng, type Rng, runCli, seedFor, shown, size, sleep, startCli, tempDir } from './harness';
import { checkDatabase, checkExportDir, checkPredictionFile, leftRunning } from './checks';
import { copyHome, fixture as loadFixture, regressionCsv, type Fixture } from './fixture';
import { bump, newFigures, record, type Figures } from './summary';

const SEED = seedFor('kill');
const KILLS = size(8, 100);
// A command's first run of each kind teaches the harness its length, and fast commands (an import of a few
// thousand rows, a small predict) often end before a kill aimed without that knowledge: room for those misses.
const MAX_ATTEMPTS = size(24, 220);

let root: ReturnType<typeof tempDir>;
let fixture: Fixture;
let bigCsv: string;
/** Rows for `lathe predict`, and how many lines a whole predictions file has. */
let predictCsv: string;
const PREDICT_ROWS = 20_000;
/** Whether `lathe export` / `lathe predict` take --force (replacing earlier output); older builds replaced it without. */
let exportForce = false;
let predictForce = false;

beforeAll(async () => {
  await preflight();
  root = tempDir('kill');
  fixture = await loadFixture();
  bigCsv = path.join(root.dir, 'big.csv');
  fs.writeFileSync(bigCsv, regressionCsv(rng(SEED + 1), 60_000));
  predictCsv = path.join(root.dir, 'predict.csv');
  fs.writeFileSync(predictCsv, regressionCsv(rng(SEED + 2), PREDICT_ROWS));
  exportForce = (await runCli(['export', '--help'], { timeoutMs: 60_000 })).stdout.includes('--force');
  predictForce = (await runCli(['predict', '--help'], { timeoutMs: 60_000 })).stdout.includes('--force');
}, 240_000);
afterAll(() => {
  killStragglers();
  root?.cleanup();
});

type Op = { name: string; args: string[]; outDir?: string; reference?: Record<string, number>; outFile?: string; previous?: string };

function chooseOp(r: Rng, i: number, dir: string): Op {
  const roll = r.next();
  if (roll < 0.27) return { name: 'import', args: ['import', bigCsv, '--name', `big${i}`] };
  if (roll < 0.55) {
    const family = r.pick(['gbdt', 'gbdt', 'forest', 'mlp', 'linear']);
    const param = { gbdt: `trees=${r.int(80, 300)}`, forest: `trees=${r.int(20, 60)}`, mlp: `epochs=${r.int(5, 30)}`, linear: 'l2=0.01' }[family]!;
    return { name: `train ${family}`, args: ['train', '--dataset', fixture.bigDataset, '--target', fixture.target, '--model', family, '--param', param, '--seed', String(r.int(1, 999))] };
  }
  if (roll < 0.68) {
    const outFile = path.join(dir, 'predictions', 'out.csv');
    fs.mkdirSync(path.dirname(outFile), { recursive: true });
    // Sometimes over an earlier file (--force), which must stay whole or be replaced whole.
    const previous = r.chance(0.4) ? 'x1,predicted_y\n1,2\n' : undefined;
    if (previous) fs.writeFileSync(outFile, previous);
    const args = ['predict', '--model', `${fixture.model}@${r.pick(fixture.versions)}`, '--input', predictCsv, '--out', outFile, ...(previous && predictForce ? ['--force'] : [])];
    return { name: `predict${previous ? ' over a file' : ''}`, args, outFile, previous };
  }
  if (roll < 0.87) {
    const version = r.pick(fixture.versions);
    const outDir = path.join(dir, 'export');
    // Sometimes over a complete earlier bundle, which must stay whole (old or new) when killed.
    const over = version === fixture.versions[0] && r.chance(0.3);
    if (over) fs.cpSync(fixture.exportDir, outDir, { recursive: true });
    const args = ['export', `${fixture.model}@${version}`, '--out', outDir, ...(over && exportForce ? ['--force'] : [])];
    return { name: `export${over ? ' over a bundle' : ''}`, args, outDir, reference: version === fixture.versions[0] ? fixture.exportSizes : {} };
  }
  const move = r.pick(['register', 'promote', 'rollback']);
  if (move === 'register') return { name: 'register', args: ['register', r.pick(fixture.runIds), '--name', r.pick([fixture.model, 'other'])] };
  if (move === 'promote') return { name: 'promote', args: ['promote', `${fixture.model}@${r.pick(fixture.versions)}`, '--alias', r.pick(['production', 'staging']), '--note', 'kill test'] };
  return { name: 'rollback', args: ['rollback', fixture.model, '--alias', 'production'] };
}

/**
 * How long each kind of command ran when it finished before its kill: later kills of that kind
 * land inside its life rather than after it has ended.
 */
const lifetimes = new Map<string, number>();

async function attempt(f: Figures, r: Rng, i: number): Promise<void> {
  const dir = path.join(root.dir, `k${i}`);
  const home = copyHome(fixture, path.join(dir, 'home'));
  const op = chooseOp(r, i, dir);
  const life = lifetimes.get(op.name);
  // Uniform over the command's life; one kill in three aimed at its last moments, where it commits
  // (registers the dataset, stores the artifact, writes the bundle or the predictions).
  // The PRNG is drawn the same way whatever the timing, so a seed always gives the same choices.
  const aimAtEnd = r.chance(1 / 3);
  const u = r.next();
  const span = Math.min(3000, life ? life * 0.9 : 3000);
  const delay = Math.round(life && aimAtEnd ? life * (0.85 + u * 0.17) : 50 + u * (span - 50));
  const args = ['--home', home, '--json', ...op.args];
  const repro = `LATHE_RELIABILITY_SEED=${BASE_SEED} attempt ${i}: ${shown(args)} and SIGKILL after ${delay} ms`;
  const bad = (kind: string, detail: string) => f.anomalies.push({ kind, detail: `${op.name}: ${detail}`, repro });

  const cli = startCli(args, { timeoutMs: 180_000 });
  await Promise.race([cli.done, sleep(delay)]);
  const killed = cli.kill();
  const res = await cli.done;
  bump(f, `${killed ? 'killed in' : 'finished'} ${op.name.split(' ')[0]}`);
  if (killed) f.kills++;
  else {
    lifetimes.set(op.name, Math.max(100, res.ms));
    const j = judge(res);
    if (j.outcome === 'crash') f.crashes++;
    if (!['ok', 'error'].includes(j.outcome)) bad(j.outcome, `ended without the kill: ${j.why}`);
  }

  const before = checkDatabase(home, { allowOrphanTables: true, jobsLeftTheirWork: true });
  for (const p of before.problems) bad('integrity', `after the kill: ${p}`);
  if (op.outDir) await checkExport(f, op, home, bad);
  if (op.outFile) await checkPredictions(f, op, home, bad);

  // The next start marks what the dead process left running.
  const next = await runCli(['--home', home, '--json', 'jobs', '--limit', '1000'], { timeoutMs: 120_000 });
  const j = judge(next);
  if (j.outcome !== 'ok') {
    if (j.outcome === 'crash') f.crashes++;
    bad('restart', `\`lathe jobs\` after the kill: ${j.outcome}: ${j.why}`);
    return;
  }
  const jobs = (lastJson(next.stdout) ?? []) as { id: string; status: string; kind: string }[];
  for (const job of jobs.filter((x) => x.status === 'queued' || x.status === 'running')) bad('left-running', `\`lathe jobs\` lists ${job.kind} job ${job.id} as '${job.status}' though its process is dead`);
  for (const a of before.state?.activeJobs ?? []) {
    const now = jobs.find((x) => x.id === a.id);
    if (now && now.status !== 'interrupted' && now.status !== 'queued' && now.status !== 'running') bad('left-running', `${a.kind} job ${a.id} was '${a.status}' when its process died; after the next start it is '${now.status}', not 'interrupted'`);
  }
  for (const p of leftRunning(home)) if (!/job/.test(p)) bad('left-running', p);
  for (const p of checkDatabase(home, { jobsLeftTheirWork: true }).problems) bad('integrity', `after the next start: ${p}`);
  if (f.anomalies.every((a) => a.repro !== repro)) fs.rmSync(dir, { recursive: true, force: true });
}

/**
 * The export folder after the kill: nothing, or a whole bundle. Temporary files of the killed
 * write may stay until the next export to the folder, which must remove them and write a whole
 * bundle: that next export is run and checked too.
 */
async function checkExport(f: Figures, op: Op, home: string, bad: (kind: string, detail: string) => void): Promise<void> {
  const dir = op.outDir!;
  const after = checkExportDir(dir, op.reference ?? {});
  for (const p of after.problems) bad('export', p);
  if (after.temps.length === 0) return;
  bump(f, 'exports killed with temp files left');
  const args = ['--home', home, '--json', ...op.args.filter((a) => a !== '--force'), ...(exportForce ? ['--force'] : [])];
  const again = await runCli(args, { timeoutMs: 180_000 });
  const j = judge(again);
  if (j.outcome !== 'ok') return bad('export', `the export after the kill did not succeed (${j.outcome}: ${j.why}); temp files: ${after.temps.join(', ')}`);
  const next = checkExportDir(dir, op.reference ?? {});
  for (const p of next.problems) bad('export', `after the next export: ${p}`);
  if (next.temps.length) bad('export', `the next export left the killed one's temp files: ${next.temps.join(', ')}`);
}

/** The predictions file after the kill, and (when temp files stayed) after the next predict to the same file. */
async function checkPredictions(f: Figures, op: Op, home: string, bad: (kind: string, detail: string) => void): Promise<void> {
  const after = checkPredictionFile(op.outFile!, PREDICT_ROWS + 1, op.previous);
  for (const p of after.problems) bad('predictions', p);
  if (after.temps.length === 0) return;
  bump(f, 'predictions killed with temp files left');
  const again = await runCli(['--home', home, '--json', ...op.args.filter((a) => a !== '--force'), ...(predictForce ? ['--force'] : [])], { timeoutMs: 180_000 });
  const j = judge(again);
  if (j.outcome !== 'ok') return bad('predictions', `the predict after the kill did not succeed (${j.outcome}: ${j.why}); temp files: ${after.temps.join(', ')}`);
  const next = checkPredictionFile(op.outFile!, PREDICT_ROWS + 1);
  for (const p of next.problems) bad('predictions', `after the next predict: ${p}`);
  if (next.temps.length) bad('predictions', `the next predict left the killed one's temp files: ${next.temps.join(', ')}`);
}

describe('SIGKILL at random points of import, training, export, predict and registry moves', () => {
  it(
    `leaves an intact database, honest records and whole exports (${KILLS} kills)`,
    async () => {
      const t0 = Date.now();
      const f = newFigures('kill', SEED);
      const r = rng(SEED);
      let i = 0;
      for (; f.kills < KILLS && i < MAX_ATTEMPTS; i++) await attempt(f, r, i);
      f.notes.attempts = i;
      f.seconds = (Date.now() - t0) / 1000;
      record(f);
      expect(f.kills, 'the kills must land before the commands end').toBeGreaterThanOrEqual(Math.ceil(KILLS * 0.8));
      expect(f.anomalies).toEqual([]);
    },
    FULL ? 3_600_000 : 240_000,
  );
});
