/**
 * Serving benchmark: `lathe serve-model` against FastAPI + uvicorn serving xgboost, on 127.0.0.1 only.
 * At start: California housing is imported, a gbdt with the family's defaults is trained and registered (core
 * API, as the app does), and the anchor trains xgboost with the same features, the same number of trees the
 * gbdt kept and the same depth. Load: autocannon, single-row POST /predict (the same body to both), at
 * concurrency 1, 8 and 64, the two servers taking turns at each level. Targets: Lathe ≥ 3× the anchor's
 * throughput and a lower p99 at every concurrency, and p99 < 10 ms at concurrency 8.
 *
 * Usage: npm run bench:serve [-- --duration 10 --warmup 2 --concurrency 1,8,64]
 * Needs the Debian anchors: apt-get install -y python3-fastapi python3-uvicorn python3-xgboost
 */
import path from 'node:path';
import net from 'node:net';
import { spawn, type ChildProcess } from 'node:child_process';
import autocannon from 'autocannon';
import { createCore } from '../../electron/host/core';
import { machine, writeReport } from '../lib/report';
import { findPython } from '../lib/python';
import { tempHome } from '../../tests/helpers/temp-home';
import { serveMarkdown, type LoadResult, type ServeReport } from './markdown';

const args = process.argv.slice(2);
const flag = (name: string, dflt: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const DURATION_S = Number(flag('--duration', '10'));
const WARMUP_S = Number(flag('--warmup', '2'));
const LEVELS = flag('--concurrency', '1,8,64').split(',').map(Number);
const HOST = '127.0.0.1';
const root = path.resolve(import.meta.dirname, '../..');
const housing = path.join(root, 'resources/samples/california_housing/housing.csv');

const python = findPython(['fastapi', 'uvicorn', 'xgboost', 'numpy', 'pydantic']);
if (!python) {
  console.error('bench:serve needs the anchor FastAPI + uvicorn + xgboost under /usr/bin/python3 (Debian):\n  apt-get install -y python3-fastapi python3-uvicorn python3-xgboost');
  process.exit(2);
}

/** A free port on 127.0.0.1, for the anchor (serve-model picks its own with --port 0). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, HOST, () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

async function waitHealthy(url: string, child: ChildProcess, what: string, timeoutMs = 120_000): Promise<void> {
  const t0 = Date.now();
  while (Date.now() - t0 < timeoutMs) {
    if (child.exitCode !== null) throw new Error(`${what} exited with code ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${what} did not answer ${url}/health within ${timeoutMs / 1000} s`);
}

/** Trains and registers the gbdt with the family's defaults; returns the trees it kept and its depth. */
async function trainModel(home: string): Promise<{ trees: number; maxDepth: number; rmse: number }> {
  const core = createCore({ home, host: 'cli' });
  try {
    const { jobId } = await core.call('datasets.import', { path: housing, name: 'housing' });
    await core.jobResult('datasets.import', jobId);
    const started = await core.call('runs.start', { dataset: 'housing', target: 'median_house_value', family: 'gbdt' });
    const { runId } = await core.jobResult('runs.train', started.jobId);
    await core.call('models.register', { runId, name: 'housing' });
    const run = await core.call('runs.get', { id: runId });
    const model = core.ctx.repos.runs.artifact<{ model: { trees: unknown[] } }>(runId, 'model')!;
    return { trees: model.model.trees.length, maxDepth: Number(run.params.maxDepth), rmse: run.metrics?.rmse ?? NaN };
  } finally {
    await core.close();
  }
}

function startLathe(home: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [path.join(root, 'bin/lathe.mjs'), '--home', home, '--json', 'serve-model', 'housing@1.0.0', '--port', '0', '--host', HOST], {
    stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, LATHE_SERVE_TOKEN: '' },
  });
  return new Promise((resolve, reject) => {
    let buf = '';
    child.stdout!.on('data', (d: Buffer) => {
      buf += d.toString();
      const line = buf.split('\n').find((l) => l.includes('"listening"'));
      if (line) resolve({ url: (JSON.parse(line) as { listening: string }).listening.replace(/\/$/, ''), child });
    });
    child.on('exit', (code) => reject(new Error(`lathe serve-model exited with code ${code}: ${buf.trim()}`)));
  });
}

