import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { api, launch, serve, shot, trainRun, waitForJob, type Served } from './harness';
import { tempHome } from '../helpers/temp-home';

let served: Served;
let browser: Browser;
const home = tempHome('lathe-e2e-read-well-');
let dataset = '';
let strong = '';
let weak = '';

beforeAll(async () => {
  served = await serve(home.dir);
  browser = await launch();
  const { body } = await api(served, 'datasets.importSample', { id: 'california-housing' });
  dataset = (await waitForJob(served, body.data.jobId)).result.id;
  strong = await trainRun(served, { dataset, target: 'median_house_value', family: 'gbdt', params: { trees: 40 } });
  weak = await trainRun(served, { dataset, target: 'median_house_value', family: 'linear' });
});

afterAll(async () => {
  await browser?.close();
  await served?.stop();
  home.cleanup();
});

/** The app at the size the screenshots are judged at. */
async function open(): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(served.url);
  await page.waitForSelector('html[data-app-ready="true"]');
  return page;
}

async function openRun(page: Page, id: string) {
  await page.click('[data-testid="nav-experiments"]');
  await page.click(`[data-testid="run-${id}"]`);
  await page.waitForSelector(`[data-testid="run-${id}"][aria-selected="true"]`);
  await page.waitForSelector('[data-testid="run-title"]');
}

