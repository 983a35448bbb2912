import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { api, colouredPixels, repoRoot, type Served, servedApp, shot, waitForJob } from './harness';
import AxeBuilder from '@axe-core/playwright';

let served: Served;
let browser: Browser;
const home = servedApp('lathe-e2e-forecast-', (s, b) => ([served, browser] = [s, b]));
/** The orange of the forecast mean and its bands (forecast-charts.ts). */
/** A whole scenario, forecasts included, on a busy machine. */
const SLOW_MS = 240_000;
const FORECAST_ORANGE: [number, number, number] = [0xe0, 0x78, 0x2f];

async function datasetId(name: string): Promise<string> {
  const { body } = await api(served, 'datasets.list', {});
  const found = (body.data as { id: string; name: string }[]).find((d) => d.name === name);
  if (!found) throw new Error(`no dataset ${name}`);
  return found.id;
}

/** The app at the size analysts use it, in light or dark. */
async function openWide(colorScheme: 'light' | 'dark' = 'light'): Promise<Page> {
  // Its own context: the accessibility scan opens a second page in it.
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, colorScheme });
  const page = await context.newPage();
  // The context goes with its page. Closed late (the browser already closed in afterAll), it rejects: nothing to do.
  page.once('close', () => context.close().catch(() => undefined));
  await page.goto(served.url);
  await page.waitForSelector('html[data-app-ready="true"]');
  await page.click('[data-testid="nav-experiments"]');
  return page;
}

/** WCAG 2 A/AA rules over one part of the page: no serious or critical violation (contrast, names, focus). */
async function expectAccessible(page: Page, selector: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).include(selector).withTags(['wcag2a', 'wcag2aa']).analyze();
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

async function openDialog(page: Page, dataset: string): Promise<void> {
  await page.waitForSelector('[data-testid="new-forecast"]:not([disabled])');
  await page.click('[data-testid="new-forecast"]');
  await page.waitForSelector('[data-testid="forecast-dialog"]');
  await page.selectOption('[data-testid="forecast-dataset"]', dataset);
}

/** Waits for the open run to end, and fails with its own error when it did not succeed. */
async function waitSucceeded(page: Page): Promise<void> {
  const ended = ['succeeded', 'failed', 'cancelled', 'interrupted'].map((s) => `[data-testid="run-status"]:text-is("${s}")`).join(', ');
  await page.waitForSelector(ended, { timeout: 80_000 });
  const status = await page.textContent('[data-testid="run-status"]');
  if (status !== 'succeeded') throw new Error(`the forecast ${status}: ${await page.textContent('[data-testid="run-error"]').catch(() => '')}`);
}

