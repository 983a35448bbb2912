import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { afterAll, beforeAll } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { tempHome } from '../helpers/temp-home';

export const repoRoot = path.resolve(import.meta.dirname, '../..');
export const screenshotDir = path.join(repoRoot, 'test-results', 'screenshots');

export const CHROMIUM = process.env.LATHE_CHROMIUM ?? '/usr/bin/chromium';

export interface Served {
  url: string;
  port: number;
  token: string;
  proc: ChildProcess;
  stop(): Promise<void>;
}

/** Starts `lathe serve` as a user would, and reads the printed URL. */
export async function serve(home: string): Promise<Served> {
  const proc = spawn(process.execPath, [path.join(repoRoot, 'bin/lathe.mjs'), '--home', home, '--json', 'serve', '--port', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  proc.stderr!.on('data', (d) => (stderr += String(d)));
  const line = await new Promise<string>((resolve, reject) => {
    const rl = readline.createInterface({ input: proc.stdout! });
    rl.once('line', resolve);
    proc.once('exit', (code) => reject(new Error(`lathe serve exited with ${code}: ${stderr}`)));
  });
  const { url, port } = JSON.parse(line) as { url: string; port: number };
  const token = new URL(url).searchParams.get('token')!;
  return {
    url,
    port,
    token,
    proc,
    stop: () =>
      new Promise((resolve) => {
        if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
        proc.once('exit', () => resolve());
        proc.kill('SIGTERM');
      }),
  };
}

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export async function openApp(browser: Browser, url: string, colorScheme: 'light' | 'dark' = 'light'): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, colorScheme });
  await page.goto(url);
  await page.waitForSelector('html[data-app-ready="true"]');
  return page;
}

export async function shot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`) });
}

export async function api(s: Served, method: string, args: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(`http://127.0.0.1:${s.port}/api/invoke/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${s.token}` },
    body: JSON.stringify(args),
  });
  return { status: res.status, body: await res.json() };
}

/** Polls a host job until it reaches an end state, and returns it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function waitForJob(s: Served, jobId: string, timeoutMs = 60_000): Promise<{ status: string; result: any; error: any }> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const { body } = await api(s, 'jobs.get', { id: jobId });
    if (!['queued', 'running'].includes(body.data.status)) return body.data;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`job ${jobId} did not end within ${timeoutMs} ms`);
}

/** Starts a run through the API and waits for it to succeed; returns the run id. */
export async function trainRun(s: Served, args: Record<string, unknown>): Promise<string> {
  const { body } = await api(s, 'runs.start', args);
  if (!body.ok) throw new Error(`runs.start refused: ${body.error?.message}`);
  const job = await waitForJob(s, body.data.jobId);
  if (job.status !== 'succeeded') throw new Error(`training ${job.status}: ${job.error?.message ?? ''}`);
  return body.data.runId;
}

/** The canvas surface the pixel count reads (typed here: this file also compiles without the DOM library). */
interface CanvasLike {
  width: number;
  height: number;
  getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> } } | null;
}

/**
 * Pixels of a chart's canvases in colour (not grey axes or text), or near `hue` when given:
 * the series were drawn.
 */
export const colouredPixels = (page: Page, testId: string, hue?: [number, number, number]) =>
  page.$$eval(
    `[data-testid="${testId}"] canvas`,
    (canvases, want) => {
      let n = 0;
      for (const c of canvases) {
        const canvas = c as unknown as CanvasLike;
        const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
        for (let i = 0; i < data.length; i += 4) {
          const [r, g, b, a] = [data[i], data[i + 1], data[i + 2], data[i + 3]];
          if (a < 100) continue;
          if (want ? Math.abs(r - want[0]) + Math.abs(g - want[1]) + Math.abs(b - want[2]) < 60 : Math.max(r, g, b) - Math.min(r, g, b) > 60) n++;
        }
      }
      return n;
    },
    hue ?? null,
  );

/**
 * One served app in a fresh home and one browser for a test file: started before its tests (`ready` gets
 * them), stopped and the home removed after. Returns the home, for files the tests write there.
 */
export function servedApp(prefix: string, ready: (served: Served, browser: Browser) => void): { dir: string } {
  const home = tempHome(prefix);
  let served: Served | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    served = await serve(home.dir);
    browser = await launch();
    ready(served, browser);
  });
  afterAll(async () => {
    await browser?.close();
    await served?.stop();
    home.cleanup();
  });
  return { dir: home.dir };
}
