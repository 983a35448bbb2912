import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { api, colouredPixels, launch, serve, shot, waitForJob, type Served } from './harness';
import { tempHome } from '../helpers/temp-home';

let served: Served;
let browser: Browser;
const home = tempHome('lathe-e2e-nn-');

beforeAll(async () => {
  served = await serve(home.dir);
  browser = await launch();
  const { body } = await api(served, 'datasets.importSample', { id: 'california-housing' });
  await waitForJob(served, body.data.jobId);
});

afterAll(async () => {
  await browser?.close();
  await served?.stop();
  home.cleanup();
});

async function openNewRun(colorScheme: 'light' | 'dark'): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, colorScheme });
  await page.goto(served.url);
  await page.waitForSelector('html[data-app-ready="true"]');
  await page.click('[data-testid="nav-experiments"]');
  await page.click('[data-testid="empty-new-run"], [data-testid="new-run"]');
  await page.waitForSelector('[data-testid="new-run-dialog"]');
  await page.waitForSelector('[data-testid="new-run-target"] option[value="median_house_value"]', { state: 'attached' });
  await page.selectOption('[data-testid="new-run-target"]', 'median_house_value');
  await page.click('[data-testid="family-mlp"]');
  await page.waitForSelector('[data-testid="arch-editor"]');
  return page;
}

const total = (page: Page) => page.textContent('[data-testid="arch-summary-total"]');

describe('the network editor', () => {
  it('adds a layer and sees the summary change, names a bad layer, trains the fixed network and shows it with its backend and curves', async () => {
    const page = await openNewRun('light');
    // The default network: the preset of Hidden layers (64,32) and Dropout, with the task's head.
    expect(await page.$$eval('[data-testid^="arch-layer-"]', (els) => els.length)).toBe(5);
    const before = await total(page);
    await page.fill('[data-testid="param-epochs"]', '3');

    await page.selectOption('[data-testid="arch-add-type"]', 'dense');
    await page.click('[data-testid="arch-add"]');
    await page.waitForSelector('[data-testid="arch-layer-5"]');
    // The new dense layer sits before the head, and the totals follow.
    await page.waitForFunction((b) => document.querySelector('[data-testid="arch-summary-total"]')?.textContent !== b, before);
    expect(await page.textContent('[data-testid="arch-layer-4"]')).toContain('Dense');
    expect(await page.textContent('[data-testid="arch-layer-5"]')).toContain('Output');

    // Move it up with the keyboard: focus the layer, Alt+↑.
    await page.focus('[data-testid="arch-layer-4"]');
    await page.keyboard.press('Alt+ArrowUp');
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-layer') === '3');

    // A negative width is named for its layer, in the summary and on the layer.
    await page.fill('[data-testid="nn-layer-3-units"]', '-4');
    await page.waitForSelector('[data-testid="arch-summary-errors"]');
    expect(await page.textContent('[data-testid="arch-summary-errors"]')).toContain('layer 3 (dense): units must be ≥ 1, got -4');
    expect(await page.getAttribute('[data-testid="arch-layer-3"]', 'class')).toContain('nn-layer-bad');
    await page.$eval('[data-testid="arch-summary"]', (el) => el.scrollIntoView({ block: 'end' }));
    await shot(page, 'nn-editor-error-light');
    await page.click('[data-testid="new-run-submit"]');
    await page.waitForSelector('[data-testid="new-run-error"]');
    expect(await page.isVisible('[data-testid="new-run-dialog"]')).toBe(true);

    await page.fill('[data-testid="nn-layer-3-units"]', '16');
    await page.waitForSelector('[data-testid="arch-summary-errors"]', { state: 'detached' });
    expect(await page.textContent('[data-testid="arch-summary-row-3"]')).toContain('[16]');
    await shot(page, 'nn-editor-light');
    await page.click('[data-testid="new-run-submit"]');
    await page.waitForSelector('[data-testid="new-run-dialog"]', { state: 'detached' });

    await page.waitForSelector('[data-testid="run-status"]:text-is("succeeded")', { timeout: 120_000 });
    await page.waitForSelector('[data-testid="run-detail"] [data-testid="run-curves"] canvas');
    expect(await colouredPixels(page, 'run-curves')).toBeGreaterThan(50);
    expect(await page.textContent('[data-testid="run-backend"]')).toMatch(/backend: (wasm|cpu|tensorflow|webgpu)/);
    await page.click('[data-testid="run-tab-architecture"]');
    await page.waitForSelector('[data-testid="run-architecture"]');
    expect(await page.textContent('[data-testid="run-architecture"]')).toContain('A custom network');
    expect(await page.textContent('[data-testid="run-arch-summary-row-3"]')).toContain('[16]');
    await shot(page, 'nn-run-architecture-light');
    await page.close();
  }, 180_000);

  it('reads well in the dark', async () => {
    const page = await openNewRun('dark');
    await page.fill('[data-testid="nn-layer-0-units"]', '0');
    await page.waitForSelector('[data-testid="arch-summary-errors"]');
    expect(await page.textContent('[data-testid="arch-summary-errors"]')).toContain('layer 0 (dense): units must be ≥ 1, got 0');
    await page.$eval('[data-testid="arch-summary"]', (el) => el.scrollIntoView({ block: 'end' }));
    await shot(page, 'nn-editor-dark');
    await page.keyboard.press('Escape');
    await page.click('[data-testid^="run-"][data-status="succeeded"]');
    await page.waitForSelector('[data-testid="run-tab-architecture"]');
    await page.click('[data-testid="run-tab-architecture"]');
    await page.waitForSelector('[data-testid="run-architecture"]');
    await shot(page, 'nn-run-architecture-dark');
    await page.close();
  }, 60_000);

  it('resumes a cancelled network run from the runs table and the run page', async () => {
    const { body: ds } = await api(served, 'datasets.list', {});
    const dataset = ds.data[0].id;
    const { body } = await api(served, 'runs.start', { dataset, target: 'median_house_value', family: 'mlp', params: { epochs: 40 } });
    const { runId, jobId } = body.data;
    // Cancel once a few epochs have their checkpoint.
    for (;;) {
      const job = (await api(served, 'jobs.get', { id: jobId })).body.data;
      if ((job.progress ?? 0) > 0.15) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    await api(served, 'jobs.cancel', { id: jobId });
    await waitForJob(served, jobId);
    const stopped = (await api(served, 'runs.get', { id: runId })).body.data;
    expect(stopped.status).toBe('cancelled');
    expect(stopped.resumeEpoch).toBeGreaterThan(0);

    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(served.url);
    await page.waitForSelector('html[data-app-ready="true"]');
    await page.click('[data-testid="nav-experiments"]');
    await page.waitForSelector(`[data-testid="run-resume-${runId}"]`);
    await page.click(`[data-testid="run-${runId}"]`);
    await page.waitForSelector('[data-testid="run-resume"]');
    await shot(page, 'nn-resume-light');
    await page.click('[data-testid="run-resume"]');
    await page.waitForSelector('[data-testid="run-status"]:text-is("succeeded")', { timeout: 120_000 });
    expect(await page.isVisible('[data-testid="run-resume"]')).toBe(false);
    const done = (await api(served, 'runs.get', { id: runId, maxPoints: 0 })).body.data;
    expect(done.curves.train.length).toBe(40);
    await page.close();
  }, 180_000);
});