describe('forecasting, end to end', () => {
  it('detects the airline series, forecasts 36 months with auto and reads the report', async () => {
    const { body } = await api(served, 'datasets.importSample', { id: 'airline-passengers' });
    expect((await waitForJob(served, body.data.jobId)).status).toBe('succeeded');
    const airline = await datasetId('Airline passengers');

    const page = await openWide();
    await openDialog(page, airline);
    // Time and target are proposed (the only date and the only number); detection runs at once.
    await page.waitForSelector('[data-testid="forecast-detection"]', { timeout: 30_000 });
    expect(await page.inputValue('[data-testid="forecast-time"]')).toBe('Month');
    expect(await page.inputValue('[data-testid="forecast-target"]')).toBe('Passengers');
    expect(await page.textContent('[data-testid="detect-frequency"]')).toBe('monthly');
    expect(await page.textContent('[data-testid="detect-series"]')).toBe('1');
    expect(await page.textContent('[data-testid="detect-points"]')).toBe('144 points');
    expect(await page.textContent('[data-testid="detect-seasons"]')).toMatch(/^12 steps proposed/);
    expect(await page.inputValue('[data-testid="forecast-seasons"]')).toBe('12');
    expect(await page.inputValue('[data-testid="forecast-model"]')).toBe('auto');
    expect(await page.textContent('[data-testid="forecast-model-desc"]')).toContain('backtested');
    await page.fill('[data-testid="forecast-horizon"]', '36');
    await page.waitForSelector('[data-testid="forecast-submit"]:not([disabled])');
    await shot(page, 'forecast-dialog-detection');
    await expectAccessible(page, '[data-testid="forecast-dialog"]');

    // Enter starts; the run opens and shows the job's progress until the report arrives.
    await page.focus('[data-testid="forecast-horizon"]');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid="forecast-dialog"]', { state: 'detached', timeout: 60_000 });
    await page.waitForSelector('[data-testid="run-detail"][aria-label="Forecast run"]');
    // Best effort: the job's progress on the run page while it forecasts (auto takes a few seconds here).
    if (await page.waitForSelector('[data-testid="run-progress"]', { timeout: 3000 }).catch(() => null)) {
      const waiting = await page.$('[data-testid="forecast-waiting"]');
      if (waiting) expect(await waiting.textContent()).toContain('appear here when the job ends');
      await shot(page, 'forecast-running');
    }
    await waitSucceeded(page);
    await page.waitForSelector('[data-testid="forecast-chart"] canvas');
    expect(await page.textContent('[data-testid="run-title"]')).toMatch(/Forecast · Auto → Passengers/);
    expect(await page.textContent('[data-testid="forecast-frequency"]')).toBe('monthly');
    expect(await page.textContent('[data-testid="forecast-horizon-fact"]')).toBe('36 steps');
    const headline = await page.textContent('[data-testid="forecast-headline"]');
    expect(headline).toMatch(/MASE\s*\d/);
    expect(headline).toMatch(/MAPE\s*[\d.]+ %/);
    expect(await page.textContent('[data-testid="headline-coverage-95"]')).toMatch(/^95 % band covered \d+\.\d %$/);
    expect(await page.textContent('[data-testid="headline-coverage-80"]')).toMatch(/^80 % band covered \d+\.\d %$/);
    // The bands and the mean are drawn in orange over the history's blue.
    await expect.poll(() => colouredPixels(page, 'forecast-chart', FORECAST_ORANGE)).toBeGreaterThan(2000);
    await shot(page, 'forecast-run');

    const runId = (await api(served, 'runs.list', {})).body.data[0].id as string;
    const detail = (await api(served, 'runs.get', { id: runId })).body.data;
    expect(detail.task).toBe('forecast');
    expect(detail.forecast.horizon).toBe(36);
    expect(detail.forecast.series[0].forecast).toHaveLength(36);
    // MAPE is stored as a fraction, as for tabular runs, and the headline reads it as its percentage (0.031 → 3.1 %).
    expect(detail.forecast.metrics.mape).toBeLessThan(0.2);
    const mape = /^([\d.]+) %$/.exec((await page.textContent('[data-testid="headline-mape"]'))!.trim());
    expect(Number(mape?.[1])).toBeCloseTo(detail.forecast.metrics.mape * 100, 1);

    // Backtest: the candidates auto tried, the chosen ones marked, and accuracy by step.
    await page.click('[data-testid="forecast-tab-backtest"]');
    await page.waitForSelector('[data-testid="forecast-candidates"]');
    const chosen = await page.$$('[data-testid="forecast-candidates"] tr[data-chosen="true"]');
    expect(chosen.length).toBeGreaterThan(0);
    expect(await page.$$('[data-testid="forecast-per-step"] tbody tr')).toHaveLength(detail.forecast.perStep.length);
    await page.locator('[data-testid="forecast-candidates"]').scrollIntoViewIfNeeded();
    await shot(page, 'forecast-backtest');
    await expectAccessible(page, '[data-testid="run-detail"]');

    // Residuals: ACF bars with their band.
    await page.click('[data-testid="forecast-tab-residuals"]');
    await page.waitForSelector('[data-testid="forecast-acf"] canvas');
    expect(await page.textContent('[data-testid="forecast-acf-summary"]')).toMatch(/lags/);
    await expect.poll(() => colouredPixels(page, 'forecast-acf')).toBeGreaterThan(100);
    await page.locator('[data-testid="forecast-acf"]').scrollIntoViewIfNeeded();
    await shot(page, 'forecast-residuals');

    // Components: auto has none, and says which model has them.
    await page.click('[data-testid="forecast-tab-components"]');
    expect(await page.textContent('[data-testid="forecast-components-none"]')).toContain('Decomposable');

    // A backtest origin replaces the future on the chart, with its actuals.
    const origins = await page.$$eval('[data-testid="forecast-view"] option', (os) => os.length);
    expect(origins).toBeGreaterThan(1);
    await page.selectOption('[data-testid="forecast-view"]', '0');
    await expect.poll(() => colouredPixels(page, 'forecast-chart', FORECAST_ORANGE)).toBeGreaterThan(200);
    await page.locator('[data-testid="forecast-chart"]').scrollIntoViewIfNeeded();
    await shot(page, 'forecast-backtest-origin');
    await page.close();
  }, SLOW_MS);

  it('shows the decomposable model’s components: trend with changepoints and the yearly season', async () => {
    const airline = await datasetId('Airline passengers');
    const page = await openWide('dark');
    await page.waitForSelector('[data-testid="runs-table"] [data-testid^="run-"]');
    await openDialog(page, airline);
    await page.waitForSelector('[data-testid="forecast-detection"]', { timeout: 30_000 });
    await page.selectOption('[data-testid="forecast-model"]', 'decomposable');
    await shot(page, 'forecast-dialog-dark');
    await expectAccessible(page, '[data-testid="forecast-dialog"]');
    // The model's short form comes from its schema, at its defaults.
    expect(await page.inputValue('[data-testid="param-changepoints"]')).toBe('25');
    expect(await page.inputValue('[data-testid="param-seasonalityMode"]')).toBe('additive');
    await page.selectOption('[data-testid="param-seasonalityMode"]', 'multiplicative');
    await page.fill('[data-testid="forecast-horizon"]', '36');
    await page.click('[data-testid="forecast-submit"]');
    await page.waitForSelector('[data-testid="forecast-dialog"]', { state: 'detached', timeout: 60_000 });
    await waitSucceeded(page);
    await page.waitForSelector('[data-testid="forecast-components"]');
    await page.waitForSelector('[data-testid="component-chart-trend"] canvas');
    await expect.poll(() => colouredPixels(page, 'component-chart-trend')).toBeGreaterThan(100);
    await page.locator('[data-testid="forecast-components"]').scrollIntoViewIfNeeded();
    await shot(page, 'forecast-components-dark');
    await expectAccessible(page, '[data-testid="run-detail"]');
    await page.locator('.main').evaluate((el) => (el.scrollTop = 0));
    await shot(page, 'forecast-run-dark');

    // The forecast model registers like any run.
    const runId = (await api(served, 'runs.list', {})).body.data[0].id as string;
    await page.click('[data-testid="run-register"]');
    await page.waitForSelector('[data-testid="register-dialog"]');
    await page.waitForSelector(`[data-testid="register-run"] option[value="${runId}"]`, { state: 'attached' });
    await page.selectOption('[data-testid="register-run"]', runId);
    await page.fill('[data-testid="register-name"]', 'passengers');
    await page.click('[data-testid="register-submit"]');
    await page.waitForSelector('[data-testid="register-dialog"]', { state: 'detached' });
    const model = (await api(served, 'models.get', { name: 'passengers' })).body;
    expect(model.ok).toBe(true);
    await page.close();
  }, SLOW_MS);

  it('scores origins through a test dataset and draws its actuals after the history', async () => {
    const lines = fs.readFileSync(path.join(repoRoot, 'resources/samples/airline_passengers/airline-passengers.csv'), 'utf8').trim().split('\n');
    // 1949–1958 to fit, 1959–1960 to test.
    fs.writeFileSync(path.join(home.dir, 'airline-fit.csv'), lines.slice(0, 121).join('\n'));
    fs.writeFileSync(path.join(home.dir, 'airline-later.csv'), [lines[0], ...lines.slice(121)].join('\n'));
    for (const name of ['airline-fit', 'airline-later']) {
      const { body } = await api(served, 'datasets.import', { path: path.join(home.dir, `${name}.csv`) });
      expect((await waitForJob(served, body.data.jobId)).status).toBe('succeeded');
    }
    const page = await openWide();
    await openDialog(page, await datasetId('airline-fit'));
    await page.waitForSelector('[data-testid="detect-points"]:text-is("120 points")', { timeout: 30_000 });
    await page.selectOption('[data-testid="forecast-model"]', 'ets');
    await page.fill('[data-testid="forecast-horizon"]', '12');
    await page.selectOption('[data-testid="forecast-test-dataset"]', await datasetId('airline-later'));
    await page.selectOption('[data-testid="forecast-refit"]', 'every');
    await page.click('[data-testid="forecast-submit"]');
    await page.waitForSelector('[data-testid="forecast-dialog"]', { state: 'detached', timeout: 60_000 });
    await waitSucceeded(page);
    await page.waitForSelector('[data-testid="forecast-chart"] canvas');
    expect(await page.textContent('[data-testid="forecast-facts"]')).toContain('through the test dataset');
    expect(await page.textContent('[data-testid="forecast-headline"]')).toContain('on the test data');
    const runId = (await api(served, 'runs.list', {})).body.data[0].id as string;
    const detail = (await api(served, 'runs.get', { id: runId })).body.data;
    expect(detail.forecast.evaluatedOn).toBe('test');
    expect(detail.forecastSpec.refit).toBe('every');
    expect(await page.$$eval('[data-testid="forecast-view"] option', (o) => o.length)).toBe(detail.forecast.series[0].evaluation.length + 1);
    await shot(page, 'forecast-test-dataset');
    await page.close();
  }, SLOW_MS);

  it('names the column and keeps Start disabled when a choice cannot be forecast', async () => {
    const file = path.join(home.dir, 'stores.csv');
    const rows = ['day,store,sales,note'];
    // Fourteen stores: enough for the series picker to offer a search.
    const names = ['north', 'south', 'east', 'west', 'harbour', 'airport', 'station', 'market', 'park', 'bridge', 'castle', 'mill', 'square', 'river'];
    // The east store has no row on the 10th: a gap, filled as missing.
    for (let d = 1; d <= 28; d++) for (const [i, store] of names.entries()) if (!(store === 'east' && d === 10)) rows.push(`2024-02-${String(d).padStart(2, '0')},${store},${100 + 10 * i + d + (d % 7 === 0 ? 30 : 0)},ok ${d}`);
    // Two rows for one store on one day: a duplicate the dialog must ask about.
    rows.push('2024-02-03,north,999,again');
    fs.writeFileSync(file, rows.join('\n'));
    const { body } = await api(served, 'datasets.import', { path: file, types: { note: 'text' } });
    expect((await waitForJob(served, body.data.jobId)).status).toBe('succeeded');
    const stores = await datasetId('stores');

    const page = await openWide();
    await openDialog(page, stores);
    await page.waitForSelector('[data-testid="forecast-time"]:not([disabled])');
    expect(await page.inputValue('[data-testid="forecast-time"]')).toBe('day');

    // A text column as target: the reason names it, at the field and beside Start, which stays disabled.
    await page.selectOption('[data-testid="forecast-target"]', 'note');
    await page.fill('[data-testid="forecast-horizon"]', '7');
    const fieldError = await page.textContent('[data-testid="field-error-target"]');
    expect(fieldError).toMatch(/“note” is a text column; a forecast target must be numeric/);
    expect(await page.textContent('[data-testid="forecast-blocker"]')).toBe(fieldError);
    expect(await page.isDisabled('[data-testid="forecast-submit"]')).toBe(true);
    // Enter does not start it either.
    await page.focus('[data-testid="forecast-horizon"]');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid="forecast-dialog"]');
    await shot(page, 'forecast-dialog-bad-target');

    // Sales per store: the duplicate day is found, and Start waits for a rule to combine it.
    await page.selectOption('[data-testid="forecast-target"]', 'sales');
    await page.selectOption('[data-testid="forecast-series"]', 'store');
    await page.waitForSelector('[data-testid="forecast-detection"], [data-testid="forecast-detect-error"]', { timeout: 30_000 });
    await page.waitForSelector('[data-testid="forecast-duplicates"]');
    expect(await page.isDisabled('[data-testid="forecast-submit"]')).toBe(true);
    expect(await page.textContent('[data-testid="forecast-blocker"]')).toMatch(/several rows|duplicate/i);
    await shot(page, 'forecast-dialog-duplicates');
    await expectAccessible(page, '[data-testid="forecast-dialog"]');
    await page.selectOption('[data-testid="forecast-duplicates"]', 'sum');
    await page.waitForSelector('[data-testid="detect-series"]:text-is("14")', { timeout: 30_000 });
    await page.waitForSelector('[data-testid="forecast-submit"]:not([disabled])');
    expect(await page.textContent('[data-testid="detect-frequency"]')).toBe('daily');
    expect(await page.textContent('[data-testid="detect-gaps"]')).toMatch(/^1 gap, 1 step filled as missing \(longest 1 step in “east” from 2024-02-10\)$/);

    // Escape cancels without starting anything.
    const before = (await api(served, 'runs.list', {})).body.data.length;
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-testid="forecast-dialog"]', { state: 'detached', timeout: 60_000 });
    expect((await api(served, 'runs.list', {})).body.data.length).toBe(before);

    // Reopened, the dialog keeps the choices; Enter starts a forecast of every store.
    await page.click('[data-testid="new-forecast"]');
    await page.waitForSelector('[data-testid="detect-series"]:text-is("14")', { timeout: 30_000 });
    expect(await page.inputValue('[data-testid="forecast-series"]')).toBe('store');
    expect(await page.inputValue('[data-testid="forecast-duplicates"]')).toBe('sum');
    // A season longer than the data allows: the host refuses, the reason shows beside Start and at the field, which gets the focus.
    await page.fill('[data-testid="forecast-seasons"]', '7, 365');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid="field-error-season"]');
    expect(await page.textContent('[data-testid="field-error-season"]')).toMatch(/365/);
    expect(await page.textContent('[data-testid="forecast-blocker"]')).toBe(await page.textContent('[data-testid="field-error-season"]'));
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('forecast-seasons');
    await shot(page, 'forecast-dialog-refused');
    await expectAccessible(page, '[data-testid="forecast-dialog"]');
    await page.fill('[data-testid="forecast-seasons"]', '7');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid="forecast-dialog"]', { state: 'detached', timeout: 60_000 });
    await waitSucceeded(page);
    await page.waitForSelector('[data-testid="forecast-chart"] canvas');
    // The series picker: a search narrows the list, Enter takes the first match.
    expect(await page.$$eval('[data-testid="series-picker"] option', (o) => o.length)).toBe(14);
    await page.fill('[data-testid="series-search"]', 'riv');
    expect(await page.$$eval('[data-testid="series-picker"] option', (o) => o.map((x) => x.getAttribute('value')))).toContain('river');
    await page.keyboard.press('Enter');
    expect(await page.inputValue('[data-testid="series-picker"]')).toBe('river');
    await expect.poll(() => colouredPixels(page, 'forecast-chart', FORECAST_ORANGE)).toBeGreaterThan(500);
    await shot(page, 'forecast-many-series');
    await page.close();
  }, SLOW_MS);
});
