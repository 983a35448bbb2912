/**
 * Import benchmark: a generated 1,000,000-row × 10-column CSV of mixed types, imported by Lathe
 * and, in the same run, by the sqlite3 CLI's `.import` into a fresh database (the anchor).
 * Usage: npm run bench:import [-- --rows N]
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateCsv } from './generate';
import { machine, writeReport } from '../lib/report';

const rowsArg = process.argv.indexOf('--rows');
const rows = rowsArg > 0 ? Number(process.argv[rowsArg + 1]) : 1_000_000;
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'lathe-bench-import-'));
const csv = path.join(work, `mixed-${rows}.csv`);

try {
  execFileSync('sqlite3', ['--version']);
} catch {
  console.error('bench:import needs the sqlite3 command line shell (Debian package sqlite3): apt-get install -y sqlite3');
  process.exit(1);
}

console.log(`generating ${rows.toLocaleString('en-US')} rows…`);
generateCsv(csv, rows);
const bytes = fs.statSync(csv).size;

// The anchor: sqlite3 .import of the same file into a fresh database file (all columns as text).
const anchorDb = path.join(work, 'anchor.db');
const t0 = performance.now();
execFileSync('sqlite3', [anchorDb, '.mode csv', `.import ${csv} t`]);
const anchorMs = performance.now() - t0;

const child = spawnSync(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'lathe-child.ts'), csv, path.join(work, 'home')], {
  encoding: 'utf8',
});
if (child.status !== 0) {
  console.error(child.stderr);
  process.exit(1);
}
const lathe = JSON.parse(child.stdout.trim().split('\n').pop()!) as { importMs: number; profileMs: number; rows: number; peakRssMB: number };
fs.rmSync(work, { recursive: true, force: true });

const latheRate = lathe.rows / (lathe.importMs / 1000);
const anchorRate = rows / (anchorMs / 1000);
const ratio = latheRate / anchorRate;
const result = {
  benchmark: 'import',
  date: new Date().toISOString(),
  machine: machine(),
  file: { rows, columns: 10, bytes },
  anchor: { name: 'sqlite3 CLI .import (untyped text)', ms: Math.round(anchorMs), rowsPerSec: Math.round(anchorRate) },
  lathe: { ms: Math.round(lathe.importMs), rowsPerSec: Math.round(latheRate), peakRssMB: Math.round(lathe.peakRssMB), profileMs: Math.round(lathe.profileMs) },
  ratio: Math.round(ratio * 100) / 100,
  targets: { ratio: 0.8, peakRssMB: 300 },
  met: { ratio: ratio >= 0.8, peakRss: lathe.peakRssMB < 300 },
};
const md = `# Import benchmark

${rows.toLocaleString('en-US')} rows × 10 columns (${(bytes / 1e6).toFixed(1)} MB CSV: integers, floats, booleans, dates, categories, quoted text, 2 % missing), on ${result.machine.cpus} × ${result.machine.cpuModel}.

| | time | rows/s | peak RSS |
|---|---:|---:|---:|
| sqlite3 CLI \`.import\` (anchor, text only) | ${(anchorMs / 1000).toFixed(2)} s | ${Math.round(anchorRate).toLocaleString('en-US')} | — |
| Lathe import (typed, in a worker) | ${(lathe.importMs / 1000).toFixed(2)} s | ${Math.round(latheRate).toLocaleString('en-US')} | ${Math.round(lathe.peakRssMB)} MB |

Ratio Lathe / anchor: **${result.ratio}×** (target ≥ 0.8×: ${result.met.ratio ? 'met' : 'not met'}). Peak RSS target < 300 MB: ${result.met.peakRss ? 'met' : 'not met'}.
The profile that follows the import (its own job) took ${(lathe.profileMs / 1000).toFixed(2)} s.`;
writeReport('import', result, md);
