/**
 * Seeds a fresh data folder for the UI benchmark: the California housing sample imported the
 * ordinary way (so the dataset, its table and columns are real), then 10,000 runs written
 * straight into SQLite with realistic metrics and params, and one more run whose validation
 * curve has 1,000,000 points (and a control run with 2,000).
 */
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { createCore } from '../../electron/host/core';
import { databasePath } from '../../electron/host/paths';
import { mulberry32 } from '../../models/split/prng';

export interface Seeded {
  datasetId: string;
  runs: number;
  bigRunId: string;
  curvePoints: number;
  /** A run like any other, with a 2,000-point curve: what a downsampled answer would weigh. */
  controlRunId: string;
  seedMs: number;
}

const FAMILIES = ['gbdt', 'gbdt', 'gbdt', 'forest', 'linear', 'mlp'] as const;

function paramsFor(family: string, rnd: () => number): Record<string, number | string> {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
  if (family === 'gbdt') return { trees: pick([100, 200, 300, 500]), maxDepth: 3 + Math.floor(rnd() * 6), learningRate: Number((0.01 + rnd() * 0.29).toFixed(4)) };
  if (family === 'forest') return { trees: pick([50, 100, 200]), maxDepth: pick([0, 8, 12, 16]) };
  if (family === 'linear') return { l2: Number((10 ** (-4 + rnd() * 4)).toPrecision(3)) };
  return { hidden: pick(['64,32', '128,64', '32']), epochs: pick([20, 30, 50]), learningRate: Number((10 ** (-4 + rnd() * 2)).toPrecision(3)) };
}

function metricsFor(task: string, family: string, rnd: () => number): Record<string, number> {
  const skill = family === 'gbdt' ? 0.85 : family === 'forest' ? 0.8 : family === 'mlp' ? 0.72 : 0.63;
  if (task === 'regression') {
    const r2 = Math.min(0.9, skill - rnd() * 0.12);
    const rmse = 115_000 * Math.sqrt(1 - r2);
    return { rmse, mae: rmse * (0.66 + rnd() * 0.06), r2, mape: 0.12 + (1 - r2) * 0.5 };
  }
  const accuracy = Math.min(0.97, 0.55 + skill * 0.4 - rnd() * 0.08);
  return { accuracy, balancedAccuracy: accuracy - 0.04, macroF1: accuracy - 0.06, logloss: 1.4 * (1 - accuracy) + 0.1 };
}

export async function seed(home: string, opts: { runs?: number; curvePoints?: number } = {}): Promise<Seeded> {
  const total = opts.runs ?? 10_000;
  const curvePoints = opts.curvePoints ?? 1_000_000;
  const t0 = performance.now();

  // Opened once through the core: migrations run, and the sample is imported as a user would.
  const core = createCore({ home, host: 'cli' });
  const { jobId } = await core.call('datasets.importSample', { id: 'california-housing' });
  const job = await core.ctx.jobs.wait(jobId);
  if (job.status !== 'succeeded') throw new Error(`sample import ${job.status}: ${job.error?.message ?? ''}`);
  const datasetId = (job.result as { id: string }).id;
  const sha = (core.ctx.db.prepare('SELECT source_sha256 FROM datasets WHERE id = ?').get(datasetId) as { source_sha256: string | null }).source_sha256;
  await core.close();

  const db = new Database(databasePath(home));
  db.pragma('journal_mode = WAL');
  const rnd = mulberry32(20_260_101);
  const insRun = db.prepare(
    `INSERT INTO runs (id, dataset_id, target, task, requested_task, family, status, split_json, seed, dataset_sha256, backend, versions_json, metrics_json, duration_ms, created_at, ended_at, error)
     VALUES (?, ?, ?, ?, NULL, ?, ?, ?, 42, ?, 'typescript-cpu', '{"lathe":"0.1.0"}', ?, ?, ?, ?, ?)`,
  );
  const insParam = db.prepare('INSERT INTO run_params (run_id, key, value_json) VALUES (?, ?, ?)');
  const split = JSON.stringify({ kind: 'random', testFraction: 0.2 });
  const start = Date.now() - 90 * 86_400_000;

  db.transaction(() => {
    for (let i = 0; i < total; i++) {
      const id = randomUUID();
      const classification = rnd() < 0.3;
      const task = classification ? 'multiclass' : 'regression';
      const family = FAMILIES[Math.floor(rnd() * FAMILIES.length)];
      const failed = rnd() < 0.03;
      const created = new Date(start + (i / total) * 89 * 86_400_000);
      const durationMs = Math.round(200 + rnd() * 20_000);
      insRun.run(id, datasetId, classification ? 'ocean_proximity' : 'median_house_value', task, family, failed ? 'failed' : 'succeeded', split, sha,
        failed ? null : JSON.stringify(metricsFor(task, family, rnd)), durationMs, created.toISOString(), new Date(created.getTime() + durationMs).toISOString(),
        failed ? 'Training stopped: out of memory' : null);
      for (const [k, v] of Object.entries(paramsFor(family, rnd))) insParam.run(id, k, JSON.stringify(v));
    }
  })();

  // The newest runs: a long training with a 1,000,000-point validation curve, and before it a
  // control with 2,000 points.
  const bigRunId = randomUUID();
  const controlRunId = randomUUID();
  const now = new Date();
  insRun.run(controlRunId, datasetId, 'median_house_value', 'regression', 'gbdt', 'succeeded', split, sha, JSON.stringify(metricsFor('regression', 'gbdt', rnd)),
    9_000, new Date(now.getTime() - 7_200_000).toISOString(), new Date(now.getTime() - 7_191_000).toISOString(), null);
  for (const [k, v] of Object.entries({ trees: 2000, maxDepth: 6, learningRate: 0.05 })) insParam.run(controlRunId, k, JSON.stringify(v));
  insRun.run(bigRunId, datasetId, 'median_house_value', 'regression', 'gbdt', 'succeeded', split, sha, JSON.stringify(metricsFor('regression', 'gbdt', rnd)),
    3_600_000, new Date(now.getTime() - 3_600_000).toISOString(), now.toISOString(), null);
  for (const [k, v] of Object.entries({ trees: curvePoints, maxDepth: 6, learningRate: 0.001 })) insParam.run(bigRunId, k, JSON.stringify(v));
  const insPoint = db.prepare('INSERT INTO metric_points (run_id, name, step, value) VALUES (?, ?, ?, ?)');
  db.transaction(() => {
    for (let s = 0; s < curvePoints; s++) insPoint.run(bigRunId, 'valid', s, 48_000 + 70_000 * Math.exp(-s / 60_000) + (rnd() - 0.5) * 900);
    for (let s = 0; s < 2000; s++) insPoint.run(controlRunId, 'valid', s, 50_000 + 70_000 * Math.exp(-s / 150) + (rnd() - 0.5) * 900);
  })();
  db.close();
  return { datasetId, runs: total + 2, bigRunId, curvePoints, controlRunId, seedMs: Math.round(performance.now() - t0) };
}
