import fs from 'node:fs';
import http from 'node:http';
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
  // One upload left behind two days ago, one from a minute ago.
  fs.mkdirSync(path.join(home.dir, 'uploads'));
  fs.writeFileSync(path.join(home.dir, 'uploads', 'old.csv'), 'a\n1\n');
  fs.utimesSync(path.join(home.dir, 'uploads', 'old.csv'), new Date(Date.now() - 48 * 3600e3), new Date(Date.now() - 48 * 3600e3));
  fs.writeFileSync(path.join(home.dir, 'uploads', 'recent.csv'), 'a\n1\n');
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

const invoke = (method: string, body: unknown, token: string | null = server.token, headers: Record<string, string> = {}) =>
  fetch(`${base}/api/invoke/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: typeof body === 'string' || body instanceof Uint8Array ? body : JSON.stringify(body),
  });

interface RawResponse {
  status: number | 'error';
  body: string;
  error?: string;
}

/**
 * A request over a plain socket, with headers fetch will not send (Host) and a body sent in
 * chunks (no Content-Length) when `chunks` is given. Resolves with the answer or the socket error.
 */
function raw(o: { port?: number; path: string; method?: string; headers?: Record<string, string>; body?: Buffer; chunks?: Buffer[] }): Promise<RawResponse> {
  return new Promise((resolve) => {
    const req = http.request(
      { host: '127.0.0.1', port: o.port ?? server.port, path: o.path, method: o.method ?? 'GET', headers: o.headers, agent: false },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode!, body }));
        res.on('error', (err) => resolve({ status: 'error', body, error: (err as NodeJS.ErrnoException).code ?? err.message }));
      },
    );
    req.on('error', (err) => resolve({ status: 'error', body: '', error: (err as NodeJS.ErrnoException).code ?? err.message }));
    if (o.chunks) {
      for (const c of o.chunks) req.write(c);
      req.end();
    } else req.end(o.body);
  });
}

const auth = () => ({ authorization: `Bearer ${server.token}` });
const uploadsIn = (dir: string) => (fs.existsSync(path.join(dir, 'uploads')) ? fs.readdirSync(path.join(dir, 'uploads')) : []);

async function until(check: () => boolean, ms = 5000): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 25));
  }
  return check();
}

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

  it('serves exported files only with the token, and none it did not export', async () => {
    const url = `${base}/api/export-file?path=${encodeURIComponent(path.join(home.dir, 'secret.txt'))}`;
    expect((await fetch(url)).status).toBe(401);
    const res = await fetch(url, { headers: { authorization: `Bearer ${server.token}` } });
    expect(res.status).toBe(404);
    expect((await json(res)).error.code).toBe('not_found');
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

  it('answers a body over 8 MB with 413 and the JSON error, instead of resetting the connection', async () => {
    const big = new Uint8Array(9 * 1024 * 1024).fill(32);
    const res = await invoke('app.info', big);
    expect(res.status).toBe(413);
    const body = await json(res);
    expect(body).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(body.error.message).toMatch(/larger than 8 MiB/);
    // Without a Content-Length (chunked), the limit is found while reading.
    const chunked = await raw({ path: '/api/invoke/app.info', method: 'POST', headers: auth(), chunks: Array.from({ length: 9 }, () => Buffer.alloc(1024 * 1024, 32)) });
    expect(chunked.status).toBe(413);
    expect(JSON.parse(chunked.body).error.code).toBe('bad_request');
    // The server still answers afterwards.
    expect((await invoke('app.info', {})).status).toBe(200);
  });

  it('refuses ids that are patterns or huge before they reach the database', async () => {
    for (const id of ['%', '_', 'x'.repeat(50_000)]) {
      for (const method of ['runs.get', 'runs.delete', 'sweeps.get']) {
        const res = await invoke(method, { id });
        expect(res.status, `${method} ${id.slice(0, 5)}`).toBe(400);
        expect((await json(res)).error).toMatchObject({ code: 'bad_request', details: { field: 'id' } });
      }
    }
  });

  it('removes uploads older than a day when it starts, and keeps recent ones', () => {
    expect(uploadsIn(home.dir)).toEqual(['recent.csv']);
  });

  it('refuses a Host header that names another server (DNS rebinding), with 403', async () => {
    for (const host of ['evil.example', `evil.example:${server.port}`, `127.0.0.1.nip.io:${server.port}`, `127.0.0.1:${server.port + 1}`]) {
      expect((await raw({ path: '/', headers: { host } })).status, host).toBe(403);
      const api = await raw({ path: '/api/invoke/app.info', method: 'POST', headers: { host, ...auth() }, body: Buffer.from('{}') });
      expect(api.status, host).toBe(403);
      expect(JSON.parse(api.body).error.code).toBe('unauthorized');
    }
    for (const host of [`127.0.0.1:${server.port}`, `localhost:${server.port}`, `LOCALHOST:${server.port}`, `[::1]:${server.port}`]) {
      expect((await raw({ path: '/', headers: { host } })).status, host).toBe(200);
      expect((await raw({ path: '/api/invoke/app.info', method: 'POST', headers: { host, ...auth() }, body: Buffer.from('{}') })).status, host).toBe(200);
    }
  });

  it('refuses API calls from a page of another origin, and takes its own', async () => {
    for (const origin of ['http://evil.example', `http://localhost:${server.port + 1}`, 'null', `https://127.0.0.1:${server.port}`]) {
      const res = await invoke('app.info', {}, server.token, { origin });
      expect(res.status, origin).toBe(403);
      expect((await json(res)).error.code).toBe('unauthorized');
    }
    expect((await invoke('app.info', {}, server.token, { origin: `http://127.0.0.1:${server.port}` })).status).toBe(200);
    expect((await raw({ path: '/api/invoke/app.info', method: 'POST', headers: { host: `localhost:${server.port}`, origin: `http://localhost:${server.port}`, ...auth() }, body: Buffer.from('{}') })).status).toBe(200);
  });

  it('refuses a WebSocket upgrade from a foreign origin or for a foreign host, even with the token', async () => {
    const status = (opts: WebSocket.ClientOptions) =>
      new Promise<string>((r) => {
        const ws = new WebSocket(`ws://127.0.0.1:${server.port}/api/events?token=${server.token}`, opts);
        ws.on('open', () => {
          ws.close();
          r('open');
        });
        ws.on('unexpected-response', (_req, res) => r(String(res.statusCode)));
        ws.on('error', () => r('error'));
      });
    expect(await status({ origin: 'http://evil.example' })).toBe('403');
    expect(await status({ headers: { host: 'evil.example' } })).toBe('403');
    expect(await status({ origin: `http://127.0.0.1:${server.port}` })).toBe('open');
  });

  it('sends a CSP whose connect-src allows only this server', async () => {
    const csp = (await fetch(`${base}/`)).headers.get('content-security-policy')!;
    const connect = /connect-src ([^;]+)/.exec(csp)![1].trim().split(/\s+/);
    expect(connect).toEqual(["'self'", `ws://127.0.0.1:${server.port}`]);
    const viaLocalhost = await new Promise<string>((r) =>
      http.get({ host: '127.0.0.1', port: server.port, path: '/', headers: { host: `localhost:${server.port}` }, agent: false }, (res) => {
        res.resume();
        r(String(res.headers['content-security-policy']));
      }),
    );
    expect(viaLocalhost).toContain(`connect-src 'self' ws://localhost:${server.port};`);
  });
});

