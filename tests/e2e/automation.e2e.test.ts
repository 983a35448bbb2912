/**
 * Monitoring and automation in the browser: the drift report of California housing against a shifted
 * copy (overlaid distributions, severities, quality findings, keyboard), and a weekly retraining plan
 * made in the plan editor, run by hand on a new file, with its decision and A/B result.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
import { api, colouredPixels, launch, repoRoot, serve, shot, waitForJob, type Served } from './harness';
import { clippedButtons } from './tour';
import { tempHome } from '../helpers/temp-home';
import { falling, rising, rows, writeCsv } from '../helpers/plan-fixture';
import { storeSales, writeStoreSales } from '../helpers/store-sales';

let served: Served;
let browser: Browser;
const home = tempHome('lathe-e2e-automation-');
const housingCsv = path.join(repoRoot, 'resources/samples/california_housing/housing.csv');

/** Housing with richer incomes, a tenth of the bedroom counts missing and a new kind of place. */
function shiftedHousing(): string {
  const lines = fs.readFileSync(housingCsv, 'utf8').trim().split('\n');
  const head = lines[0].split(',');
  const income = head.indexOf('median_income');
  const bedrooms = head.indexOf('total_bedrooms');
  const ocean = head.indexOf('ocean_proximity');
  const out = [lines[0]];
  lines.slice(1, 6001).forEach((line, i) => {
    const cells = line.split(',');
    cells[income] = (Number(cells[income]) * 1.5).toFixed(4);
    if (i % 10 === 0) cells[bedrooms] = '';
    if (i % 7 === 0) cells[ocean] = 'ISLAND BAY';
    out.push(cells.join(','));
  });
  return out.join('\n') + '\n';
}

async function importCsv(name: string, file: string): Promise<string> {
  const { body } = await api(served, 'datasets.import', { path: file, name });
  if (!body.ok) throw new Error(body.error.message);
  const job = await waitForJob(served, body.data.jobId);
  expect(job.status).toBe('succeeded');
  return job.result.id;
}

beforeAll(async () => {
  served = await serve(home.dir);
  browser = await launch();
  await importCsv('housing', housingCsv);
  const shifted = path.join(home.dir, 'housing-shifted.csv');
  fs.writeFileSync(shifted, shiftedHousing());
  await importCsv('housing shifted', shifted);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await served?.stop();
  home.cleanup();
});

/** Serious and critical WCAG 2 A/AA findings inside a page. */
async function axe(page: Page, testId: string): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).include(`[data-testid="${testId}"]`).withTags(['wcag2a', 'wcag2aa']).analyze();
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

async function open(section: string, colorScheme: 'light' | 'dark' = 'light', viewport = { width: 1440, height: 900 }): Promise<Page> {
  const context = await browser.newContext({ viewport, colorScheme });
  const page = await context.newPage();
  await page.goto(served.url);
  await page.waitForSelector('html[data-app-ready="true"]');
  await page.click(`[data-testid="nav-${section}"]`);
  return page;
}

describe('the drift report', () => {
  for (const scheme of ['light', 'dark'] as const) {
    it(`compares housing with a shifted copy and draws each feature's two distributions (${scheme})`, async () => {
      const page = await open('monitor', scheme);
      await page.waitForSelector('[data-testid="drift-none"]');
      await page.selectOption('[data-testid="drift-reference"]', { label: 'housing (20,640 rows)' });
      await page.selectOption('[data-testid="drift-current"]', { label: 'housing shifted (6,000 rows)' });
      await page.click('[data-testid="drift-run"]');
      await page.waitForSelector('[data-testid="drift-report"]', { timeout: 60_000 });
      expect(await page.textContent('[data-testid="drift-verdict"]')).toMatch(/^Drift/);
      // Worst first: the first row is a drifted feature, and median_income is among them.
      expect(await page.textContent('[data-testid="drift-features"] tbody tr:first-child [data-testid="drift-severity"]')).toBe('drift');
      expect(await page.textContent('[data-testid="drift-feature-median_income"] [data-testid="drift-severity"]')).toBe('drift');
      const quality = await page.textContent('[data-testid="drift-quality"]');
      expect(quality).toMatch(/total_bedrooms: missing rose from/);
      expect(quality).toMatch(/new categories: ISLAND BAY/);
      // The keyboard walks the features; the detail follows.
      await page.click('[data-testid="drift-feature-median_income"]');
      expect(await page.textContent('[data-testid="drift-detail"] h3')).toContain('median_income');
      await page.keyboard.press('End');
      const last = await page.$eval('[data-testid="drift-features"] tbody tr:last-child', (el) => el.getAttribute('data-testid'));
      expect(await page.textContent('[data-testid="drift-detail"] h3')).toContain(last!.replace('drift-feature-', ''));
      await page.keyboard.press('Home');
      await page.keyboard.press('ArrowDown');
      expect(await page.$eval('[data-testid="drift-features"] tbody tr:nth-child(2)', (el) => el.getAttribute('aria-selected'))).toBe('true');
      await page.click('[data-testid="drift-feature-median_income"]');
      await page.waitForFunction(() => document.querySelector('[data-testid="drift-histogram"] canvas') !== null);
      expect(await colouredPixels(page, 'drift-histogram')).toBeGreaterThan(500);
      expect(await axe(page, 'page-monitor')).toEqual([]);
      await shot(page, `drift-report-${scheme}-1440`);
      await page.context().close();
    }, 120_000);
  }
});

