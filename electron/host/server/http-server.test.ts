import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createCore, type Core } from '../core';
import { startServer, type RunningServer } from './http-server';
import { tempHome } from '../../../tests/helpers/temp-home';

let core: Core;
let server: RunningServer;
let home: ReturnType<typeof tempHome>;
let base: string;

beforeAll(async () => {
  home = tempHome();
  const staticRoot = path.join(home.dir, 'static');
  fs.mkdirSync(path.join(staticRoot, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(staticRoot, 'index.html'), '<!doctype html><title>Lathe</title>');
  fs.writeFileSync(path.join(staticRoot, 'assets', 'app.js'), 'console.log(1)');
  fs.writeFileSync(path.join(home.dir, 'secret.txt'), 'do not serve');
  core = createCore({ home: home.dir, host: 'browser' });
  server = await startServer({ core, staticRoot, port: 0 });
  base = `http://127.0.0.1:${server.port}`;
});

afterAll(async () => {
  await server.close();
  await core.close();
  home.cleanup();
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
const json = async (r: Response): Promise<Json> => r.json();

const invoke = (method: string, body: unknown, token: string | null = server.token) =>
  fetch(`${base}/api/invoke/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

describe('browser mode server', () => {
  it('binds loopback and prints a URL carrying the token', () => {
    expect(server.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${server.port}/\\?token=[A-Za-z0-9_-]{20,}$`));
  });

  it('answers API calls with the token', async () => {
    const res = await invoke('app.info', {});
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body.ok).toBe(true);
    expect(body.data.home).toBe(home.dir);
    expect(body.data.host).toBe('browser');
  });

  it('refuses calls without or with a wrong token (401)', async () => {
    expect((await invoke('app.info', {}, null)).status).toBe(401);
    expect((await invoke('app.info', {}, 'x'.repeat(32))).status).toBe(401);
    const body = await json(await invoke('app.info', {}, null));
    expect(body.error.code).toBe('unauthorized');
  });

  it('answers a malformed call with 400 naming the field', async () => {
    const res = await invoke('system.machineCheck', { seconds: 'soon' });
    expect(res.status).toBe(400);
    const body = await json(res);
    expect(body).toMatchObject({ ok: false, error: { code: 'bad_request', details: { field: 'seconds' } } });
    expect(body.error.message).toContain("'seconds'");
  });

  it('answers invalid JSON with 400 and an unknown method with 404', async () => {
    expect((await invoke('app.info', '{not json')).status).toBe(400);
    const res = await invoke('no.such', {});
    expect(res.status).toBe(404);
    expect((await json(res)).error.code).toBe('unknown_method');
  });

  it('serves the app with a CSP and never files outside its root', async () => {
    const index = await fetch(`${base}/`);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect((await fetch(`${base}/assets/app.js`)).headers.get('content-type')).toContain('javascript');
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt']) {
      const res = await fetch(`${base}${p}`);
      expect(await res.text()).not.toContain('do not serve');
    }
    expect((await fetch(`${base}/assets/missing.js`)).status).toBe(404);
  });

  it('pushes job events over the WebSocket, only with the token', async () => {
    const denied = new WebSocket(`ws://127.0.0.1:${server.port}/api/events?token=wrong`);
    const deniedCode = await new Promise<string>((r) => {
      denied.on('unexpected-response', (_req, res) => r(String(res.statusCode)));
      denied.on('error', () => r('error'));
    });
    expect(deniedCode).toBe('401');

    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/api/events?token=${server.token}`);
    await new Promise((r) => ws.on('open', r));
    const events: string[] = [];
    const ended = new Promise<void>((resolve) =>
      ws.on('message', (m) => {
        const env = JSON.parse(String(m));
        events.push(env.event);
        if (env.event === 'job.ended') resolve();
      }),
    );
    const res = await json(await invoke('system.machineCheck', { seconds: 0.6 }));
    expect(res.data.jobId).toMatch(/[0-9a-f-]{36}/);
    await ended;
    ws.close();
    expect(events[0]).toBe('job.started');
    expect(events).toContain('job.progress');
  });
});
