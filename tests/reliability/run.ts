/**
 * `npm run test:reliability`: the full reliability run (≥ 100 kills, ≥ 3,000 requests, ≥ 300
 * files, four rounds of concurrent processes), one scenario after another, then the summary
 * table of all of them. The figures go to a fresh temp folder (`last-run.json` there), never to the
 * repository. Arguments pass to vitest: `npm run test:reliability -- kill` runs one scenario.
 * LATHE_RELIABILITY_SEED=N reproduces a run; LATHE_RELIABILITY_KEEP=1 keeps its folders.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BASE_SEED, repoRoot } from './harness';
import { describeAnomalies, readAll, table } from './summary';

const out = fs.mkdtempSync(path.join(os.tmpdir(), 'lathe-reliability-'));
const vitest = path.join(repoRoot, 'node_modules', 'vitest', 'vitest.mjs');
const filters = process.argv.slice(2);
const t0 = Date.now();
const r = spawnSync(process.execPath, [vitest, 'run', '--no-file-parallelism', ...(filters.length ? filters.map((f) => `tests/reliability/${f}`) : ['tests/reliability'])], {
  cwd: repoRoot,
  env: { ...process.env, LATHE_RELIABILITY: process.env.LATHE_RELIABILITY ?? 'full', LATHE_RELIABILITY_OUT: out },
  stdio: 'inherit',
});

const all = readAll(out);
const summary = { seed: BASE_SEED, finished: new Date().toISOString(), minutes: (Date.now() - t0) / 60_000, exitCode: r.status, scenarios: all };
fs.writeFileSync(path.join(out, 'last-run.json'), JSON.stringify(summary, null, 2) + '\n');
console.log(`\n== reliability summary (seed ${BASE_SEED}, ${summary.minutes.toFixed(1)} min) ==\n\n${table(all)}\n`);
const anomalies = describeAnomalies(all);
if (anomalies) console.log(anomalies + '\n');
console.log(`figures: ${path.join(out, 'last-run.json')}`);
process.exit(r.status ?? 1);
