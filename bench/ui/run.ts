/**
 * UI benchmark, in Chromium against browser mode (`lathe serve`), on a data folder with
 * 10,000 runs and one run with a 1,000,000-point curve:
 *  (a) navigation start → the first rows of the Experiments run table on screen;
 *  (b) clicking the 1M-point run → its learning curve painted on the canvas.
 * Each is the median of 3 fresh page loads. Targets: under 1 s each.
 * Usage: node --import tsx bench/ui/run.ts [--runs N] [--points N] [--repeats N]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { launch, serve, type Served } from '../../tests/e2e/harness';
import { machine, writeReport } from '../lib/report';
import { seed } from './seed';
import { CURVE_PAINTED, WATCH_TABLE } from './page-scripts';
import { downsampleEstimate } from './estimate';

const argv = process.argv.slice(2);
const flag = (name: string, dflt: number) => (argv.includes(name) ? Number(argv[argv.indexOf(name) + 1]) : dflt);
const RUNS = flag('--runs', 10_000);
const POINTS = flag('--points', 1_000_000);
const REPEATS = flag('--repeats', 3);
const TARGET_MS = 1000;

if (!fs.existsSync(path.resolve(import.meta.dirname, '../../out/renderer/index.html'))) {
  console.error('bench/ui needs the built renderer: run `npm run build` first.');
  process.exit(1);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const round = (x: number) => Math.round(x);

/** One host call timed from Node: wall time and the size of the answer. */
async function timedCall(s: Served, method: string, args: unknown): Promise<{ ms: number; bytes: number }> {
  const t0 = performance.now();
  const res = await fetch(`http://127.0.0.1:${s.port}/api/invoke/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${s.token}` },
    body: JSON.stringify(args),
  });
  const text = await res.text();
  return { ms: round(performance.now() - t0), bytes: Buffer.byteLength(text) };
}

const home = fs.mkdtempSync(path.join(os.tmpdir(), 'lathe-bench-ui-'));
console.log(`seeding ${RUNS.toLocaleString('en-US')} runs and a ${POINTS.toLocaleString('en-US')}-point curve…`);
const seeded = await seed(home, { runs: RUNS, curvePoints: POINTS }).catch((err: Error) => {
  fs.rmSync(home, { recursive: true, force: true });
  throw err;
});
console.log(`seeded in ${(seeded.seedMs / 1000).toFixed(1)} s`);

const estimate = downsampleEstimate(home, seeded.bigRunId);
const served = await serve(home);
const table: { rowsMs: number; appReadyMs: number }[] = [];
const curve: number[] = [];
const control: number[] = [];

/** A fresh page on Experiments; resolves with when the first rows showed, and the page. */
async function freshPage(browser: Browser) {
  // The page's CSP forbids eval; the timing scripts below are passed as source text.
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, bypassCSP: true });
  await page.addInitScript(WATCH_TABLE);
  await page.goto(served.url);
  await page.waitForFunction('window.__bench && window.__bench.rows > 0', undefined, { timeout: 60_000 });
  await page.waitForSelector('html[data-app-ready="true"]');
  const t = (await page.evaluate('window.__bench')) as { rows: number; ready?: number };
  return { page, rowsMs: round(t.rows), appReadyMs: round(t.ready ?? 0) };
}

async function curveMsOf(browser: Browser, runId: string): Promise<{ rowsMs: number; appReadyMs: number; ms: number }> {
  const { page, ...t } = await freshPage(browser);
  await page.waitForSelector(`[data-testid="run-${runId}"]`);
  const ms = round((await page.evaluate(CURVE_PAINTED(runId))) as number);
  await page.close();
  // Background reads the page started (list rows' details) end before the next sample.
  await new Promise((r) => setTimeout(r, 4000));
  return { ...t, ms };
}