async function load(url: string, connections: number, durationS: number): Promise<LoadResult> {
  const body = JSON.stringify({ rows: [ROW] });
  const r = await autocannon({ url: `${url}/predict`, method: 'POST', headers: { 'content-type': 'application/json' }, body, connections, duration: durationS });
  return {
    concurrency: connections, requestsPerSec: r.requests.average, requests: r.requests.total,
    p50Ms: r.latency.p50, p90Ms: r.latency.p90, p99Ms: r.latency.p99, maxMs: r.latency.max, errors: r.errors + r.timeouts, non2xx: r.non2xx,
  };
}

const ROW = { longitude: -122.23, latitude: 37.88, housing_median_age: 41, total_rooms: 880, total_bedrooms: 129, population: 322, households: 126, median_income: 8.3252, ocean_proximity: 'NEAR BAY' };

const home = tempHome('lathe-bench-serve-');
const children: ChildProcess[] = [];
const stopAll = () => children.forEach((c) => c.exitCode === null && c.kill('SIGTERM'));
process.on('exit', stopAll);
try {
  console.log('training and registering the gbdt (family defaults) on California housing…');
  const model = await trainModel(home.dir);
  console.log(`gbdt kept ${model.trees} trees, depth ${model.maxDepth}, test rmse ${model.rmse.toFixed(0)}`);

  const lathe = await startLathe(home.dir);
  children.push(lathe.child);
  await waitHealthy(lathe.url, lathe.child, 'lathe serve-model');
  const anchorPort = await freePort();
  const anchorChild = spawn(python, [path.join(import.meta.dirname, 'fastapi_xgb.py'), housing, String(model.trees), String(model.maxDepth), String(anchorPort)], { stdio: ['ignore', 'inherit', 'inherit'] });
  children.push(anchorChild);
  const anchorUrl = `http://${HOST}:${anchorPort}`;
  await waitHealthy(anchorUrl, anchorChild, 'the FastAPI anchor');

  // Both answer the same row before any timing.
  const check = async (url: string) => (await (await fetch(`${url}/predict`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ rows: [ROW] }) })).json()) as { predictions: { prediction: number }[] };
  const [a, b] = [await check(lathe.url), await check(anchorUrl)];
  console.log(`one row: lathe ${a.predictions[0].prediction.toFixed(0)}, anchor ${b.predictions[0].prediction.toFixed(0)}`);

  const results: ServeReport['levels'] = [];
  for (const c of LEVELS) {
    await load(lathe.url, c, WARMUP_S);
    const l = await load(lathe.url, c, DURATION_S);
    await load(anchorUrl, c, WARMUP_S);
    const x = await load(anchorUrl, c, DURATION_S);
    console.log(`c=${c}: lathe ${l.requestsPerSec.toFixed(0)} req/s p99 ${l.p99Ms} ms | anchor ${x.requestsPerSec.toFixed(0)} req/s p99 ${x.p99Ms} ms`);
    results.push({ concurrency: c, lathe: l, anchor: x, throughputRatio: l.requestsPerSec / x.requestsPerSec });
  }
  const anchorVersions = await (await fetch(`${anchorUrl}/health`)).json();
  const at8 = results.find((r) => r.concurrency === 8);
  const report: ServeReport = {
    date: new Date().toISOString(), machine: machine(), durationS: DURATION_S, warmupS: WARMUP_S,
    model: { ...model, dataset: 'California housing (20,640 rows, 9 features)' },
    anchor: { name: 'FastAPI + uvicorn + xgboost (hist), one worker, nthread 1', python, ...(anchorVersions as object) },
    levels: results,
    targets: {
      throughput3x: results.every((r) => r.throughputRatio >= 3),
      lowerP99: results.every((r) => r.lathe.p99Ms < r.anchor.p99Ms),
      p99Under10msAt8: at8 ? at8.lathe.p99Ms < 10 : false,
    },
  };
  writeReport('serve', report, serveMarkdown(report));
} finally {
  stopAll();
  await new Promise((r) => setTimeout(r, 300));
  home.cleanup();
}
