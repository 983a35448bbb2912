import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { api, colouredPixels, launch, openApp, serve, shot, trainRun, waitForJob, type Served } from './harness';
import { tempHome } from '../helpers/temp-home';

let served: Served;
let browser: Browser;
const home = tempHome('lathe-e2e-compare-');
const TARGET = 'median_house_value';
let dataset = '';
let gbdt = '';
let linear = '';

/** Waits until a host job reaches an end state and returns it. */
const jobEnd = (jobId: string) => waitForJob(served, jobId);

const train = (family: string, params: Record<string, unknown> = {}) => trainRun(served, { dataset, target: TARGET, family, params });

beforeAll(async () => {
  served = await serve(home.dir);
  browser = await launch();
  const { body } = await api(served, 'datasets.importSample', { id: 'california-housing' });
  dataset = (await jobEnd(body.data.jobId)).result.id;
  gbdt = await train('gbdt', { trees: 60 });
  linear = await train('linear');
});

afterAll(async () => {
  await browser?.close();
  await served?.stop();
  home.cleanup();
});

describe('compare, end to end', () => {
  it('overlays curves, shows deltas and params, and runs the A/B test', async () => {
    const page = await openApp(browser, served.url);
    await page.click('[data-testid="nav-compare"]');
    await page.waitForSelector(`[data-testid="run-${gbdt}"]`);
    // The first ticked is the baseline (A): gbdt; linear is B.
    await page.check(`[data-testid="run-${gbdt}"] input[type="checkbox"]`);
    await page.check(`[data-testid="run-${linear}"] input[type="checkbox"]`);
    await page.waitForSelector('[data-testid="compare-view"]');
    await expect.poll(() => colouredPixels(page, 'compare-curves')).toBeGreaterThan(200);

    // RMSE: linear is worse than gbdt, so its delta is positive and marked worse.
    const rmse = page.locator('[data-testid="compare-metrics"] tr[data-metric="rmse"]');
    expect(await rmse.locator('[data-testid="metric-delta"]').textContent()).toMatch(/^\+/);
    expect(await rmse.locator('.delta').getAttribute('class')).toContain('delta-worse');
    expect(await page.locator('[data-testid="compare-metrics"] tr[data-metric="r2"] .delta').getAttribute('class')).toContain('delta-worse');
    // The family differs, and is highlighted; the target does not.
    expect(await page.getAttribute('[data-testid="compare-params"] tr[data-param="family"]', 'data-differs')).toBe('true');
    expect(await page.getAttribute('[data-testid="compare-params"] tr[data-param="target"]', 'data-differs')).toBeNull();
    await shot(page, 'compare-runs');

    // A/B on RMSE: the paired test finds A (gbdt) better.
    expect(await page.inputValue('[data-testid="ab-metric"]')).toBe('rmse');
    await page.fill('[data-testid="ab-margin"]', '500');
    await page.click('[data-testid="ab-run"]');
    await page.waitForSelector('[data-testid="ab-verdict"]', { timeout: 60_000 });
    expect(await page.textContent('[data-testid="ab-verdict"]')).toMatch(/^(A is better|B is better)/);
    expect(await page.textContent('[data-testid="ab-verdict"]')).toMatch(/^A is better: RMSE lower by/);
    expect(await page.textContent('[data-testid="ab-interval"]')).toMatch(/B − A = [\d,.]+ \(95 % CI [\d,.]+ … [\d,.]+\)/);
    await page.waitForSelector('[data-testid="ab-forest"]');
    await page.locator('[data-testid="ab-panel"]').scrollIntoViewIfNeeded();
    await shot(page, 'compare-ab');

    // The selection stays while moving between sections.
    await page.click('[data-testid="nav-experiments"]');
    await page.click('[data-testid="nav-compare"]');
    await page.waitForSelector('[data-testid="ab-panel"]');
    expect(await page.isChecked(`[data-testid="run-${linear}"] input[type="checkbox"]`)).toBe(true);
    await page.close();
  });

  it('refuses an A/B test of runs on different test rows with the host’s reason', async () => {
    const { body } = await api(served, 'runs.start', { dataset, target: TARGET, family: 'linear', seed: 7 });
    expect((await jobEnd(body.data.jobId)).status).toBe('succeeded');
    const page = await openApp(browser, served.url, 'dark');
    await page.click('[data-testid="nav-compare"]');
    await page.check(`[data-testid="run-${gbdt}"] input[type="checkbox"]`);
    await page.check(`[data-testid="run-${body.data.runId}"] input[type="checkbox"]`);
    await page.waitForSelector('[data-testid="ab-panel"]');
    await expect.poll(() => colouredPixels(page, 'compare-curves')).toBeGreaterThan(100);
    // seed differs: highlighted in the params table.
    expect(await page.getAttribute('[data-testid="compare-params"] tr[data-param="seed"]', 'data-differs')).toBe('true');
    await page.click('[data-testid="ab-run"]');
    await page.waitForSelector('[data-testid="ab-error"]', { timeout: 60_000 });
    expect(await page.textContent('[data-testid="ab-error"]')).toMatch(/cannot be compared row by row/);
    await shot(page, 'compare-dark');
    await page.locator('[data-testid="ab-panel"]').scrollIntoViewIfNeeded();
    await shot(page, 'compare-ab-refused-dark');
    await page.close();
  });

  it('starts a sweep from the dialog and marks its best trial', async () => {
    const page = await openApp(browser, served.url);
    await page.click('[data-testid="nav-compare"]');
    await page.click('[data-testid="compare-tab-sweeps"]');
    await page.waitForSelector('[data-testid="empty-sweeps"]');
    await shot(page, 'sweeps-empty');
    await page.click('[data-testid="new-sweep"]');
    await page.waitForSelector('[data-testid="new-sweep-dialog"]');
    await page.waitForSelector(`[data-testid="sweep-target"] option[value="${TARGET}"]`, { state: 'attached' });
    await page.selectOption('[data-testid="sweep-target"]', TARGET);
    await page.selectOption('[data-testid="sweep-family"]', 'gbdt');
    await page.selectOption('[data-testid="sweep-method"]', 'random');
    await page.fill('[data-testid="sweep-trials"]', '4');
    // One searched parameter: maxDepth 2..6; trees fixed at 30.
    await page.click('[data-testid="space-remove-1"]');
    await page.fill('[data-testid="space-key-0"]', 'maxDepth');
    await page.fill('[data-testid="space-lo-0"]', '2');
    await page.fill('[data-testid="space-hi-0"]', '6');
    expect(await page.textContent('[data-testid="space-preview-0"]')).toBe('maxDepth=2..6');
    await page.click('[data-testid="fixed-add"]');
    await page.fill('[data-testid="fixed-key-0"]', 'trees');
    await page.fill('[data-testid="fixed-value-0"]', '30');
    await shot(page, 'sweeps-new');
    await page.click('[data-testid="sweep-submit"]');
    await page.waitForSelector('[data-testid="new-sweep-dialog"]', { state: 'detached' });
    await page.waitForSelector('[data-testid="sweep-detail"]');

    await page.waitForSelector('[data-testid="sweep-detail"][data-status="succeeded"]', { timeout: 60_000 });
    await page.waitForSelector('[data-testid="sweep-best-badge"]');
    const sweeps = (await api(served, 'sweeps.list', {})).body.data as { bestRunId: string; results: { params: Record<string, unknown> }[]; space: string[] }[];
    expect(sweeps).toHaveLength(1);
    expect(sweeps[0].space).toEqual(['maxDepth=2..6']);
    expect(sweeps[0].results).toHaveLength(4);
    expect(sweeps[0].results.every((t) => t.params.trees === 30)).toBe(true);
    expect(await page.getAttribute('[data-testid="sweep-best-badge"]', 'data-testid')).toBe('sweep-best-badge');
    expect(await page.locator('tr[data-best="true"]').getAttribute('data-testid')).toBe(`trial-${sweeps[0].bestRunId}`);
    expect(await page.getAttribute('[data-testid="sweep-parallel-wrap"]', 'data-best-run')).toBe(sweeps[0].bestRunId);
    // The parallel chart draws every trial, the best one in its own orange.
    await expect.poll(() => colouredPixels(page, 'sweep-parallel')).toBeGreaterThan(300);
    await expect.poll(() => colouredPixels(page, 'sweep-parallel', [224, 120, 47])).toBeGreaterThan(100);
    await shot(page, 'sweeps-done');
    await page.locator('[data-testid="sweep-trials"]').scrollIntoViewIfNeeded();
    await shot(page, 'sweeps-trials');
    await page.close();

    const dark = await openApp(browser, served.url, 'dark');
    await dark.click('[data-testid="nav-compare"]');
    await dark.click('[data-testid="compare-tab-sweeps"]');
    await dark.waitForSelector('[data-testid="sweep-best-badge"]');
    await expect.poll(() => colouredPixels(dark, 'sweep-parallel', [224, 120, 47])).toBeGreaterThan(100);
    await shot(dark, 'sweeps-dark');
    await dark.close();
  });

  it('follows a running sweep live and cancels it', async () => {
    const { body } = await api(served, 'sweeps.start', {
      dataset, target: TARGET, family: 'gbdt', method: 'tpe', trials: 40, parallel: 1, params: { trees: 400 }, space: ['maxDepth=3..8', 'learningRate=0.01..0.3:log'],
    });
    expect(body.ok).toBe(true);
    const page = await openApp(browser, served.url);
    await page.click('[data-testid="nav-compare"]');
    await page.click('[data-testid="compare-tab-sweeps"]');
    await page.click(`[data-testid="sweep-${body.data.sweepId}"]`);
    await page.waitForSelector('[data-testid="sweep-detail"][data-status="running"]');
    // Trials appear in the table as they start, without reloading.
    await page.waitForSelector('[data-testid="sweep-trials"] tbody tr:nth-child(2)', { timeout: 60_000 });
    await shot(page, 'sweeps-running');
    await page.click('[data-testid="sweep-cancel"]');
    await page.waitForSelector('[data-testid="sweep-detail"][data-status="cancelled"]', { timeout: 30_000 });
    expect(await page.isVisible('[data-testid="sweep-cancel"]')).toBe(false);
    const sweep = (await api(served, 'sweeps.get', { id: body.data.sweepId })).body.data;
    expect(sweep.status).toBe('cancelled');
    expect(sweep.results.length).toBeLessThan(40);
    await page.close();
  });
});