let list, get, getControl;
try {
  // Timed first, on an idle host (pages load run details in the background).
  list = await timedCall(served, 'runs.list', { limit: 100_000 });
  get = await timedCall(served, 'runs.get', { id: seeded.bigRunId });
  getControl = await timedCall(served, 'runs.get', { id: seeded.controlRunId });
  const browser = await launch();
  try {
    for (let i = 0; i < REPEATS; i++) {
      const big = await curveMsOf(browser, seeded.bigRunId);
      table.push(big);
      curve.push(big.ms);
      control.push((await curveMsOf(browser, seeded.controlRunId)).ms);
      console.log(`#${i + 1}: table rows ${big.rowsMs} ms, 1M-point curve ${big.ms} ms, 2,000-point control ${control[i]} ms`);
    }
  } finally {
    await browser.close();
  }
} finally {
  await served.stop();
  fs.rmSync(home, { recursive: true, force: true });
}

const tableMs = median(table.map((t) => t.rowsMs));
const curveMs = median(curve);
const controlMs = median(control);
const result = {
  benchmark: 'ui',
  date: new Date().toISOString(),
  machine: machine(),
  browser: 'Chromium (headless, software rendering), 1280×800',
  data: { runs: seeded.runs, curvePoints: seeded.curvePoints, seedMs: seeded.seedMs },
  tableRows: { medianMs: tableMs, samplesMs: table.map((t) => t.rowsMs), appReadyMs: table.map((t) => t.appReadyMs) },
  curve: { medianMs: curveMs, samplesMs: curve },
  control: { points: 2000, medianMs: controlMs, samplesMs: control },
  api: { runsList: list, runsGetBigRun: get, runsGetControl: getControl },
  serverDownsampleEstimate: estimate,
  targets: { tableRowsMs: TARGET_MS, curveMs: TARGET_MS },
  met: { tableRows: tableMs < TARGET_MS, curve: curveMs < TARGET_MS },
};

const mb = (b: number) => `${(b / 2 ** 20).toFixed(1)} MiB`;
const yes = (ok: boolean) => (ok ? 'met' : '**not met**');
const md = `# UI benchmark

${result.date.slice(0, 10)} · ${result.machine.cpuModel} (${result.machine.cpus} cores) · ${result.browser}

Data folder: ${seeded.runs.toLocaleString('en-US')} runs (one dataset, two targets, four families), one of them with a ${seeded.curvePoints.toLocaleString('en-US')}-point validation curve. Median of ${REPEATS} fresh page loads.

| Measure | Median | Samples | Target | |
|---|---:|---|---:|---|
| Navigation start → first run rows visible in Experiments | ${tableMs} ms | ${table.map((t) => t.rowsMs).join(', ')} ms | < ${TARGET_MS} ms | ${yes(result.met.tableRows)} |
| Click the 1M-point run → its curve painted | ${curveMs} ms | ${curve.join(', ')} ms | < ${TARGET_MS} ms | ${yes(result.met.curve)} |

Host calls timed from Node (same server, idle, before the page loads):

| Call | Time | Response |
|---|---:|---:|
| \`runs.list\` (${seeded.runs.toLocaleString('en-US')} runs) | ${list.ms} ms | ${mb(list.bytes)} |
| \`runs.get\` of the 1M-point run | ${get.ms} ms | ${mb(get.bytes)} |
| \`runs.get\` of the 2,000-point control run | ${getControl.ms} ms | ${mb(getControl.bytes)} |

Control: clicking a run with a 2,000-point curve → painted: **${controlMs} ms** median (${control.join(', ')} ms). For reference on the host: reading all 1M points into JS takes ${estimate.sqlMs} ms (+ ${estimate.lttbMs} ms LTTB to ${estimate.points} points), while the min/max-per-bucket query \`runs.get\` now uses takes ${estimate.sqlBucketsMs} ms; its whole answer: ${get.ms} ms.

(a) counts from the page's navigation start; the script clicks Experiments as soon as the navigation shows (the app opens on Datasets) and stops the clock at the animation frame after the first run row is in the DOM.
(b) counts from the click on the run's row to the first animation frame where the run's curve canvas holds coloured (series) pixels. The host returns each curve reduced to about 2,000 points (min and max per step bucket, computed by SQLite); the renderer downsamples further to 800 points per series (LTTB) before drawing.

Next step if this needs to be faster: keep a downsampled copy of each curve when the run ends (about the control's ${getControl.ms} ms), and serve full resolution for zooming through a ranged curve call.`;

writeReport('ui', result, md);
