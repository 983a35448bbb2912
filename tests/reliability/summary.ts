/**
 * The figures of each scenario: written as JSON to the run's results folder (a temp folder, never
 * the repository) and printed as a table, so a run's numbers can be quoted.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BASE_SEED, FULL } from './harness';

export interface Anomaly {
  /** A short class: crash, hang, integrity, half-export, left-running, 5xx, … */
  kind: string;
  detail: string;
  /** How to see it again: the seed, the iteration and the command or request. */
  repro: string;
}

export interface Figures {
  scenario: string;
  mode: 'bounded' | 'full';
  seed: number;
  kills: number;
  requests: number;
  http5xx: number;
  files: number;
  crashes: number;
  anomalies: Anomaly[];
  /** Anything else worth quoting (outcome counts, busy answers, …). */
  notes: Record<string, number | string>;
  seconds: number;
}

export function newFigures(scenario: string, seed: number): Figures {
  return { scenario, mode: FULL ? 'full' : 'bounded', seed, kills: 0, requests: 0, http5xx: 0, files: 0, crashes: 0, anomalies: [], notes: {}, seconds: 0 };
}

/** Counts one more of something in a scenario's notes. */
export function bump(f: Figures, key: string, by = 1): void {
  f.notes[key] = Number(f.notes[key] ?? 0) + by;
}

/** Where figures go: LATHE_RELIABILITY_OUT (set by run.mjs), else a folder under the OS temp dir. */
export function resultsDir(): string {
  const dir = process.env.LATHE_RELIABILITY_OUT ?? path.join(os.tmpdir(), 'lathe-reliability');
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/** Writes a scenario's figures and prints its table row and anomalies. */
export function record(f: Figures): void {
  fs.writeFileSync(path.join(resultsDir(), `${f.scenario}.json`), JSON.stringify(f, null, 2) + '\n');
  console.log(`\n${table([f])}\n${describeAnomalies([f])}`);
}

const cols: [string, (f: Figures) => string | number][] = [
  ['scenario', (f) => f.scenario],
  ['mode', (f) => f.mode],
  ['kills', (f) => f.kills],
  ['requests', (f) => f.requests],
  ['5xx', (f) => f.http5xx],
  ['files', (f) => f.files],
  ['crashes', (f) => f.crashes],
  ['anomalies', (f) => f.anomalies.length],
  ['seconds', (f) => f.seconds.toFixed(0)],
];

/** A markdown table of scenarios, with a total row when there are several. */
export function table(all: Figures[]): string {
  const rows = all.map((f) => cols.map(([, get]) => String(get(f))));
  if (all.length > 1) {
    const sum = (get: (f: Figures) => number) => String(all.reduce((s, f) => s + get(f), 0));
    rows.push(['**total**', all.every((f) => f.mode === 'full') ? 'full' : all.every((f) => f.mode === 'bounded') ? 'bounded' : 'mixed', sum((f) => f.kills), sum((f) => f.requests), sum((f) => f.http5xx), sum((f) => f.files), sum((f) => f.crashes), sum((f) => f.anomalies.length), sum((f) => f.seconds).replace(/\..*/, '')]);
  }
  const head = cols.map(([name]) => name);
  return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

export function describeAnomalies(all: Figures[]): string {
  const lines: string[] = [];
  for (const f of all) {
    if (Object.keys(f.notes).length) lines.push(`${f.scenario} (seed ${f.seed}): ${Object.entries(f.notes).map(([k, v]) => `${k} ${v}`).join(', ')}`);
    for (const a of f.anomalies) lines.push(`  ANOMALY [${f.scenario}/${a.kind}] ${a.detail}\n    repro: ${a.repro}`);
  }
  return lines.join('\n');
}

/** Reads every scenario's figures from a results folder. */
export function readAll(dir: string): Figures[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json') && f !== 'last-run.json')
    .map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as Figures)
    .sort((a, b) => a.scenario.localeCompare(b.scenario));
}

export const baseSeed = BASE_SEED;
