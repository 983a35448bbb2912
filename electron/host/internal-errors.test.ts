import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from './core';
import { startServer, type RunningServer } from './server/http-server';
import { tempHome } from '../../tests/helpers/temp-home';
import { importFile } from '../../tests/helpers/core-fixture';
import { LOG_FILE } from '../data/log';

let core: Core;
let server: RunningServer;
let home: ReturnType<typeof tempHome>;
let runId: string;

beforeAll(async () => {
  home = tempHome();
  const staticRoot = path.join(home.dir, 'static');
  fs.mkdirSync(staticRoot, { recursive: true });
  fs.writeFileSync(path.join(staticRoot, 'index.html'), '<!doctype html><title>Lathe</title>');
  const csv = path.join(home.dir, 'small.csv');
  fs.writeFileSync(csv, `x,y\n${Array.from({ length: 200 }, (_, i) => `${i},${(i * 7) % 13}.5`).join('\n')}\n`);
  core = createCore({ home: home.dir, host: 'browser' });
  const ds = await importFile(core, { path: csv });
  const started = await core.call('runs.start', { dataset: ds.id, target: 'y', family: 'linear' });
  runId = (await core.jobResult('runs.train', started.jobId)).runId;
  server = await startServer({ core, staticRoot, port: 0 });
});

afterAll(async () => {
  await server.close();
  await core.close();
  home.cleanup();
});

interface Reply {
  ok: boolean;
  error: { code: string; message: string; details?: unknown };
}

const invoke = (method: string, body: unknown) =>
  fetch(`http://127.0.0.1:${server.port}/api/invoke/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${server.token}` },
    body: JSON.stringify(body),
  });

describe('an unexpected failure inside a task', () => {
  it('answers 500 internal with a short message, and lathe.log keeps the job, the kind and the stack', async () => {
    // A stored model the exporter cannot read: the worker fails with a plain TypeError, not a user error.
    const row = core.ctx.db.prepare("SELECT data FROM artifacts WHERE run_id = ? AND kind = 'model'").get(runId) as { data: Buffer };
    const artifact = JSON.parse(row.data.toString('utf8'));
    artifact.pipeline = null;
    core.ctx.db.prepare("UPDATE artifacts SET data = ? WHERE run_id = ? AND kind = 'model'").run(Buffer.from(JSON.stringify(artifact)), runId);
    const res = await invoke('models.export', { model: runId, outDir: path.join(home.dir, 'out') });
    const body: Reply = JSON.parse(await res.text());
    expect({ status: res.status, code: body.error.code }).toEqual({ status: 500, code: 'internal' });
    expect(body.ok).toBe(false);
    expect(body.error.code).toBe('internal');
    expect(body.error.message).not.toMatch(/\n\s+at /);
    const log = fs.readFileSync(path.join(home.dir, LOG_FILE), 'utf8');
    expect(log).toMatch(/ERROR .*job failed: .* jobId=[0-9a-f-]{36} kind=models\.export/);
    // The worker's stack crossed to the host and was written under the line.
    expect(log).toMatch(/\n {4}TypeError: [^\n]+\n\s+at [\s\S]*\bat exportOnnx /);
    expect(body.error.message).toMatch(/details in lathe\.log/);
  });

  it('a user mistake stays a 4xx and is not logged as an error', async () => {
    const before = fs.existsSync(path.join(home.dir, LOG_FILE)) ? fs.readFileSync(path.join(home.dir, LOG_FILE), 'utf8') : '';
    const res = await invoke('runs.start', { dataset: 'small', target: 'nope' });
    expect(res.status).toBe(400);
    const reply: Reply = JSON.parse(await res.text());
    expect(reply.error).toMatchObject({ code: 'bad_request', details: { field: 'target' } });
    const after = fs.existsSync(path.join(home.dir, LOG_FILE)) ? fs.readFileSync(path.join(home.dir, LOG_FILE), 'utf8') : '';
    expect(after.slice(before.length)).not.toMatch(/ERROR/);
  });
});
