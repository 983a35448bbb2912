import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { api, launch, openApp, serve, shot, trainRun, waitForJob, type Served } from './harness';
import { tempHome } from '../helpers/temp-home';

let served: Served;
let browser: Browser;
const home = tempHome('lathe-e2e-continue-');
let champion = '';

beforeAll(async () => {
  served = await serve(home.dir);
  browser = await launch();
  const { body } = await api(served, 'datasets.importSample', { id: 'california-housing' });
  const dataset = (await waitForJob(served, body.data.jobId)).result.id;
  champion = await trainRun(served, { dataset, target: 'median_house_value', family: 'gbdt', params: { trees: 30 } });
});

afterAll(async () => {
  await browser?.close();
  await served?.stop();
  home.cleanup();
});

const waitStatus = (page: Page, status: string) =>
  page.waitForFunction((s) => document.querySelector('[data-testid="run-status"]')?.textContent === s, status, { timeout: 90_000 });

describe('continuing a run on new data', () => {
  it("from a run's page: the dialog says what it continues from, and the new run names the run it came from", async () => {
    const page = await openApp(browser, served.url);
    await page.click('[data-testid="nav-experiments"]');
    await page.click(`[data-testid="run-${champion}"]`);
    await page.waitForSelector(`[data-testid="run-${champion}"][aria-selected="true"]`);
    expect(await page.$('[data-testid="run-continued-from"]')).toBeNull();
    await page.click('[data-testid="run-continue"]');
    await page.waitForSelector('[data-testid="new-run-warm-start"]');
    expect(await page.textContent('[data-testid="new-run-warm-start"]')).toContain(`Continues from run ${champion.slice(0, 8)}: continues boosting`);
    // The run's own settings come along: its target, its model and its number of trees.
    await page.waitForFunction(() => (document.querySelector('[data-testid="new-run-target"]') as HTMLSelectElement | null)?.value === 'median_house_value');
    expect(await page.inputValue('[data-testid="param-trees"]')).toBe('30');
    await shot(page, 'continue-run-dialog');
    await page.click('[data-testid="new-run-submit"]');
    await page.waitForSelector('[data-testid="new-run-dialog"]', { state: 'detached' });
    await waitStatus(page, 'succeeded');
    expect(await page.textContent('[data-testid="run-continued-from"]')).toContain(champion.slice(0, 8));
    expect(await page.textContent('[data-testid="run-report-notes"]')).toContain(`Continued from run ${champion.slice(0, 8)}`);
    await shot(page, 'continue-run-page');
    // Its id leads back to the run it continued from.
    await page.click('[data-testid="run-continued-from"] button');
    await page.waitForSelector(`[data-testid="run-${champion}"][aria-selected="true"]`);
    await page.close();
  });

  it('Train from scratch in the dialog drops the run it would continue from', async () => {
    const page = await openApp(browser, served.url);
    await page.click('[data-testid="nav-experiments"]');
    await page.click(`[data-testid="run-${champion}"]`);
    await page.click('[data-testid="run-continue"]');
    await page.click('[data-testid="new-run-from-scratch"]');
    expect(await page.$('[data-testid="new-run-warm-start"]')).toBeNull();
    await page.close();
  });
});
