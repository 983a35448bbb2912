/**
 * Data table benchmark, in Chromium against browser mode (`lathe serve`): a 1,000,000-row ×
 * 10-column dataset (the import benchmark's file) next to a 1,000-row control with the same
 * columns (the anchor: every page cached after the first visit, so only rendering is measured).
 *  (a) scrolling: frame intervals while the table scrolls at 1,500 rows/s for 4 s, and the
 *      share of frames that showed a row still waiting for its page;
 *  (b) jumps: moving the scrollbar to 10/30/50/70/90 % → the rows in view painted with values.
 * Targets: p95 frame interval ≤ 33 ms (30 fps) and each jump's rows < 300 ms (median).
 * Usage: npm run bench:table [-- --rows N]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { createCore } from '../../electron/host/core';
import { launch, openApp, serve } from '../../tests/e2e/harness';
import { generateCsv } from '../import/generate';
import { machine, writeReport } from '../lib/report';
import { JUMP, SCROLL_FRAMES } from './page-scripts';

const argv = process.argv.slice(2);
const ROWS = argv.includes('--rows') ? Number(argv[argv.indexOf('--rows') + 1]) : 1_000_000;
const CONTROL_ROWS = 1000;
const SPEED = 1500;
const SECONDS = 4;
const JUMPS = [0.1, 0.3, 0.5, 0.7, 0.9];
const TARGET_P95_MS = 33;
const TARGET_JUMP_MS = 300;

if (!fs.existsSync(path.resolve(import.meta.dirname, '../../out/renderer/index.html'))) {
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

const served = await serve(home);
let bigM: Measured, controlM: Measured;
try {
  const browser = await launch();
  try {
    const page = await openApp(browser, served.url);
    // The control first: the same page then measures the big table, in the same run.
    controlM = await measure(page, 'control', CONTROL_ROWS);
    bigM = await measure(page, 'big', ROWS);
  } finally {
    await browser.close();
  }
} finally {
  await served.stop();
  fs.rmSync(home, { recursive: true, force: true });
}

const met = { p95: bigM.frames.p95 <= TARGET_P95_MS, jump: bigM.jumpMedianMs < TARGET_JUMP_MS };
const result = {
  benchmark: 'table',
  date: new Date().toISOString(),
  machine: machine(),
  browser: 'Chromium (headless, software rendering), 1280×800',
  scroll: { rowsPerSecond: SPEED, seconds: SECONDS },
  big: bigM,
  control: controlM,
  targets: { p95FrameMs: TARGET_P95_MS, jumpMs: TARGET_JUMP_MS },
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

Targets: p95 frame interval ≤ ${TARGET_P95_MS} ms: ${yes(met.p95)}; jump → rows < ${TARGET_JUMP_MS} ms: ${yes(met.jump)}.
Rows arrive in pages of 200 read by rowid range once scrolling pauses for 90 ms, so a fast scroll shows placeholders for the rows it flies past; the control's pages are all cached after the first visit.`;
writeReport('table', result, md);
