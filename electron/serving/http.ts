/**
 * The HTTP face of the server: POST /predict, POST /feedback, GET /health, GET /metrics. Thin: read the body within
 * its limits, check the token, validate, call the core, answer JSON. Every refusal names what was wrong.
 */
import http from 'node:http';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { z } from 'zod';
import { feedbackRequestSchema, predictRequestSchema, SERVER_DEFAULTS } from '../../shared/serving/index';
import type { ServingCore } from './core';
import { ServingError } from './errors';

export interface HttpOptions {
  host: string;
  port: number;
  token?: string | null;
  maxBodyBytes?: number;
  requestTimeoutMs?: number;
}

const digest = (s: string) => createHash('sha256').update(s).digest();

function authorized(req: http.IncomingMessage, token: string | null | undefined): boolean {
  if (!token) return true;
  const got = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
  return timingSafeEqual(digest(got), digest(token));
}

function readBody(req: http.IncomingMessage, max: number): Promise<string> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > max) return Promise.reject(tooLarge(max));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > max) {
        req.removeAllListeners('data');
        req.resume();
        reject(tooLarge(max));
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

const tooLarge = (max: number) => new ServingError(413, 'too_large', `request body over ${max} bytes`);

function parse<T extends z.ZodType>(schema: T, text: string): z.output<T> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new ServingError(400, 'bad_json', `the body is not JSON: ${(err as Error).message}`);
  }
  const r = schema.safeParse(raw);
  if (!r.success) {
    const issue = r.error.issues[0];
    const field = issue.path.length ? issue.path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`)).join('') : '(body)';
    throw new ServingError(400, 'bad_request', `${field}: ${issue.message}`, field);
  }
  return r.data;
}

function send(res: http.ServerResponse, status: number, body: unknown, type = 'application/json'): void {
  const text = type === 'application/json' ? JSON.stringify(body) : String(body);
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store' });
  res.end(text);
}

export interface RunningServer {
  url: string;
  server: http.Server;
  /** Stops accepting, lets requests in flight finish (up to `drainMs`), then resolves. */
  close(drainMs?: number): Promise<void>;
}

export async function listen(core: ServingCore, o: HttpOptions): Promise<RunningServer> {
  const max = o.maxBodyBytes ?? SERVER_DEFAULTS.maxBodyBytes;
  let inFlight = 0;
  let idle: (() => void) | null = null;
  const server = http.createServer(async (req, res) => {
    inFlight++;
    let status = 500;
    try {
      const url = new URL(req.url ?? '/', 'http://x');
      const route = `${req.method} ${url.pathname}`;
      if (url.pathname === '/health' && req.method === 'GET') return void send(res, (status = core.draining ? 503 : 200), core.health());
      if (!['/predict', '/feedback', '/metrics', '/health'].includes(url.pathname)) throw new ServingError(404, 'not_found', `no route ${url.pathname}`);
      if (!authorized(req, o.token)) throw new ServingError(401, 'unauthorized', 'a valid "Authorization: Bearer TOKEN" header is required');
      if (core.draining) throw new ServingError(503, 'draining', 'the server is shutting down');
      if (route === 'GET /metrics') return void send(res, (status = 200), core.metrics.render(), 'text/plain; version=0.0.4');
      if (route === 'POST /predict') {
        const body = parse(predictRequestSchema, await readBody(req, max));
        const predictions = await core.predict(body.rows, req.headers);
        return void send(res, (status = 200), { predictions });
      }
      if (route === 'POST /feedback') {
        const body = parse(feedbackRequestSchema, await readBody(req, max));
        return void send(res, (status = 200), core.feedback('feedback' in body ? body.feedback : [body]));
      }
      throw new ServingError(405, 'method_not_allowed', `${req.method} is not allowed on ${url.pathname}`);
    } catch (err) {
      const e = err instanceof ServingError ? err : new ServingError(500, 'internal', (err as Error)?.message ?? String(err));
      status = e.status;
      // Past a refused body the connection is closed, so the rest of a huge upload is never read.
      if (e.status === 413) res.setHeader('connection', 'close');
      send(res, e.status, { error: { code: e.code, message: e.message, ...(e.field ? { field: e.field } : {}) } });
    } finally {
      core.metrics.http.add({ code: String(status) });
      if (--inFlight === 0) idle?.();
    }
  });
  server.requestTimeout = o.requestTimeoutMs ?? SERVER_DEFAULTS.requestTimeoutMs;
  server.headersTimeout = Math.min(server.requestTimeout, 60_000);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.host, () => resolve());
  });
  const addr = server.address() as AddressInfo;
  const host = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  return {
    url: `http://${host}:${addr.port}`,
    server,
    async close(drainMs = SERVER_DEFAULTS.drainMs) {
      core.draining = true;
      const closed = new Promise<void>((r) => server.close(() => r()));
      server.closeIdleConnections();
      const drained = inFlight === 0 ? Promise.resolve() : new Promise<void>((r) => (idle = r));
      await Promise.race([drained, new Promise((r) => setTimeout(r, drainMs).unref())]);
      server.closeAllConnections();
      await closed;
    },
  };
}
