import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { METRIC_NAMES } from '../../shared/serving/index';
import { writeServingBundle } from '../../tests/helpers/serving-bundle';
import { startServer } from './start';
import { readLogLines } from './logs';

let tmp: string;
let url: string;
let stop: () => Promise<void>;
const TOKEN = 'test-token-123';
const row = { x1: 0.3, x2: -0.1, c: 'red' };

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lathe-serve-http-'));
  await writeServingBundle(path.join(tmp, 'v1'), { version: '1.0' });
  const s = await startServer({ stableDir: path.join(tmp, 'v1'), port: 0, token: TOKEN, logsDir: path.join(tmp, 'logs'), handleSignals: false, onListening: () => {} });
  url = s.http.url;
  stop = s.stop;
});
afterAll(async () => {
  await stop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const auth = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' };
const post = (route: string, body: string, headers: Record<string, string> = auth) => fetch(url + route, { method: 'POST', headers, body });

/** A raw request, for bodies fetch would not send as asked; resolves with the status whatever happens to the upload. */
function rawPost(route: string, size: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(url + route, { method: 'POST', headers: { ...auth, 'content-length': size } }, (res) => {
      res.resume();
      resolve(res.statusCode!);
    });
    req.on('error', reject);
    const chunk = Buffer.alloc(1024 * 1024, 'a');
    let sent = 0;
    const pump = () => {
      while (sent < size) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      req.end();
    };
    pump();
  });
}

async function stillServes(): Promise<void> {
  const r = await post('/predict', JSON.stringify({ rows: [row] }));
  expect(r.status).toBe(200);
  const body = (await r.json()) as { predictions: { prediction: string; version: string }[] };
  expect(['yes', 'no']).toContain(body.predictions[0].prediction);
}

describe('the model server over HTTP', () => {
  it('predicts with ids, versions and class probabilities, and takes feedback by id', async () => {
    const r = await post('/predict', JSON.stringify({ rows: [row, { ...row, x1: -0.9 }] }));
    expect(r.status).toBe(200);
    const { predictions } = (await r.json()) as { predictions: { id: string; version: string; prediction: string; probabilities: Record<string, number> }[] };
    expect(predictions).toHaveLength(2);
    expect(predictions[0].version).toBe('1.0');
    expect(Object.keys(predictions[0].probabilities).sort()).toEqual(['no', 'yes']);
    expect(predictions[0].probabilities.yes + predictions[0].probabilities.no).toBeCloseTo(1, 5);
    const f = await post('/feedback', JSON.stringify({ id: predictions[0].id, actual: 'yes' }));
    expect(await f.json()).toEqual({ accepted: 1, matched: 1 });
  });

  it('malformed JSON is 400 and the server keeps serving', async () => {
    const r = await post('/predict', '{"rows": [');
    expect(r.status).toBe(400);
    expect(((await r.json()) as { error: { code: string } }).error.code).toBe('bad_json');
    await stillServes();
  });

  it('a wrong field is 400 naming it', async () => {
    const r = await post('/predict', JSON.stringify({ rows: [row, { ...row, x2: 'abc' }] }));
    expect(r.status).toBe(400);
    const { error } = (await r.json()) as { error: { field: string; message: string } };
    expect(error.field).toBe('rows[1].x2');
    expect(error.message).toMatch(/rows\[1\]\.x2 must be a number/);
    const missing = await post('/predict', JSON.stringify({ rows: [{ x1: 1, c: 'red' }] }));
    expect(((await missing.json()) as { error: { field: string } }).error.field).toBe('rows[0].x2');
    const shape = await post('/predict', JSON.stringify({ row }));
    expect(shape.status).toBe(400);
    expect(((await shape.json()) as { error: { field: string } }).error.field).toBe('rows');
    await stillServes();
  });

  it('a 20 MB body is 413 and the server keeps serving', async () => {
    expect(await rawPost('/predict', 20 * 1024 * 1024)).toBe(413);
    await stillServes();
  });

  it('a wrong or missing token is 401 and the server keeps serving; /health needs none', async () => {
    expect((await post('/predict', JSON.stringify({ rows: [row] }), { authorization: 'Bearer nope', 'content-type': 'application/json' })).status).toBe(401);
    expect((await post('/predict', JSON.stringify({ rows: [row] }), { 'content-type': 'application/json' })).status).toBe(401);
    expect((await fetch(url + '/metrics')).status).toBe(401);
    const h = await fetch(url + '/health');
    expect(h.status).toBe(200);
    expect(((await h.json()) as { status: string; policy: string }).policy).toBe('single');
    await stillServes();
  });

  it('unknown routes are 404, wrong methods 405', async () => {
    expect((await fetch(url + '/nope', { headers: auth })).status).toBe(404);
    expect((await fetch(url + '/predict', { headers: auth })).status).toBe(405);
  });

  it('/metrics counts requests per version and status, errors, and a latency histogram', async () => {
    const text = await (await fetch(url + '/metrics', { headers: auth })).text();
    expect(text).toMatch(new RegExp(`^${METRIC_NAMES.requests}\\{version="1.0",role="stable",code="200"\\} \\d+`, 'm'));
    expect(text).toMatch(new RegExp(`^${METRIC_NAMES.latency}_bucket\\{version="1.0",role="stable",le="\\+Inf"\\} \\d+`, 'm'));
    expect(text).toMatch(new RegExp(`^${METRIC_NAMES.http}\\{code="400"\\} [1-9]`, 'm'));
    expect(text).toMatch(new RegExp(`^${METRIC_NAMES.http}\\{code="401"\\} [1-9]`, 'm'));
    expect(text).toMatch(new RegExp(`^${METRIC_NAMES.http}\\{code="413"\\} 1`, 'm'));
  });

  it('logs each answered row and each feedback line', async () => {
    const before = readLogLines(path.join(tmp, 'logs'), 'predictions').length;
    await stillServes();
    expect(readLogLines(path.join(tmp, 'logs'), 'predictions').length).toBe(before + 1);
    expect(readLogLines(path.join(tmp, 'logs'), 'feedback').length).toBeGreaterThanOrEqual(1);
  });
});
