/**
 * HTTP fuzzer over every method of the contract against `lathe serve` on 127.0.0.1. Counts 5xx
 * answers (a 503 `busy` is fine), requests without an answer, refused requests that got through,
 * and server deaths; afterwards the server must stop cleanly and leave a whole database.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE_SEED, excerpt, FULL, killStragglers, preflight, rng, seedFor, size, sleep, tempDir } from './harness';
import { checkDatabase, leftRunning } from './checks';
import { copyHome, fixture as loadFixture, regressionCsv, type Fixture } from './fixture';
import { api, isBad5xx, request, serve, staticRoot, type Served } from './server';
import { contractMethods, nextRequest, untemplated, type FuzzRequest, type Known } from './http-requests';
import { bump, newFigures, record, type Figures } from './summary';

const SEED = seedFor('http-fuzz');
const REQUESTS = size(300, 3000);
const IN_FLIGHT = 4;
const TIMEOUT_MS = 60_000;

let root: ReturnType<typeof tempDir>;
let fixture: Fixture;
beforeAll(async () => {
  await preflight();
  root = tempDir('http');
  fixture = await loadFixture();
}, 240_000);
afterAll(() => {
  killStragglers();
  root?.cleanup();
});

/** Cancels what the fuzz started (machine checks of 600 s, sweeps of 500 trials), so the machine stays usable. */
async function cancelActive(s: Served): Promise<number> {
  const jobs = await api<{ id: string }[]>(s, 'jobs.list', { status: ['queued', 'running'], limit: 1000 });
  for (const j of jobs.data ?? []) await api(s, 'jobs.cancel', { id: j.id });
  const sweeps = await api<{ id: string; status: string }[]>(s, 'sweeps.list', {});
  for (const sw of (sweeps.data ?? []).filter((x) => x.status === 'running')) await api(s, 'sweeps.cancel', { id: sw.id });
  return jobs.data?.length ?? 0;
}

async function prepare(s: Served, dir: string): Promise<Known> {
  fs.mkdirSync(path.join(dir, 'inputs'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'inputs', 'in.csv'), regressionCsv(rng(SEED), 50));
  fs.copyFileSync(path.join(fixture.exportDir, 'model.onnx'), path.join(dir, 'inputs', 'model.onnx'));
  const scratch = await api<{ jobId: string }>(s, 'datasets.import', { path: 'inputs/in.csv', name: 'scratch' });
  const until = Date.now() + 120_000;
  let scratchId = '';
  while (!scratchId && Date.now() < until) {
    const job = await api<{ status: string; result: { id: string } | null }>(s, 'jobs.get', { id: scratch.data!.jobId });
    if (job.data?.status === 'succeeded') scratchId = job.data.result!.id;
    else if (job.data && !['queued', 'running'].includes(job.data.status)) throw new Error(`scratch import ${job.data.status}`);
    else await sleep(200);
  }
  const datasets = (await api<{ id: string; name: string }[]>(s, 'datasets.list', {})).data!;
  const jobs = (await api<{ id: string }[]>(s, 'jobs.list', { limit: 5 })).data!;
  const samples = (await api<{ id: string }[]>(s, 'datasets.samples', {})).data ?? [];
  return {
    datasetId: datasets.find((d) => d.name === fixture.dataset)!.id,
    scratchId,
    runIds: fixture.runIds,
    jobId: jobs[jobs.length - 1].id,
    model: fixture.model,
    versions: fixture.versions,
    sampleIds: samples.length ? samples.map((x) => x.id) : ['none'],
    inputCsv: 'inputs/in.csv',
    inputOnnx: 'inputs/model.onnx',
  };
}

/**
 * Ids and names are matched exactly (a short id is a prefix of hex digits), never as LIKE
 * patterns: wildcard references must find nothing, even where a pattern would match the fixture.
 */
async function probeWildcards(s: Served, k: Known, f: Figures): Promise<void> {
  const patterns = ['%', '_', '%%', 'f%', 'f_', '__', 'fx%', 'fxbi_', '%x%'];
  const probes: [string, Record<string, unknown>][] = [];
  for (const p of patterns) {
    probes.push(['datasets.get', { id: p }], ['models.get', { name: p }], ['explorer.schema', { model: `${p}@1.0.0` }], ['explorer.schema', { model: `${k.model}@${p}` }]);
    probes.push(['runs.start', { dataset: p, target: 'y', family: 'linear' }], ['datasets.importSample', { id: p }], ['runs.list', { datasetId: p }]);
  }
  probes.push(['runs.get', { id: k.runIds[0].slice(0, 7) + '%' }], ['datasets.get', { id: k.datasetId.slice(0, 8) + '_' }]);
  for (const [method, args] of probes) {
    const a = await api<{ jobId?: string }>(s, method, args);
    f.requests++;
    bump(f, 'wildcard probes');
    if (a.status === 200 && !(method === 'runs.list' && Array.isArray(a.data) && a.data.length === 0)) {
      f.anomalies.push({ kind: 'wildcard', detail: `${method} ${JSON.stringify(args)} was answered 200: ${excerpt(a.raw.body, 200)}`, repro: `POST /api/invoke/${method} ${JSON.stringify(args)} (with the token) on a folder holding datasets fx and fxbig and model fxm` });
      if (a.data?.jobId) await api(s, 'jobs.cancel', { id: a.data.jobId });
    } else if (isBad5xx(a.raw, method)) {
      f.http5xx++;
      f.anomalies.push({ kind: '5xx', detail: `${method} ${JSON.stringify(args)} answered ${a.status}: ${excerpt(a.raw.body, 300)}`, repro: `POST /api/invoke/${method} ${JSON.stringify(args)}` });
    }
  }
}

