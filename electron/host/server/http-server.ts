import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { httpStatusOf, type ApiResult } from '../../../shared/api/errors';
import type { Core } from '../core';
import { contentType, isFile, resolveStatic } from './static-files';
import { ExportDownloads } from './export-downloads';
import { DEFAULT_MAX_UPLOAD_BYTES, DEFAULT_UPLOAD_MAX_AGE_MS, formatBytes, removeStaleUploads, saveUpload, UploadTooLargeError } from './uploads';

export interface ServeOptions {
  core: Core;
  host?: string;
  port?: number;
  /** The built renderer (out/renderer). */
  staticRoot: string;
  token?: string;
  /** Largest body of an API call; default 8 MiB. Larger ones are answered 413. */
  maxBodyBytes?: number;
  /** Largest file `/api/upload` takes; default 2 GiB. Larger ones are answered 413 and nothing is kept. */
  maxUploadBytes?: number;
  /** Uploads older than this are removed when the server starts; default 24 hours. */
  uploadMaxAgeMs?: number;
  /**
   * More names this server answers to (`name` or `name:port`), besides 127.0.0.1, localhost,
   * [::1] and the bound address. Any other Host header is refused (DNS rebinding).
   */
  allowedHosts?: string[];
}

export interface RunningServer {
  url: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

const MAX_BODY = 8 * 1024 * 1024;
/** How long a refused request may keep sending (its bytes discarded) before its connection is cut. */
const LINGER_MS = 10_000;

/**
 * The page's policy. Events come over a WebSocket to this same server: `'self'` covers it in
 * CSP 3 browsers, and the explicit `ws://HOST` (the request's already checked Host) covers the rest.
 */
export function browserModeCsp(host: string): string {
  return (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
    `connect-src 'self' ws://${host}; worker-src 'self' blob:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'`
  );
}

const WILDCARD = new Set(['0.0.0.0', '::', '[::]', '']);

/** `host:port` strings (lower-case) a request may name in its Host header. */
export function allowedHosts(bindHost: string, port: number, extra: string[] = []): Set<string> {
  const bracket = (h: string) => (h.includes(':') && !h.startsWith('[') ? `[${h}]` : h);
  const names = new Set(['127.0.0.1', 'localhost', '[::1]', bracket(bindHost)]);
  if (WILDCARD.has(bindHost)) {
    // Bound to every interface: the machine's own addresses name it too.
    for (const list of Object.values(os.networkInterfaces())) for (const a of list ?? []) names.add(bracket(a.address.split('%')[0]));
  }
  const out = new Set<string>();
  const add = (name: string) => {
    const n = name.trim().toLowerCase();
    if (!n) return;
    if (/^\[[^\]]+\]:\d+$/.test(n) || /^[^:[\]]+:\d+$/.test(n)) out.add(n);
    else {
      out.add(`${bracket(n)}:${port}`);
      if (port === 80) out.add(bracket(n));
    }
  };
  for (const n of names) add(n);
  for (const n of extra) add(n);
  return out;
}

