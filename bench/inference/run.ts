/**
 * Inference benchmark: single-row and batch latency through onnxruntime-node for exported gbdt
 * and mlp pipelines trained on California housing. Anchor: the in-app TypeScript predictor
 * (loadModel) on the same rows. Usage: npm run bench:inference
 */
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { createCore } from '../../electron/host/core';
import { loadFrame } from '../../electron/data/load-frame';
import { createSession, runSession } from '../../electron/workers/export/ort';
import { buildFeeds, exportOnnx } from '../../models/export/onnx/index';
import { loadModel } from '../../models/train/loadModel';
import { takeRows } from '../../models/frame/frame';
import type { ModelArtifact } from '../../models/train/types';
import { machine, writeReport } from '../lib/report';
import { findXgboostPython } from '../lib/python';
import { tempHome } from '../../tests/helpers/temp-home';

const home = tempHome('lathe-bench-inference-');
const core = createCore({ home: home.dir, host: 'cli' });
const samples = path.resolve(import.meta.dirname, '../../resources/samples');

async function job(id: string) {
  const j = await core.ctx.jobs.wait(id);
  if (j.status !== 'succeeded') throw new Error(j.error?.message ?? j.status);
  return j.result;
}

const GBDT = { trees: 200, maxDepth: 6 };

/** xgboost's native predictor on the same data and tree shape, when Python has xgboost. */
function xgboostReference(): { version: string; threads: number; singleP50Us: number; batchRowsPerSec: number } | null {
  const py = findXgboostPython();
  if (!py) return null;
  const script = path.join(import.meta.dirname, 'xgb_predict.py');
  const r = spawnSync(py, [script, path.join(samples, 'california_housing/housing.csv'), String(GBDT.trees), String(GBDT.maxDepth), '100000'], { encoding: 'utf8' });
  if (r.status !== 0) {
    console.error(`xgboost reference failed: ${r.stderr.trim().split('\n').pop()}`);
    return null;
  }
  return JSON.parse(r.stdout.trim().split('\n').pop()!);
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.floor(p * (xs.length - 1))];

try {
  const { jobId } = await core.call('datasets.import', { path: path.join(samples, 'california_housing/housing.csv'), name: 'housing' });
  const ds = (await job(jobId)) as { id: string };
  const frame = loadFrame(core.ctx.db, ds.id).frame;
  const results = [];
  for (const [family, params] of [['gbdt', GBDT], ['mlp', { hidden: '64,32', epochs: 5 }]] as const) {
    const { jobId: train } = await core.call('runs.start', { dataset: 'housing', target: 'median_house_value', family, params });
    const { runId } = (await job(train)) as { runId: string };
    const artifact = core.ctx.repos.runs.artifact<ModelArtifact>(runId, 'model')!;
    const exported = exportOnnx(artifact);
    const session = await createSession(exported.bytes);
    // Single rows: tensors prepared beforehand; timed is the session call itself.
    const single: number[] = [];
    const rowFeeds = Array.from({ length: 2000 }, (_, i) => buildFeeds(exported.inputs, frame, [i % frame.rowCount]));
    for (let i = 0; i < 200; i++) await runSession(session, rowFeeds[i]); // warm-up
    for (const f of rowFeeds) {
      const t0 = process.hrtime.bigint();
      await runSession(session, f);
      single.push(Number(process.hrtime.bigint() - t0) / 1000);
    }
    const n = 100_000;
    const rows = Array.from({ length: n }, (_, i) => i % frame.rowCount);
    const batchFeeds = buildFeeds(exported.inputs, frame, rows);
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      await runSession(session, batchFeeds);
      times.push(performance.now() - t0);
    }
    const batchMs = Math.min(...times);
    // Anchor: the app's own TypeScript predictor on the same rows.
    const model = loadModel(artifact);
    const sub = takeRows(frame, rows);
    const t1 = performance.now();
    model.predict(sub);
    const appMs = performance.now() - t1;
    results.push({
      family, sizeBytes: exported.bytes.length,
      singleP50Us: Math.round(pct(single, 0.5)), singleP99Us: Math.round(pct(single, 0.99)),
      batchRowsPerSec: Math.round(n / (batchMs / 1000)), appBatchRowsPerSec: Math.round(n / (appMs / 1000)),
    });
  }
  const gbdt = results.find((r) => r.family === 'gbdt')!;
  const xgboost = xgboostReference();
  const json = {
    benchmark: 'inference', date: new Date().toISOString(), machine: machine(), results, xgboost, loadAverage: os.loadavg()[0],
    targets: { singleP50Us: 50, gbdtBatchRowsPerSec: 1_000_000 },
    met: { singleP50: results.every((r) => r.singleP50Us < 50), gbdtBatch: gbdt.batchRowsPerSec >= 1_000_000 },
  };
  const md = `# Inference benchmark

California housing pipelines (preprocessing + model in one ONNX graph), onnxruntime-node CPU, ${json.machine.cpus} × ${json.machine.cpuModel}.
Anchor: the app's TypeScript predictor on the same 100,000 rows.

| model | ONNX size | single row p50 | single row p99 | batch rows/s (ORT) | batch rows/s (app, anchor) |
|---|---:|---:|---:|---:|---:|
${results.map((r) => `| ${r.family} | ${(r.sizeBytes / 1024).toFixed(0)} KiB | ${r.singleP50Us} µs | ${r.singleP99Us} µs | ${r.batchRowsPerSec.toLocaleString('en-US')} | ${r.appBatchRowsPerSec.toLocaleString('en-US')} |`).join('\n')}

Targets: single-row p50 < 50 µs (${json.met.singleP50 ? 'met' : 'not met'}); gbdt batch ≥ 1,000,000 rows/s (${json.met.gbdtBatch ? 'met' : 'not met'}).

${xgboost
    ? `For scale, xgboost ${xgboost.version}'s own predictor (\`inplace_predict\`, ${xgboost.threads} threads) on an xgboost model of the same shape (${GBDT.trees} trees, depth ${GBDT.maxDepth}, the numeric columns): ${Math.round(xgboost.batchRowsPerSec).toLocaleString('en-US')} rows/s in batch, ${Math.round(xgboost.singleP50Us)} µs per single row from Python.`
    : 'xgboost for Python is not installed (apt-get install -y python3-xgboost): no native-predictor reference.'}
Load average during the run: ${json.loadAverage.toFixed(2)} (single-row tails grow with other work on the machine).`;
  writeReport('inference', json, md);
} finally {
  await core.close();
  home.cleanup();
}