function describeRequest(q: FuzzRequest): string {
  const body = Buffer.isBuffer(q.body) ? `<${q.body.length} bytes>` : excerpt(q.body, 400);
  const hdr = Object.entries(q.headers).map(([k, v]) => `${k}: ${k === 'authorization' ? v.replace(/[A-Za-z0-9_-]{20,}/, 'TOKEN') : excerpt(v, 60)}`).join('; ');
  return `${q.httpMethod} ${excerpt(q.path, 120)} [${hdr}] body ${body}`;
}

async function fuzz(f: Figures, dir: string): Promise<void> {
  const home = copyHome(fixture, path.join(dir, 'home'));
  const opts = { cwd: dir, staticDir: staticRoot(dir) };
  let server = await serve(home, opts);
  const known = await prepare(server, dir);
  await probeWildcards(server, known, f);
  const r = rng(SEED);
  const big = { left: size(1, 5) };
  const repro = (i: number, q: FuzzRequest) => `LATHE_RELIABILITY_SEED=${BASE_SEED} request ${i} (${q.label}): ${describeRequest(q)}`;
  let next = 0;
  let restarts = 0;

  const one = async (i: number, q: FuzzRequest) => {
    const a = await request(server.port, { method: q.httpMethod, path: q.path, headers: q.headers, body: q.body, timeoutMs: TIMEOUT_MS });
    f.requests++;
    bump(f, `status ${a.status ?? 'none'}${a.status === 503 ? ` ${/"code":"(\w+)"/.exec(a.body)?.[1] ?? ''}` : ''}`);
    if (a.error && a.status === null) {
      // A refused oversized body may be cut after its answer; anything else must be answered.
      if (!(q.label === 'over 8 MiB' && /EPIPE|ECONNRESET/.test(a.error))) f.anomalies.push({ kind: 'no-answer', detail: `${q.method ?? q.path.slice(0, 60)}: ${a.error}`, repro: repro(i, q) });
    } else if (isBad5xx(a, q.method)) {
      f.http5xx++;
      f.anomalies.push({ kind: '5xx', detail: `${q.method ?? q.path.slice(0, 60)} answered ${a.status}: ${excerpt(a.body, 300)}`, repro: repro(i, q) });
    }
    if (q.mustRefuse && a.status !== null && a.status < 400) f.anomalies.push({ kind: 'auth', detail: `a ${q.label} request was answered ${a.status}`, repro: repro(i, q) });
  };

  while (next < REQUESTS) {
    const batch: Promise<void>[] = [];
    const sent: [number, FuzzRequest][] = [];
    for (let k = 0; k < IN_FLIGHT && next < REQUESTS; k++, next++) {
      const q = nextRequest(r, known, server.port, server.token, big);
      sent.push([next, q]);
      batch.push(one(next, q));
    }
    await Promise.all(batch);
    if (!server.alive()) {
      f.crashes++;
      f.anomalies.push({ kind: 'crash', detail: `lathe serve died: ${excerpt(server.cli.output().stderr.slice(-800), 600)}`, repro: sent.map(([i, q]) => repro(i, q)).join('\n      ') });
      if (++restarts > 3) break;
      server = await serve(home, opts);
    }
    if (next % 40 === 0) {
      if (!fs.existsSync(path.join(dir, known.inputCsv))) fs.writeFileSync(path.join(dir, known.inputCsv), regressionCsv(rng(SEED), 50));
      bump(f, 'jobs cancelled by the harness', await cancelActive(server));
    }
  }
  // Wind down: cancel what is left and let it end (bounded), then stop as a user would.
  for (let t = 0; t < 60 && server.alive(); t++) {
    if ((await cancelActive(server)) === 0) break;
    await sleep(1000);
  }
  const stopped = await server.stop();
  if (!stopped.stoppedCleanly) f.anomalies.push({ kind: 'server-stop', detail: `lathe serve did not stop cleanly on SIGTERM (code ${stopped.code}, signal ${stopped.signal}): ${excerpt(stopped.stderr.slice(-500))}`, repro: `LATHE_RELIABILITY_SEED=${BASE_SEED} after the whole fuzz` });
  for (const p of checkDatabase(home).problems) f.anomalies.push({ kind: 'integrity', detail: p, repro: `LATHE_RELIABILITY_SEED=${BASE_SEED} after the whole fuzz` });
  for (const p of leftRunning(home)) f.anomalies.push({ kind: 'left-running', detail: p, repro: `LATHE_RELIABILITY_SEED=${BASE_SEED} after the whole fuzz` });
}

describe('HTTP fuzzer over every method of the contract', () => {
  it('knows a valid request for every method', () => {
    expect(contractMethods.length).toBeGreaterThan(30);
    expect(untemplated).toEqual([]);
  });

  it(
    `answers ${REQUESTS} malformed requests without a 5xx or a crash`,
    async () => {
      const t0 = Date.now();
      const f = newFigures('http-fuzz', SEED);
      const dir = path.join(root.dir, 'fuzz');
      fs.mkdirSync(dir);
      await fuzz(f, dir);
      f.seconds = (Date.now() - t0) / 1000;
      record(f);
      expect(f.crashes).toBe(0);
      expect(f.anomalies).toEqual([]);
    },
    FULL ? 3_600_000 : 240_000,
  );
});