describe('the Automation page', () => {
  const salesFile = () => path.join(home.dir, 'sales.csv');

  beforeAll(async () => {
    // Champion: linear on 100 rows of y = 2x, registered and in production.
    writeCsv(salesFile(), rows(100, rising, 1));
    await importCsv('sales', salesFile());
    const { body } = await api(served, 'runs.start', { dataset: 'sales', target: 'y', family: 'linear' });
    expect((await waitForJob(served, body.data.jobId)).status).toBe('succeeded');
    const v = await api(served, 'models.register', { runId: body.data.runId, name: 'sales-model' });
    await api(served, 'models.promote', { name: 'sales-model', version: v.body.data.version, alias: 'production' });
  }, 120_000);

  it('creates a weekly plan in the editor, runs it by hand on a new file, and shows the decision, the A/B result and the alert', async () => {
    const page = await open('automation');
    await page.waitForSelector('[data-testid="automation-empty"]');
    await page.click('[data-testid="plan-new"]');
    await page.waitForSelector('[data-testid="plan-editor"]');
    await page.fill('[data-testid="plan-name"]', 'weekly sales');
    await page.selectOption('[data-testid="plan-model"]', 'sales-model');
    await page.fill('[data-testid="plan-path"]', salesFile());
    // A bad cron part is named before anything is sent; the weekly preset is worded with its next date.
    await page.fill('[data-testid="plan-schedule"]', '0 3 * * 9');
    await page.waitForSelector('[data-testid="field-error-triggers.schedule"]');
    await page.getByRole('button', { name: 'Weekly, Monday 03:00' }).click();
    expect(await page.textContent('[data-testid="plan-schedule-words"]')).toMatch(/^At 03:00, on Monday · next Mon \d+ \w+, 03:00 \(in /);
    await shot(page, 'automation-editor-light-1440');
    // Enter in a field saves.
    await page.focus('[data-testid="plan-name"]');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid="plan-row-weekly sales"]');
    expect(await page.textContent('[data-testid="plan-row-weekly sales"] [data-testid="plan-next"]')).toMatch(/^Mon \d+ \w+, 03:00/);
    expect(await page.textContent('[data-testid="plan-row-weekly sales"] [data-testid="plan-last-decision"]')).toBe('never run');
    // lathe serve runs the scheduler: the page says so, with the plan that fires next.
    expect(await page.textContent('[data-testid="scheduler-line"]')).toMatch(/^Scheduler on · next: weekly sales, Mon \d+ \w+, 03:00 \(in /);

    // New data arrives: the newest rows follow y = 30 − 3x, which the champion never saw.
    writeCsv(salesFile(), [...rows(100, rising, 1), ...rows(400, falling, 2)]);
    await page.click('[data-testid="plan-run-now"]');
    await page.click('[data-testid="plan-run-confirm"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="plan-run-decision"]')?.textContent === 'promoted', null, { timeout: 90_000 });
    const ab = await page.textContent('[data-testid="plan-run-ab"]');
    expect(ab).toMatch(/rmse [\d.]+ \(champion\) against [\d.]+ \(challenger\): B − A −[\d.]+, 95 % \[/);
    expect(await page.textContent('[data-testid="plan-run-alias"]')).toBe('production: 1.0.0 → 1.1.0');
    expect(await page.textContent('[data-testid="plan-row-weekly sales"] [data-testid="plan-last-decision"]')).toBe('promoted');
    // The run was one job of the tray from its start, beside its import, training and evaluation.
    await page.waitForFunction(() => document.querySelector('[data-testid="job-tray"]')?.textContent?.includes('Plan weekly sales: sales-model@production (run by hand)'));
    await page.waitForSelector('[data-testid="nav-unread"]');
    expect(await page.textContent('[data-testid="nav-unread"]')).toBe('1');
    expect(await axe(page, 'page-automation')).toEqual([]);
    await shot(page, 'automation-light-1440');

    // Folded to icons, the navigation still shows the count.
    await page.click('[data-testid="nav-toggle"]');
    await page.waitForSelector('[data-testid="nav-toggle"][aria-expanded="false"]');
    expect(await page.textContent('[data-testid="nav-unread"]')).toBe('1');
    await page.locator('[data-testid="nav-automation"]').screenshot({ path: path.join(repoRoot, 'test-results', 'screenshots', 'automation-nav-unread-folded.png') });
    await page.click('[data-testid="nav-toggle"]');

    await page.click('[data-testid="inbox-open"]');
    await page.waitForSelector('[data-testid="inbox-item"]');
    expect(await page.textContent('[data-testid="inbox-item"]')).toMatch(/1\.1\.0/);
    await page.click('[data-testid="inbox-read-all"]');
    await page.waitForSelector('[data-testid="nav-unread"]', { state: 'detached' });
    await page.context().close();
  }, 180_000);

  it('reads well in dark, and pauses with the next run gone', async () => {
    const page = await open('automation', 'dark');
    await page.waitForSelector('[data-testid="plan-runs"]');
    expect(await axe(page, 'page-automation')).toEqual([]);
    await shot(page, 'automation-dark-1440');
    await page.click('[data-testid="plan-pause"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="plan-row-weekly sales"] [data-testid="plan-next"]')?.textContent === 'paused');
    await page.click('[data-testid="plan-pause"]');
    await page.waitForFunction(() => /^Mon/.test(document.querySelector('[data-testid="plan-row-weekly sales"] [data-testid="plan-next"]')?.textContent ?? ''));
    await page.click('[data-testid="plan-edit"]');
    await page.waitForSelector('[data-testid="plan-editor"]');
    // The metric floor can be judged on live outcomes joined to predictions.
    await page.selectOption('[data-testid="plan-outcomes"]', 'housing');
    await page.waitForSelector('[data-testid="plan-predictions"]');
    expect(await axe(page, 'plan-editor')).toEqual([]);
    await shot(page, 'automation-editor-dark-1440');
    await page.context().close();
  }, 60_000);
});