/** Browser mode: the built renderer plus the same handlers over HTTP, and push events over WebSocket. */
export async function startServer(o: ServeOptions): Promise<RunningServer> {
  const token = o.token ?? randomBytes(24).toString('base64url');
  const host = o.host ?? '127.0.0.1';
  const maxBody = o.maxBodyBytes ?? MAX_BODY;
  const maxUpload = o.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES;
  const exported = new ExportDownloads();
  removeStaleUploads(o.core.ctx.home, o.uploadMaxAgeMs ?? DEFAULT_UPLOAD_MAX_AGE_MS);
  const tokenOk = (candidate: string | null | undefined) => {
    if (!candidate) return false;
    const a = Buffer.from(candidate);
    const b = Buffer.from(token);
    return a.length === b.length && timingSafeEqual(a, b);
  };
  // Filled in as soon as the port is known, before any request can arrive.
  let hosts = new Set<string>();
  /** The request's Host when it names this server, else null (a rebound DNS name, a missing header). */
  const knownHost = (req: http.IncomingMessage): string | null => {
    const h = req.headers.host?.trim().toLowerCase();
    return h && hosts.has(h) ? h : null;
  };
  /** A page of another origin may not call in; requests without Origin (the CLI, curl) may. */
  const originOk = (req: http.IncomingMessage, reqHost: string) => {
    const origin = req.headers.origin;
    return origin === undefined || origin.toLowerCase() === `http://${reqHost}`;
  };

  const server = http.createServer((req, res) => {
    const reqHost = knownHost(req);
    if (!reqHost) {
      return sendJson(res, 403, { ok: false, error: { code: 'unauthorized', message: 'This server answers only to its own address (the Host header names another).' } });
    }
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname.startsWith('/api/')) {
      if (!originOk(req, reqHost)) {
        return sendJson(res, 403, { ok: false, error: { code: 'unauthorized', message: 'Calls from another origin are refused.' } });
      }
      void handleApi(req, res, url).catch((err: unknown) => {
        if (!res.headersSent) sendJson(res, 500, { ok: false, error: { code: 'internal', message: (err as Error).message } });
        else res.destroy();
      });
      return;
    }
    serveStatic(req, res, url.pathname, reqHost);
  });

  async function handleApi(req: http.IncomingMessage, res: http.ServerResponse, url: URL) {
    const presented = bearer(req.headers.authorization) ?? header(req.headers['x-lathe-token']);
    if (!tokenOk(presented)) {
      return sendJson(res, 401, { ok: false, error: { code: 'unauthorized', message: 'Missing or wrong token: open the URL printed by `lathe serve`.' } });
    }
    if (url.pathname === '/api/upload' && req.method === 'POST') {
      try {
        const saved = await saveUpload(req, o.core.ctx.home, url.searchParams.get('name') ?? 'upload', maxUpload);
        return sendJson(res, 200, { ok: true, data: { path: saved } });
      } catch (err) {
        if (err instanceof UploadTooLargeError) return refuseBody(req, 413, { ok: false, error: { code: 'bad_request', message: err.message, details: { limit: maxUpload } } });
        if (req.destroyed || !req.complete) return refuseBody(req, 400, { ok: false, error: { code: 'bad_request', message: `Upload failed: ${(err as Error).message}` } });
        return sendJson(res, 500, { ok: false, error: { code: 'internal', message: `Upload failed: ${(err as Error).message}` } });
      }
    }
    // The files of a bundle this server exported, for the page to offer as downloads.
    if (url.pathname === '/api/export-file' && req.method === 'GET') return exported.serve(res, url.searchParams.get('path'));
    const match = /^\/api\/invoke\/([A-Za-z0-9_.-]+)$/.exec(url.pathname);
    if (!match || req.method !== 'POST') {
      return sendJson(res, 404, { ok: false, error: { code: 'not_found', message: `No API route ${req.method} ${url.pathname}` } });
    }
    const body = await readBody(req, maxBody);
    if (body === null) {
      return refuseBody(req, 413, {
        ok: false,
        error: { code: 'bad_request', message: `Request body is larger than ${formatBytes(maxBody)}`, details: { limit: maxBody } },
      });
    }
    let args: unknown;
    try {
      args = body.length ? JSON.parse(body) : {};
    } catch (err) {
      return sendJson(res, 400, { ok: false, error: { code: 'bad_request', message: `Request body is not valid JSON: ${(err as Error).message}` } });
    }
    const result = await o.core.dispatch(match[1], args);
    if (match[1] === 'models.export') exported.remember(result);
    sendJson(res, result.ok ? 200 : httpStatusOf[result.error.code], result);
  }

  function serveStatic(req: http.IncomingMessage, res: http.ServerResponse, pathname: string, reqHost: string) {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end();
      return;
    }
    let file = resolveStatic(o.staticRoot, pathname);
    if (file === null) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
      return;
    }
    if (!isFile(file)) {
      // Client-side routes fall back to the app; missing assets stay 404.
      if (path.extname(file)) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
        return;
      }
      file = path.join(o.staticRoot, 'index.html');
    }
    res.writeHead(200, {
      'content-type': contentType(file),
      'content-security-policy': browserModeCsp(reqHost),
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-cache',
    });
    if (req.method === 'HEAD') res.end();
    else fs.createReadStream(file).pipe(res);
  }

  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const reqHost = knownHost(req);
    if (!reqHost || !originOk(req, reqHost)) {
      socket.end('HTTP/1.1 403 Forbidden\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
      return;
    }
    if (url.pathname !== '/api/events' || !tokenOk(url.searchParams.get('token'))) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws));
  });
  const clients = new Set<WebSocket>();
  wss.on('connection', (ws) => {
    clients.add(ws);
    ws.on('close', () => clients.delete(ws));
  });
  const unsubscribe = o.core.ctx.events.subscribe((event, payload) => {
    const text = JSON.stringify({ event, payload });
    for (const ws of clients) if (ws.readyState === ws.OPEN) ws.send(text);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port ?? 0, host, () => {
      hosts = allowedHosts(host, (server.address() as AddressInfo).port, o.allowedHosts);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${port}/?token=${token}`,
    token,
    port,
    async close() {
      unsubscribe();
      for (const ws of clients) ws.terminate();
      wss.close();
      await new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      });
    },
  };
}

function sendJson(res: http.ServerResponse, status: number, body: ApiResult<unknown>) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

/**
 * Answers a request whose body we will not read (too large, or broken off) and closes its
 * connection cleanly: the answer and a FIN go out at once, and whatever the client still
 * sends is read and dropped for a while, so the close does not turn into a reset that
 * could swallow the answer before the client reads it.
 */
function refuseBody(req: http.IncomingMessage, status: number, body: ApiResult<unknown>) {
  const socket = req.socket;
  const text = JSON.stringify(body);
  if (!socket.destroyed && socket.writable) {
    socket.end(
      `HTTP/1.1 ${status} ${http.STATUS_CODES[status] ?? ''}\r\n` +
        'content-type: application/json; charset=utf-8\r\ncache-control: no-store\r\nconnection: close\r\n' +
        `content-length: ${Buffer.byteLength(text)}\r\n\r\n${text}`,
    );
  }
  req.resume();
  const cut = setTimeout(() => socket.destroy(), LINGER_MS);
  cut.unref();
  socket.once('close', () => clearTimeout(cut));
}

function bearer(h: string | undefined): string | null {
  const m = h ? /^Bearer\s+(.+)$/i.exec(h) : null;
  return m ? m[1].trim() : null;
}

function header(h: string | string[] | undefined): string | null {
  return Array.isArray(h) ? (h[0] ?? null) : (h ?? null);
}

/** The body as text, or null once it passes `limit` (what is left of it is then not read here). */
function readBody(req: http.IncomingMessage, limit: number): Promise<string | null> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.resolve(null);
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    const onData = (c: Buffer) => {
      size += c.length;
      if (size <= limit) return void chunks.push(c);
      detach();
      resolve(null);
    };
    const onEnd = () => {
      detach();
      resolve(Buffer.concat(chunks).toString('utf8'));
    };
    const onError = (err: Error) => {
      detach();
      reject(err);
    };
    const detach = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
}