describe('browser mode uploads', () => {
  let small: RunningServer;
  const LIMIT = 1024 * 1024;

  beforeAll(async () => {
    // The same data folder, a smaller limit.
    small = await startServer({ core, staticRoot: path.join(home.dir, 'static'), port: 0, maxUploadBytes: LIMIT });
  });

  afterAll(async () => {
    await small.close();
  });

  const upload = (body: Buffer | Buffer[], name = 'data.csv') =>
    raw({
      port: small.port,
      path: `/api/upload?name=${name}`,
      method: 'POST',
      headers: { authorization: `Bearer ${small.token}` },
      ...(Array.isArray(body) ? { chunks: body } : { body }),
    });

  it('saves an upload within the limit', async () => {
    const res = await upload(Buffer.from('a,b\n1,2\n'));
    expect(res.status).toBe(200);
    const saved = JSON.parse(res.body).data.path as string;
    expect(fs.readFileSync(saved, 'utf8')).toBe('a,b\n1,2\n');
    fs.rmSync(saved);
  });

  it('answers an upload over the limit with 413 and keeps nothing of it', async () => {
    const before = uploadsIn(home.dir);
    const declared = await upload(Buffer.alloc(LIMIT + 1, 97));
    expect(declared.status).toBe(413);
    expect(JSON.parse(declared.body)).toMatchObject({ ok: false, error: { code: 'bad_request', details: { limit: LIMIT } } });
    // Chunked: the limit is found while writing, and the partial file is removed.
    const streamed = await upload(Array.from({ length: 3 }, () => Buffer.alloc(LIMIT / 2, 97)));
    expect(streamed.status).toBe(413);
    expect(await until(() => uploadsIn(home.dir).length === before.length)).toBe(true);
    expect(uploadsIn(home.dir)).toEqual(before);
  });

  it('removes the partial file of an upload broken off midway', async () => {
    const before = uploadsIn(home.dir);
    const req = http.request({
      host: '127.0.0.1', port: small.port, path: '/api/upload?name=broken.csv', method: 'POST', agent: false,
      headers: { authorization: `Bearer ${small.token}`, 'content-length': String(LIMIT) },
    });
    req.on('error', () => {});
    req.write(Buffer.alloc(64 * 1024, 97));
    expect(await until(() => uploadsIn(home.dir).some((f) => f.endsWith('broken.csv')))).toBe(true);
    req.destroy();
    expect(await until(() => !uploadsIn(home.dir).some((f) => f.endsWith('broken.csv')))).toBe(true);
    expect(uploadsIn(home.dir)).toEqual(before);
  });
});

