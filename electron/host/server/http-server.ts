import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { httpStatusOf, type ApiResult } from '../../../shared/api/errors';
import type { Core } from '../core';
import { contentType, isFile, resolveStatic } from './static-files';
import { saveUpload } from './uploads';

export interface ServeOptions {
  core: Core;
  host?: string;
  port?: number;
  /** The built renderer (out/renderer). */
  staticRoot: string;
  token?: string;
}

export interface RunningServer {
  url: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

const MAX_BODY = 8 * 1024 * 1024;
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
  "connect-src 'self' ws: wss:; worker-src 'self' blob:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

/** Browser mode: the built renderer plus the same handlers over HTTP, and push events over WebSocket. */
export async function startServer(o: ServeOptions): Promise<RunningServer> {
  const token = o.token ?? randomBytes(24).toString('base64url');
  const host = o.host ?? '127.0.0.1';
  const tokenOk = (candidate: string | null | undefined) => {
    if (!candidate) return false;
    const a = Buffer.from(candidate);
    const b = Buffer.from(token);
    return a.length === b.length && timingSafeEqual(a, b);
  };

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname.startsWith('/api/')) {
      void handleApi(req, res, url);
      return;
    }
    serveStatic(req, res, url.pathname);
  });

  async function handleApi(req: http.IncomingMessage, res: http.ServerResponse, url: URL) {
    const presented = bearer(req.headers.authorization) ?? header(req.headers['x-lathe-token']);
    if (!tokenOk(presented)) {
      return sendJson(res, 401, { ok: false, error: { code: 'unauthorized', message: 'Missing or wrong token: open the URL printed by `lathe serve`.' } });
    }
    if (url.pathname === '/api/upload' && req.method === 'POST') {
      try {
        const saved = await saveUpload(req, o.core.ctx.home, url.searchParams.get('name') ?? 'upload');
        return sendJson(res, 200, { ok: true, data: { path: saved } });
      } catch (err) {
        return sendJson(res, 500, { ok: false, error: { code: 'internal', message: `Upload failed: ${(err as Error).message}` } });
      }
    }
    const match = /^\/api\/invoke\/([A-Za-z0-9_.-]+)$/.exec(url.pathname);
    if (!match || req.method !== 'POST') {
      return sendJson(res, 404, { ok: false, error: { code: 'not_found', message: `No API route ${req.method} ${url.pathname}` } });
    }
    let args: unknown;
    try {
      const body = await readBody(req);
      args = body.length ? JSON.parse(body) : {};
    } catch (err) {
      return sendJson(res, 400, { ok: false, error: { code: 'bad_request', message: `Request body is not valid JSON: ${(err as Error).message}` } });
    }
    const result = await o.core.dispatch(match[1], args);
    sendJson(res, result.ok ? 200 : httpStatusOf[result.error.code], result);
  }

  function serveStatic(req: http.IncomingMessage, res: http.ServerResponse, pathname: string) {
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
      'content-security-policy': CSP,
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-cache',
    });
    if (req.method === 'HEAD') res.end();
    else fs.createReadStream(file).pipe(res);
  }

  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== '/api/events' || !tokenOk(url.searchParams.get('token'))) {
      socket.write('HTTP/1.1 401 Unauthorized\r\n\r\n');
      socket.destroy();
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
    server.listen(o.port ?? 0, host, () => resolve());
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

function bearer(h: string | undefined): string | null {
  const m = h ? /^Bearer\s+(.+)$/i.exec(h) : null;
  return m ? m[1].trim() : null;
}

function header(h: string | string[] | undefined): string | null {
  return Array.isArray(h) ? (h[0] ?? null) : (h ?? null);
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new Error(`body larger than ${MAX_BODY} bytes`));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