describe('runs that read well', () => {
  it('renames a run in place: Enter saves, Escape cancels, and the list shows the name', async () => {
    const page = await open();
    await openRun(page, strong);
    await page.click('[data-testid="run-rename"]');
    await page.fill('[data-testid="run-name-input"]', 'Forty trees');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid="run-name"]');
    expect(await page.textContent('[data-testid="run-name"]')).toBe('Forty trees');
    expect(await page.textContent(`[data-testid="run-${strong}"] [data-testid="row-run-name"]`)).toBe('Forty trees');

    // Escape leaves the name as it was.
    await page.click('[data-testid="run-rename"]');
    await page.fill('[data-testid="run-name-input"]', 'not this');
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-testid="run-name-input"]', { state: 'detached' });
    expect(await page.textContent('[data-testid="run-name"]')).toBe('Forty trees');
    expect((await api(served, 'runs.get', { id: strong })).body.data.name).toBe('Forty trees');

    // Tags from the Notes tab show in the row.
    await page.click('[data-testid="run-tab-notes"]');
    await page.fill('[data-testid="run-tags"]', 'baseline, trees');
    await page.click('[data-testid="run-notes-save"]');
    await page.waitForSelector(`[data-testid="run-${strong}"] .run-row-tag >> text=baseline`);

    // The residual plot says it shows a sample of the test rows.
    await page.click('[data-testid="run-tab-residuals"]');
    expect(await page.textContent('[data-testid="run-residuals-caption"]')).toMatch(/a sample of 2,064 of 4,128 test rows/);
    expect(await page.textContent('[data-testid="run-backend"]')).toBe('backend: typescript-cpu');
    await shot(page, 'read-well-renamed');
    await page.close();
  });

  it('ticks runs in Experiments, with the mouse and with Space, and compares them', async () => {
    const page = await open();
    await openRun(page, weak);
    await page.click(`[data-testid="tick-${strong}"]`);
    // Space ticks the run in focus in the list.
    await page.focus('[data-testid="runs-table"]');
    await page.keyboard.press('Space');
    await page.waitForSelector(`[data-testid="run-${weak}"][aria-checked="true"]`);
    expect(await page.getAttribute(`[data-testid="run-${strong}"]`, 'aria-checked')).toBe('true');
    expect(await page.textContent('[data-testid="runs-ticked-count"]')).toBe('2 ticked');
    await shot(page, 'read-well-ticked');

    await page.click('[data-testid="compare-selected"]');
    await page.waitForSelector('[data-testid="page-compare"]');
    await page.waitForSelector('[data-testid="compare-view"]');
    const picked = await page.$$eval('[data-testid="compare-picked"] [data-testid^="picked-"]', (els) => els.map((e) => e.getAttribute('data-testid')!.slice(7)));
    expect(new Set(picked)).toEqual(new Set([strong, weak]));
    // The named run is called by its name; MAPE reads as a percentage.
    expect(await page.textContent('[data-testid="compare-picked"]')).toContain('Forty trees');
    expect(await page.textContent('[data-testid="compare-metrics"] tr[data-metric="mape"]')).toMatch(/\d+(\.\d+)? %/);
    await shot(page, 'read-well-compare');
    await page.close();
  });

  it('lists sweeps in their own section, with a note when an earlier run did better', async () => {
    const { body } = await api(served, 'sweeps.start', {
      dataset, target: 'median_house_value', family: 'gbdt', method: 'grid', trials: 2, space: ['maxDepth=1|2'], params: { trees: 5 }, stopEarly: false,
    });
    expect(body.ok).toBe(true);
    const page = await open();
    await page.click('[data-testid="nav-sweeps"]');
    await page.waitForSelector('[data-testid="page-sweeps"]');
    await page.waitForSelector(`[data-testid="sweep-${body.data.sweepId}"]`);
    await page.waitForSelector('[data-testid="sweep-detail"][data-status="succeeded"]', { timeout: 60_000 });
    expect(await page.textContent('[data-testid="sweep-earlier-better"]')).toMatch(/An earlier run on this dataset and target did better: RMSE [\d,]+ \(Forty trees, run [0-9a-f]{8}\) against this sweep’s best [\d,]+/);
    await shot(page, 'read-well-sweeps');

    // The new-sweep form knows the family's parameters and the target's task.
    await page.click('[data-testid="new-sweep"]');
    await page.waitForSelector('[data-testid="new-sweep-dialog"]');
    await page.selectOption('[data-testid="sweep-target"]', 'median_house_value');
    await page.waitForSelector('[data-testid="sweep-metric"][data-task="regression"]');
    const objectives = await page.$$eval('[data-testid="sweep-metric"] option', (os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(objectives).toEqual(['', 'rmse', 'mae', 'r2', 'mape']);
    expect(await page.textContent('[data-testid="sweep-param-names"]')).toMatch(/^gbdt parameters: .*maxDepth/);
    await page.fill('[data-testid="space-key-0"]', 'epochs');
    await page.click('[data-testid="sweep-submit"]');
    expect(await page.textContent('[data-testid="sweep-space"]')).toContain("gbdt has no parameter 'epochs'");
    await shot(page, 'read-well-new-sweep');
    await page.close();
  });

  it('asks before registering a version worse than production', async () => {
    expect((await api(served, 'models.register', { runId: strong, name: 'houses' })).body.ok).toBe(true);
    expect((await api(served, 'models.promote', { name: 'houses', version: '1.0.0', alias: 'production' })).body.ok).toBe(true);
    const page = await open();
    await openRun(page, weak);
    await page.click('[data-testid="run-register"]');
    await page.waitForSelector('[data-testid="register-dialog"]');
    await page.fill('[data-testid="register-name"]', 'houses');
    await page.waitForSelector('[data-testid="register-warning"]');
    expect(await page.textContent('[data-testid="register-warning"]')).toMatch(/scores worse than production \(houses@1\.0\.0\): RMSE [\d,]+ against [\d,]+/);
    expect(await page.isDisabled('[data-testid="register-submit"]')).toBe(true);
    await shot(page, 'read-well-register-warning');
    await page.check('[data-testid="register-confirm-worse"]');
    await page.click('[data-testid="register-submit"]');
    await page.waitForSelector('[data-testid="version-1.1.0"]');
    expect((await api(served, 'models.get', { name: 'houses' })).body.data.aliases).toEqual({ production: '1.0.0' });
    await page.close();
  });

  it('shows each run its own headline metrics: regression, forecast and recommender side by side', async () => {
    const imported = await api(served, 'datasets.importSample', { id: 'airline-passengers' });
    const airline = (await waitForJob(served, imported.body.data.jobId)).result.id as string;
    const fc = await api(served, 'forecast.start', { dataset: airline, time: 'Month', target: 'Passengers', horizon: 6, windows: 2, model: 'theta' });
    expect((await waitForJob(served, fc.body.data.jobId)).status).toBe('succeeded');
    // A small ratings table: 40 readers, each rating 15 of 30 books.
    const lines = ['user,book,rating'];
    for (let u = 0; u < 40; u++) for (let j = 0; j < 15; j++) lines.push(`u${u},b${(u * 7 + j * 2) % 30},${((u + j * 3) % 5) + 1}`);
    fs.writeFileSync(path.join(home.dir, 'ratings.csv'), lines.join('\n'));
    const ratingsJob = (await api(served, 'datasets.import', { path: path.join(home.dir, 'ratings.csv') })).body.data.jobId;
    const ratings = (await waitForJob(served, ratingsJob)).result.id as string;
    const rec = await api(served, 'recommend.start', { dataset: ratings, user: 'user', item: 'book', rating: 'rating', model: 'mf', params: { factors: 8, epochs: 5 } });
    expect((await waitForJob(served, rec.body.data.jobId)).status).toBe('succeeded');

    const page = await open();
    await page.click('[data-testid="nav-experiments"]');
    await page.waitForSelector(`[data-testid="run-${rec.body.data.runId}"]`);
    const heads = await page.$$eval('.runs-head .runs-sort.metric', (els) => els.map((e) => e.textContent?.trim()));
    expect(heads).toEqual(['RMSE', 'R²', 'MASE', 'sMAPE', '95 % cov.', 'nDCG@10', 'P@10']);
    const cell = (run: string, metric: string) => page.textContent(`[data-testid="run-${run}"] [data-metric="${metric}"]`);
    // A forecast reads by MASE, not by the regression's RMSE; coverage as a percentage.
    expect(await cell(fc.body.data.runId, 'mase')).toMatch(/^\d+(\.\d+)?$/);
    expect(await cell(fc.body.data.runId, 'smape')).toMatch(/^\d+(\.\d+)? %$/);
    expect(await cell(fc.body.data.runId, 'coverage95')).toMatch(/^\d+(\.\d+)? %$/);
    expect(await cell(fc.body.data.runId, 'rmse')).toBe('');
    // A recommender by nDCG and precision at its k, and RMSE since it learned from ratings.
    expect(await cell(rec.body.data.runId, 'ndcgAt10')).toMatch(/^0\.\d+$/);
    expect(await cell(rec.body.data.runId, 'precisionAt10')).toMatch(/^0\.\d+$/);
    expect(await cell(rec.body.data.runId, 'rmse')).toMatch(/^\d\.\d+$/);
    expect(await cell(strong, 'rmse')).toMatch(/^\d{2},\d{3}$/);
    expect(await cell(strong, 'mase')).toBe('');

    // Sorting from the keyboard: a metric column's header takes Enter.
    await page.focus('[data-testid="sort-mase"]');
    await page.keyboard.press('Enter');
    expect(await page.getAttribute('[data-testid="sort-mase"]', 'aria-pressed')).toBe('true');
    expect(await page.textContent('[data-testid="sort-mase"]')).toContain('↑');
    await page.locator('.main').evaluate((el) => (el.scrollTop = 0));
    await shot(page, 'read-well-tasks-table');

    // In a narrow window the columns keep their width and the table scrolls sideways, header and rows together.
    await page.setViewportSize({ width: 1024, height: 700 });
    const x = (sel: string) => page.locator(sel).evaluate((el) => Math.round(el.getBoundingClientRect().right));
    await page.locator('.runs-hscroll').evaluate((el) => (el.scrollLeft = el.scrollWidth));
    expect(await page.locator('.runs-hscroll').evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
    expect(await x(`[data-testid="run-${rec.body.data.runId}"] [data-metric="precisionAt10"]`)).toBe(await x('[data-testid="sort-precisionAt10"]'));
    await shot(page, 'read-well-tasks-table-1024');
    await page.close();
  });
});
