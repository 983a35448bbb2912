/** `lathe serve` started as a user starts it, and a raw HTTP client for it (127.0.0.1 only). */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { sleep, startCli, type CliResult, type RunningCli } from './harness';

export interface Served {
  port: number;
  token: string;
  cli: RunningCli;
  alive(): boolean;
  /** SIGTERM, then the result; SIGKILL after `graceMs` (then `timedOut`-like: `killedByUs`). */
  stop(graceMs?: number): Promise<CliResult & { stoppedCleanly: boolean }>;
}

/** A stand-in for the built renderer, so the server does not depend on `npm run build`. */
export function staticRoot(dir: string): string {
  const s = path.join(dir, 'static');
  fs.mkdirSync(s, { recursive: true });
  fs.writeFileSync(path.join(s, 'index.html'), '<!doctype html><title>lathe</title>\n');
  return s;
}

export async function serve(home: string, o: { cwd: string; staticDir: string; startMs?: number }): Promise<Served> {
  const cli = startCli(['--home', home, '--json', 'serve', '--port', '0', '--static', o.staticDir], { timeoutMs: 6 * 3600_000, cwd: o.cwd });
  const until = Date.now() + (o.startMs ?? 90_000);
  let line = '';
  while (!line) {
    const { stdout, stderr } = cli.output();
    const nl = stdout.indexOf('\n');
    if (nl >= 0) line = stdout.slice(0, nl);
    else if (cli.exited() || Date.now() > until) {
      cli.kill();
      throw new Error(`lathe serve did not start: ${stderr.trim() || stdout.trim() || 'no output'}`);
    } else await sleep(50);
  }
  const { url, port } = JSON.parse(line) as { url: string; port: number };
  const token = new URL(url).searchParams.get('token')!;
  return {
    port,
    token,
    cli,
    alive: () => !cli.exited(),
    async stop(graceMs = 30_000) {
      cli.proc.kill('SIGTERM');
      const timer = setTimeout(() => cli.kill(), graceMs);
      const res = await cli.done;
      clearTimeout(timer);
      return { ...res, stoppedCleanly: res.code === 0 && !res.killedByUs && res.signal === null };
    },
  };
}

export interface HttpAnswer {
  status: number | null;
  body: string;
  /** A connection error or our timeout, when no answer came. */
  error: string | null;
  ms: number;
}

/** One raw request: any method, path, headers and body bytes; never throws. */
export function request(port: number, o: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer; timeoutMs: number }): Promise<HttpAnswer> {
  const t0 = Date.now();
  return new Promise((resolve) => {
    let settled = false;
    const finish = (a: Omit<HttpAnswer, 'ms'>) => {
      if (settled) return;
      settled = true;
      resolve({ ...a, ms: Date.now() - t0 });
    };
    const req = http.request({ host: '127.0.0.1', port, method: o.method ?? 'POST', path: o.path, headers: o.headers, agent: false, setHost: !o.headers || !Object.keys(o.headers).some((k) => k.toLowerCase() === 'host') }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => finish({ status: res.statusCode ?? null, body: Buffer.concat(chunks).toString('utf8'), error: null }));
      res.on('error', (err) => finish({ status: res.statusCode ?? null, body: Buffer.concat(chunks).toString('utf8'), error: err.message }));
    });
    req.setTimeout(o.timeoutMs, () => {
      finish({ status: null, body: '', error: `no answer within ${o.timeoutMs} ms` });
      req.destroy();
    });
    req.on('error', (err) => finish({ status: null, body: '', error: (err as NodeJS.ErrnoException).code ?? err.message }));
    req.end(o.body);
  });
}

/** A well-formed call of a method, with the token. */
export async function api<T = unknown>(s: Served, method: string, args: unknown, timeoutMs = 60_000): Promise<{ status: number | null; ok: boolean; data?: T; error?: { code: string; message: string }; raw: HttpAnswer }> {
  const raw = await request(s.port, {
    path: `/api/invoke/${method}`,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${s.token}` },
    body: JSON.stringify(args),
    timeoutMs,
  });
  let parsed: { ok?: boolean; data?: T; error?: { code: string; message: string } } = {};
  try {
    parsed = JSON.parse(raw.body);
  } catch {
    /* not JSON: left to the caller */
  }
  return { status: raw.status, ok: parsed.ok === true, data: parsed.data, error: parsed.error, raw };
}

/**
 * A 5xx that is an anomaly: anything but the retryable 503 `busy`, and the 503 `unavailable` of
 * `files.pick`, which only the desktop app has (a designed answer in browser mode).
 */
export function isBad5xx(a: HttpAnswer, method?: string): boolean {
  if (a.status === null || a.status < 500) return false;
  if (a.status !== 503) return true;
  try {
    const code = (JSON.parse(a.body) as { error?: { code?: string } }).error?.code;
    return !(code === 'busy' || (code === 'unavailable' && method === 'files.pick'));
  } catch {
    return true;
  }
}
