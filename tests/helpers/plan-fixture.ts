/**
 * Data and a registered champion for retraining-plan tests: a CSV of y against x that a plan re-reads,
 * rewritten between runs to make the next version (new rows, a changed relation, corrupted history).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { createCore, type Core } from '../../electron/host/core';
import { tempHome } from './temp-home';
import { mulberry32 } from '../../models/split/prng';

export type Relation = (x: number) => number;

/** `n` rows of x in [0, 10) and y = f(x) + noise(sd 1), seeded. */
export function rows(n: number, f: Relation, seed: number): string[] {
  const rand = mulberry32(seed);
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const x = rand() * 10;
    const noise = (rand() + rand() + rand() - 1.5) * 2;
    out.push(`${x.toFixed(4)},${(f(x) + noise).toFixed(4)}`);
  }
  return out;
}

export function writeCsv(file: string, lines: string[]): void {
  fs.writeFileSync(file, ['x,y', ...lines].join('\n') + '\n');
}

export const rising: Relation = (x) => 2 * x;
export const falling: Relation = (x) => 30 - 3 * x;

/**
 * Imports FILE as dataset NAME, trains `family` on it (y from x), registers the run as MODEL and points
 * `production` at it. Returns the champion's run id.
 */
export async function registerChampion(core: Core, file: string, name: string, model: string, run: { family?: 'linear' | 'gbdt'; params?: Record<string, number | string> } = {}): Promise<string> {
  const { jobId } = await core.call('datasets.import', { path: file, name });
  await core.jobResult('datasets.import', jobId);
  const started = await core.call('runs.start', { dataset: name, target: 'y', family: run.family ?? 'linear', params: run.params ?? {} });
  await core.jobResult('runs.train', started.jobId);
  const v = await core.call('models.register', { runId: started.runId, name: model });
  await core.call('models.promote', { name: model, version: v.version, alias: 'production' });
  return started.runId;
}

export function csvIn(home: string, name: string): string {
  return path.join(home, `${name}.csv`);
}

/**
 * A fresh home and a CLI core for each test of a plan test file (a fixed clock, no scheduler: plans run
 * only when a test runs them), closed and removed after it; `set` receives them before each test.
 */
export function planCoreEach(set: (core: Core, dir: string) => void): void {
  let home: ReturnType<typeof tempHome>;
  let core: Core;
  beforeEach(() => {
    home = tempHome();
    core = createCore({ home: home.dir, host: 'cli', clock: () => new Date('2026-03-02T10:30:00Z'), scheduler: false });
    set(core, home.dir);
  });
  afterEach(async () => {
    await core.close();
    home.cleanup();
  });
}