describe('performance over time', () => {
  it('joins outcomes to a version\'s predictions and draws the metric per week with its band', async () => {
    // sales-model (y = 2x) predicted ids 1..60; what happened: the second week's values moved by 6.
    const day = (d: number) => new Date(Date.UTC(2024, 2, 4 + d)).toISOString().slice(0, 10);
    const preds = path.join(home.dir, 'preds.csv');
    const outs = path.join(home.dir, 'outcomes.csv');
    fs.writeFileSync(preds, ['id,x,predicted_y', ...Array.from({ length: 60 }, (_, i) => `${i + 1},${i % 10},${2 * (i % 10)}`)].join('\n') + '\n');
    fs.writeFileSync(outs, ['id,y,at', ...Array.from({ length: 60 }, (_, i) => `${i + 1},${2 * (i % 10) + (i < 30 ? (i % 3) - 1 : 6)},${day(i < 30 ? i % 7 : 7 + (i % 7))}`)].join('\n') + '\n');
    await importCsv('sales predictions', preds);
    await importCsv('sales outcomes', outs);
    const page = await open('monitor');
    await page.waitForSelector('[data-testid="outcomes-model"]');
    await page.selectOption('[data-testid="outcomes-model"]', 'sales-model@1.0.0');
    await page.selectOption('[data-testid="outcomes-predictions"]', { label: 'sales predictions' });
    await page.selectOption('[data-testid="outcomes-outcomes"]', { label: 'sales outcomes' });
    await page.click('[data-testid="outcomes-run"]');
    await page.waitForSelector('[data-testid="outcomes-result"]', { timeout: 60_000 });
    const rows = await page.$$eval('[data-testid="outcomes-windows"] tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
    expect(rows.map((r) => r.slice(0, 2))).toEqual([['week of 2024-03-04', '30'], ['week of 2024-03-11', '30']]);
    expect(rows[1][2]).toMatch(/^6 \[/);
    expect(await colouredPixels(page, 'outcomes-chart')).toBeGreaterThan(200);
    await page.locator('[data-testid="performance-panel"]').scrollIntoViewIfNeeded();
    await shot(page, 'monitor-performance-light-1440');
    await page.context().close();
  }, 120_000);
});

describe('at the narrow size every page must fit (1024 × 700)', () => {
  it('keeps the drift report, the plans and the performance panel inside the window', async () => {
    const page = await open('monitor', 'light', { width: 1024, height: 700 });
    await page.selectOption('[data-testid="drift-reference"]', { label: 'housing (20,640 rows)' });
    await page.selectOption('[data-testid="drift-current"]', { label: 'housing shifted (6,000 rows)' });
    await page.click('[data-testid="drift-run"]');
    await page.waitForSelector('[data-testid="drift-report"]', { timeout: 60_000 });
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(await clippedButtons(page)).toEqual([]);
    expect(await overflow()).toBeLessThanOrEqual(0);
    await shot(page, 'drift-report-light-1024');
    await page.click('[data-testid="nav-automation"]');
    await page.waitForSelector('[data-testid="plan-runs"]');
    expect(await clippedButtons(page)).toEqual([]);
    expect(await overflow()).toBeLessThanOrEqual(0);
    await shot(page, 'automation-light-1024');
    await page.context().close();
  }, 120_000);
});

describe('a forecast plan', () => {
  it("shows a forecast champion's A/B result on every backtest origin after its data, per point", async () => {
    // stores@production: ETS on 60 flat days of four stores; the new file adds 30 days at four times the level.
    const file = path.join(home.dir, 'stores.csv');
    writeStoreSales(file, storeSales(0, 60, () => 10, 1));
    await importCsv('stores', file);
    const { body } = await api(served, 'forecast.start', { dataset: 'stores', time: 'date', target: 'sales', series: 'store', horizon: 6, model: 'ets', params: { error: 'A', trend: 'N', season: 'N' } });
    if (!body.ok) throw new Error(body.error.message);
    expect((await waitForJob(served, body.data.jobId)).status).toBe('succeeded');
    const v = await api(served, 'models.register', { runId: body.data.runId, name: 'stores' });
    await api(served, 'models.promote', { name: 'stores', version: v.body.data.version, alias: 'production' });
    await api(served, 'automation.create', { name: 'store forecast', model: 'stores', source: { kind: 'file', path: file } });
    writeStoreSales(file, [...storeSales(0, 60, () => 10, 1), ...storeSales(60, 30, () => 40, 2)]);
    const run = await api(served, 'automation.runNow', { plan: 'store forecast', wait: true });
    expect(run.body.ok && run.body.data.decision).toBe('promoted');
    const page = await open('automation');
    await page.click('[data-testid="plan-row-store forecast"]');
    await page.waitForFunction(() => /on 120 points/.test(document.querySelector('[data-testid="plan-run-ab"]')?.textContent ?? ''));
    expect(await page.textContent('[data-testid="plan-run-ab"]')).toMatch(/^A\/B mae [\d.]+ \(champion\) against [\d.]+ \(challenger\): B − A −[\d.]+, 95 % \[.*\] on 120 points in 40 \(series, time\) groups/);
    expect(await page.textContent('[data-testid="plan-run-alias"]')).toBe('production: 1.0.0 → 1.1.0');
    await shot(page, 'automation-forecast-light-1440');
    await page.context().close();
  }, 180_000);

  it("fires a forecast plan's metric floor, made in the editor, when the forecast error on the newest windows passes it", async () => {
    // kiosks@production: ETS on 60 flat days of four stores, fitted with a small smoothing weight.
    const file = path.join(home.dir, 'kiosks.csv');
    writeStoreSales(file, storeSales(0, 60, () => 10, 1));
    await importCsv('kiosks', file);
    const { body } = await api(served, 'forecast.start', { dataset: 'kiosks', time: 'date', target: 'sales', series: 'store', horizon: 6, model: 'ets', params: { error: 'A', trend: 'N', season: 'N' } });
    if (!body.ok) throw new Error(body.error.message);
    expect((await waitForJob(served, body.data.jobId)).status).toBe('succeeded');
    const v = await api(served, 'models.register', { runId: body.data.runId, name: 'kiosks' });
    await api(served, 'models.promote', { name: 'kiosks', version: v.body.data.version, alias: 'production' });
    const page = await open('automation');
    await page.click('[data-testid="plan-new"]');
    await page.waitForSelector('[data-testid="plan-editor"]');
    await page.fill('[data-testid="plan-name"]', 'kiosk error');
    await page.selectOption('[data-testid="plan-model"]', 'kiosks');
    await page.fill('[data-testid="plan-path"]', file);
    await page.fill('[data-testid="plan-floor"]', '5');
    await page.focus('[data-testid="plan-name"]');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid="plan-row-kiosk error"]');
    // Thirty days at four times the level: moved on through them without a refit, the champion's level lags.
    writeStoreSales(file, [...storeSales(0, 60, () => 10, 1), ...storeSales(60, 30, () => 40, 2)]);
    const due = await api(served, 'automation.runDue', {});
    if (!due.body.ok) throw new Error(due.body.error.message);
    expect(due.body.data.map((r: { planName: string }) => r.planName)).toContain('kiosk error');
    await page.click('[data-testid="plan-row-kiosk error"]');
    await page.waitForFunction(() => /metric: MAE [\d.]+ on 120 newest points is worse than the floor 5/.test(document.querySelector('[data-testid="plan-run"]')?.textContent ?? ''));
    expect(await page.textContent('[data-testid="plan-run-decision"]')).toBe('promoted');
    await shot(page, 'automation-forecast-metric-light-1440');
    await page.context().close();
  }, 180_000);
});
