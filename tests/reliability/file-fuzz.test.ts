/**
 * File fuzzer: malformed CSV, JSON Lines and Parquet files, each imported through `lathe import`.
 * Each must end in success or a clear one-line error (exit 1, no stack trace, not `internal`),
 * never a crash or a hang, and a failed import must leave no dataset and no table behind.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE_SEED, FULL, judge, killStragglers, lastJson, preflight, rng, type Rng, runCli, seedFor, shown, size, tempDir } from './harness';
import { checkDatabase, leftRunning } from './checks';
import { makeFile } from './file-gen';
import { bump, newFigures, record, type Figures } from './summary';

const SEED = seedFor('file-fuzz');
const FILES = size(40, 300);
/** Two data folders fed at once: the command spends much of its time waiting, not computing. */
const LANES = 2;

let root: ReturnType<typeof tempDir>;
beforeAll(async () => {
  await preflight();
  root = tempDir('files');
}, 240_000);
afterAll(() => {
  killStragglers();
  root?.cleanup();
});

function options(r: Rng): string[] {
  const o: string[] = [];
  if (r.chance(0.3)) o.push('--skip-bad-rows');
  if (r.chance(0.1)) o.push('--no-header');
  if (r.chance(0.05)) o.push('--delimiter', r.pick([';', '\\t', '|', 'x']));
  if (r.chance(0.05)) o.push('--encoding', r.pick(['latin1', 'utf-8']));
  if (r.chance(0.05)) o.push('--no-quotes');
  if (r.chance(0.05)) o.push('--type', r.pick(['c0=integer', 'c1=date', 'id=float', 'v=boolean']));
  return o;
}

async function lane(f: Figures, jobs: { i: number; file: string; kind: string; extra: string[] }[], home: string): Promise<void> {
  let expected = 0;
  for (const { i, file, kind, extra } of jobs) {
    // Mostly named; sometimes the name comes from the (odd) file name.
    const args = ['--home', home, '--json', 'import', file, ...(i % 10 === 3 ? [] : ['--name', `f${i}`]), ...extra];
    const repro = `LATHE_RELIABILITY_SEED=${BASE_SEED} LATHE_RELIABILITY_KEEP=1 file ${i} (${kind}): ${shown(args)}`;
    const bad = (k: string, detail: string) => f.anomalies.push({ kind: k, detail: `file ${i} (${kind}): ${detail}`, repro });
    const res = await runCli(args, { timeoutMs: FULL ? 300_000 : 120_000 });
    f.files++;
    const j = judge(res);
    bump(f, j.outcome === 'ok' ? 'imported' : j.outcome === 'error' ? 'refused clearly' : j.outcome);
    if (j.outcome === 'crash') f.crashes++;
    if (j.outcome === 'ok') {
      expected++;
      const out = lastJson(res.stdout) as { id?: string; rows?: number } | undefined;
      if (!out?.id || typeof out.rows !== 'number') bad('output', `exit 0 without the imported dataset on stdout: ${res.stdout.slice(0, 200)}`);
    } else if (j.outcome !== 'error') bad(j.outcome, j.why);
    const { problems, state } = checkDatabase(home);
    for (const p of problems) bad('integrity', p);
    if (state && state.datasets !== expected) {
      bad('left-behind', `${expected} imports succeeded so far, the database holds ${state.datasets} datasets`);
      expected = state.datasets;
    }
  }
  const listed = await runCli(['--home', home, '--json', 'datasets'], { timeoutMs: 120_000 });
  const list = lastJson(listed.stdout);
  if (!Array.isArray(list) || list.length !== expected) f.anomalies.push({ kind: 'left-behind', detail: `\`lathe datasets\` lists ${Array.isArray(list) ? list.length : 'nothing'}; ${expected} imports succeeded`, repro: `LATHE_RELIABILITY_SEED=${BASE_SEED}` });
  for (const p of leftRunning(home)) f.anomalies.push({ kind: 'left-running', detail: p, repro: `LATHE_RELIABILITY_SEED=${BASE_SEED}` });
}

describe('file fuzzer: malformed files through `lathe import`', () => {
  it(
    `imports or clearly refuses ${FILES} malformed files, leaving nothing behind`,
    async () => {
      const t0 = Date.now();
      const f = newFigures('file-fuzz', SEED);
      const r = rng(SEED);
      const dir = path.join(root.dir, 'files');
      fs.mkdirSync(dir);
      const lanes: { i: number; file: string; kind: string; extra: string[] }[][] = Array.from({ length: LANES }, () => []);
      for (let i = 0; i < FILES; i++) {
        const g = makeFile(r, FULL);
        const name = i % 10 === 3 ? `odd name ${i} é %_[1]${g.ext}` : `f${i}${g.ext}`;
        const file = path.join(dir, name);
        fs.writeFileSync(file, g.bytes);
        bump(f, `kind ${g.kind}`);
        lanes[i % LANES].push({ i, file, kind: g.kind, extra: options(r) });
      }
      await Promise.all(lanes.map((jobs, n) => lane(f, jobs, path.join(root.dir, `home${n}`))));
      f.seconds = (Date.now() - t0) / 1000;
      record(f);
      expect(f.crashes).toBe(0);
      expect(f.anomalies).toEqual([]);
    },
    FULL ? 3_600_000 : 240_000,
  );
});
