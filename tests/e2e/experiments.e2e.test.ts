import { describe, expect, it } from 'vitest';
import { GBDT_DEFAULTS } from '../../shared/families/index';
import type { Browser, Page } from 'playwright-core';
import { api, colouredPixels, openApp, type Served, servedApp, shot, waitForJob } from './harness';

let served: Served;
let browser: Browser;
const home = servedApp('lathe-e2e-experiments-', (s, b) => ([served, browser] = [s, b]));

/** Waits until a host job reaches an end state and returns it. */
const jobEnd = (jobId: string) => waitForJob(served, jobId);

const runRows = (page: Page) =>
  page.$$eval('[data-testid="runs-table"] [data-testid^="run-"]', (rows) => rows.map((r) => r.getAttribute('data-testid')!.slice(4)));

const waitStatus = (page: Page, status: string) =>
  page.waitForSelector(`[data-testid="run-status"]:text-is("${status}")`, { timeout: 60_000 });

describe('experiments, end to end', () => {
  it('trains from the New run dialog, draws the live curve, and reads the report', async () => {
    const { body } = await api(served, 'datasets.importSample', { id: 'california-housing' });
    expect((await jobEnd(body.data.jobId)).status).toBe('succeeded');

    const page = await openApp(browser, served.url);
    await page.click('[data-testid="nav-experiments"]');
    await page.waitForSelector('[data-testid="empty-experiments"]');
    await page.waitForSelector('[data-testid="empty-new-run"]:not([disabled])');
    await shot(page, 'experiments-empty');

    // The dialog: dataset chosen, target from the dataset's columns, gbdt with 300 trees.
    await page.click('[data-testid="empty-new-run"]');
    await page.waitForSelector('[data-testid="new-run-dialog"]');
    await page.waitForSelector('[data-testid="new-run-target"] option[value="median_house_value"]', { state: 'attached' });
    await page.selectOption('[data-testid="new-run-target"]', 'median_house_value');
    // The form's defaults are the family schema's.
    expect(await page.inputValue('[data-testid="param-trees"]')).toBe(String(GBDT_DEFAULTS.trees));
    expect(await page.inputValue('[data-testid="seed"]')).toBe('42');
    await page.fill('[data-testid="param-trees"]', '300');
    // Every round is drawn and stored: with early stopping off, all 300 of them.
    await page.selectOption('[data-testid="param-earlyStopping"]', 'off');
    await shot(page, 'experiments-new-run');

    // Enter trains; the new run opens and its curve draws while it trains.
    await page.focus('[data-testid="param-trees"]');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid="new-run-dialog"]', { state: 'detached' });
    await page.waitForSelector('[data-testid="run-detail"] [data-testid="run-curves"] canvas');
    await shot(page, 'experiments-training');
    // Best effort: catch the curve mid-training (300 trees take about a second here).
    for (let i = 0; i < 100; i++) {
      if ((await page.textContent('[data-testid="run-status"]')) !== 'running') break;
      if ((await colouredPixels(page, 'run-curves')) > 50) {
        await shot(page, 'experiments-training-live');
        break;
      }
      await page.waitForTimeout(25);
    }
    await waitStatus(page, 'succeeded');
    await page.waitForFunction(() => document.querySelector('[data-testid="run-duration"]')?.textContent?.endsWith('s'));
    await expect.poll(() => colouredPixels(page, 'run-curves')).toBeGreaterThan(200);
    expect(await page.textContent('[data-testid="run-backend"]')).toBe('backend: typescript-cpu');
    await shot(page, 'experiments-run-done');

    const [first] = (await api(served, 'runs.list', {})).body.data;
    expect(first.family).toBe('gbdt');
    const detail = (await api(served, 'runs.get', { id: first.id })).body.data;
    expect(detail.params.trees).toBe(300);
    expect(detail.curves.valid).toHaveLength(300);
    expect(await runRows(page)).toEqual([first.id]);

    // Metrics: RMSE and the prediction interval's measured coverage.
    await page.click('[data-testid="run-tab-metrics"]');
    const metrics = await page.textContent('[data-testid="run-metrics"]');
    expect(metrics).toContain('RMSE');
    expect(await page.textContent('[data-testid="run-intervals"]')).toMatch(/90 % interval ±[\d,]+, measured coverage \d+\.\d %/);
    await page.locator('[data-testid="run-metrics"]').scrollIntoViewIfNeeded();
    await shot(page, 'experiments-metrics');

    // Importance: permutation of the input columns by default, gain beside it for trees; then residuals.
    await page.click('[data-testid="run-tab-importance"]');
    await page.waitForSelector('[data-testid="run-importance"] canvas');
    expect(await page.getAttribute('[data-testid="importance-view-permutation"]', 'aria-pressed')).toBe('true');
    expect(await page.textContent('[data-testid="run-importance-caption"]')).toMatch(/RMSE rises .* among [\d,]+ held-out test rows/);
    expect(await page.$('[data-testid="importance-view-coefficients"]')).toBeNull();
    await expect.poll(() => colouredPixels(page, 'run-importance')).toBeGreaterThan(500);
    await page.locator('[data-testid="run-importance"]').scrollIntoViewIfNeeded();
    await shot(page, 'experiments-importance');
    await page.click('[data-testid="importance-view-gain"]');
    await page.waitForSelector('[data-testid="importance-view-gain"][aria-pressed="true"]');
    expect(await page.textContent('[data-testid="run-importance-caption"]')).toContain('share of the loss reduction');
    await shot(page, 'experiments-importance-gain');
    await page.click('[data-testid="run-tab-residuals"]');
    await page.waitForSelector('[data-testid="run-residuals"] canvas');
    await expect.poll(() => colouredPixels(page, 'run-residuals')).toBeGreaterThan(500);
    await page.locator('[data-testid="run-residuals"]').scrollIntoViewIfNeeded();
    await shot(page, 'experiments-residuals');
    await page.click('[data-testid="run-tab-params"]');
    expect(await page.textContent('[data-testid="run-params"]')).toMatch(/trees\s*300/);

    // A second run, linear: the dialog starts from the open run's dataset and target.
    await page.click('[data-testid="new-run"]');
    await page.waitForSelector('[data-testid="new-run-dialog"]');
    await page.waitForSelector('[data-testid="new-run-target"] option[value="median_house_value"]', { state: 'attached' });
    expect(await page.inputValue('[data-testid="new-run-target"]')).toBe('median_house_value');
    await page.click('[data-testid="family-linear"]');
    expect(await page.inputValue('[data-testid="param-l2"]')).toBe('0.001');
    await page.click('[data-testid="new-run-submit"]');
    await page.waitForSelector('[data-testid="new-run-dialog"]', { state: 'detached' });
    await waitStatus(page, 'succeeded');
    expect(await page.textContent('[data-testid="run-title"]')).toContain('linear');
    // A linear run's importance: permutation, and its signed coefficients with their source columns.
    await page.click('[data-testid="run-tab-importance"]');
    await page.click('[data-testid="importance-view-coefficients"]');
    await page.waitForSelector('[data-testid="importance-view-coefficients"][aria-pressed="true"]');
    expect(await page.$('[data-testid="importance-view-gain"]')).toBeNull();
    expect(await page.textContent('[data-testid="run-importance-caption"]')).toContain('per standard deviation');
    await expect.poll(() => colouredPixels(page, 'run-importance')).toBeGreaterThan(500);
    await page.locator('[data-testid="run-importance"]').scrollIntoViewIfNeeded();
    await shot(page, 'experiments-importance-coefficients');
    await page.click('[data-testid="run-tab-metrics"]');
    const runs = (await api(served, 'runs.list', {})).body.data as { id: string; family: string }[];
    expect(runs.map((r) => r.family)).toEqual(['linear', 'gbdt']);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="runs-table"] [data-testid^="run-"]').length === 2);
    expect(await page.textContent('[data-testid="runs-table"]')).toContain('median_house_value');
    await page.locator('.main').evaluate((el) => (el.scrollTop = 0));
    await shot(page, 'experiments-two-runs');

    // Sort by RMSE (lowest first: gbdt), search, and move through runs with the keyboard.
    await page.click('[data-testid="sort-rmse"]');
    expect(await runRows(page)).toEqual([first.id, runs[0].id]);
    await page.fill('[data-testid="runs-search"]', 'linear');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="runs-table"] [data-testid^="run-"]').length === 1);
    await page.fill('[data-testid="runs-search"]', '');
    await page.focus('[data-testid="runs-table"]');
    await page.keyboard.press('Home');
    await page.waitForSelector(`[data-testid="run-${first.id}"][aria-selected="true"]`);
    await page.keyboard.press('ArrowDown');
    await page.waitForSelector(`[data-testid="run-${runs[0].id}"][aria-selected="true"]`);
    await page.waitForSelector('[data-testid="run-title"]:has-text("linear")');
    await page.close();
  });

  it('checks the form, re-runs and deletes a run, and reads well in the dark', async () => {
    const page = await openApp(browser, served.url, 'dark');
    await page.click('[data-testid="nav-experiments"]');
    await page.waitForSelector('[data-testid="runs-table"] [data-testid^="run-"]');

    // Fields are checked before the host is asked; Escape cancels.
    await page.click('[data-testid="new-run"]');
    await page.waitForSelector('[data-testid="new-run-dialog"]');
    await page.waitForSelector('[data-testid="new-run-target"] option[value="median_house_value"]', { state: 'attached' });
    await page.selectOption('[data-testid="new-run-target"]', 'median_house_value');
    await page.fill('[data-testid="param-trees"]', '0');
    await page.selectOption('[data-testid="split-kind"]', 'kfold');
    await page.fill('[data-testid="split-k"]', '1');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid="field-error-params.trees"]');
    await page.waitForSelector('[data-testid="field-error-split.k"]');
    await shot(page, 'experiments-form-errors');
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-testid="new-run-dialog"]', { state: 'detached' });

    // Re-run the gbdt run: same params and seed, a new run selected.
    const before = (await api(served, 'runs.list', {})).body.data as { id: string; family: string }[];
    const gbdt = before.find((r) => r.family === 'gbdt')!;
    await page.click(`[data-testid="run-${gbdt.id}"]`);
    await waitStatus(page, 'succeeded');
    await page.click('[data-testid="run-rerun"]');
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="runs-table"] [data-testid^="run-"]').length === n, before.length + 1);
    await waitStatus(page, 'succeeded');
    const after = (await api(served, 'runs.list', {})).body.data as { id: string; metrics: Record<string, number> }[];
    expect(after[0].metrics.rmse).toBeCloseTo(after.find((r) => r.id === gbdt.id)!.metrics.rmse, 6);
    await page.waitForSelector(`[data-testid="run-${after[0].id}"][aria-selected="true"]`);
    await shot(page, 'experiments-dark');

    // Notes and tags are kept with the run, and tags are searchable.
    await page.click('[data-testid="run-tab-notes"]');
    await page.fill('[data-testid="run-notes"]', 'Re-run to check it reproduces.');
    await page.fill('[data-testid="run-tags"]', 'repro, baseline');
    await page.click('[data-testid="run-notes-save"]');
    await page.waitForSelector('.tag:text-is("repro")');
    expect((await api(served, 'runs.get', { id: after[0].id })).body.data.tags).toEqual(['repro', 'baseline']);
    await page.fill('[data-testid="runs-search"]', 'repro');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="runs-table"] [data-testid^="run-"]').length === 1);
    await page.fill('[data-testid="runs-search"]', '');

    // Delete, after confirming.
    await page.click('[data-testid="run-delete"]');
    await page.waitForSelector('[data-testid="confirm-delete-run"]');
    await shot(page, 'experiments-delete-confirm');
    await page.click('[data-testid="confirm-delete-run"]');
    await page.waitForSelector(`[data-testid="run-${after[0].id}"]`, { state: 'detached' });
    expect((await api(served, 'runs.list', {})).body.data).toHaveLength(before.length);
    await page.close();
  });

  it('shows a classifier’s confusion matrix and calibration', async () => {
    const imported = await api(served, 'datasets.importSample', { id: 'adult-income' });
    const dataset = (await jobEnd(imported.body.data.jobId)).result.id;
    const started = await api(served, 'runs.start', { dataset, target: 'income', family: 'gbdt', params: { trees: 40 } });
    expect((await jobEnd(started.body.data.jobId)).status).toBe('succeeded');

    const page = await openApp(browser, served.url);
    await page.click('[data-testid="nav-experiments"]');
    await page.click(`[data-testid="run-${started.body.data.runId}"]`);
    await waitStatus(page, 'succeeded');
    expect(await page.textContent('[data-testid="run-title"]')).toContain('income');
    await page.click('[data-testid="run-tab-confusion"]');
    await page.waitForSelector('[data-testid="run-confusion"] canvas');
    await expect.poll(() => colouredPixels(page, 'run-confusion')).toBeGreaterThan(500);
    await page.locator('[data-testid="run-confusion"]').scrollIntoViewIfNeeded();
    await shot(page, 'experiments-confusion');
    await page.click('[data-testid="run-tab-calibration"]');
    await page.waitForSelector('[data-testid="run-calibration"] canvas');
    await page.locator('[data-testid="run-calibration"]').scrollIntoViewIfNeeded();
    await shot(page, 'experiments-calibration');
    // Accuracy and AUC headline classification runs in the list.
    const row = await page.textContent(`[data-testid="run-${started.body.data.runId}"]`);
    expect(row).toMatch(/binary.*0\.8\d+.*0\.9\d+/);
    await page.close();
  });
});
