/** A text classifier trained from the New run dialog like any model: metrics, top terms, the form's text families. */
import { describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { NBSVM_DEFAULTS } from '../../shared/families/index';
import { api, colouredPixels, openApp, type Served, servedApp, shot, waitForJob } from './harness';

let served: Served;
let browser: Browser;
const home = servedApp('lathe-e2e-text-train-', (s, b) => ([served, browser] = [s, b]));

describe('text training, end to end', () => {
  it('imports the sentiment sample, trains nbsvm from the New run dialog, and shows its metrics and top terms', async () => {
    const { body } = await api(served, 'datasets.importSample', { id: 'yelp-sentiment' });
    expect((await waitForJob(served, body.data.jobId)).status).toBe('succeeded');

    const page = await openApp(browser, served.url);
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.click('[data-testid="nav-experiments"]');
    await page.waitForSelector('[data-testid="empty-new-run"]:not([disabled])');
    await page.click('[data-testid="empty-new-run"]');
    await page.waitForSelector('[data-testid="new-run-dialog"]');
    await page.waitForSelector('[data-testid="new-run-target"] option[value="label"]', { state: 'attached' });
    await page.selectOption('[data-testid="new-run-target"]', 'label');
    // The text families are offered from the schema, with its defaults and help.
    for (const f of ['nbsvm', 'textnet', 'lexicon']) await page.waitForSelector(`[data-testid="family-${f}"]`);
    await page.click('[data-testid="family-nbsvm"]');
    expect(await page.inputValue('[data-testid="param-C"]')).toBe(String(NBSVM_DEFAULTS.C));
    expect(await page.inputValue('[data-testid="param-wordNgrams"]')).toBe(String(NBSVM_DEFAULTS.wordNgrams));
    await page.fill('[data-testid="param-C"]', '1');
    await shot(page, 'text-train-new-run');

    await page.click('[data-testid="new-run-submit"]');
    await page.waitForSelector('[data-testid="new-run-dialog"]', { state: 'detached' });
    await page.waitForSelector('[data-testid="run-status"]:text-is("succeeded")', { timeout: 60_000 });
    expect(await page.textContent('[data-testid="run-title"]')).toContain('nbsvm');

    const [run] = (await api(served, 'runs.list', {})).body.data as { id: string; family: string }[];
    expect(run.family).toBe('nbsvm');
    const detail = (await api(served, 'runs.get', { id: run.id })).body.data;
    expect(detail.params.C).toBe(1);
    expect(detail.metrics.accuracy).toBeGreaterThan(0.8);

    await page.click('[data-testid="run-tab-metrics"]');
    const metrics = await page.textContent('[data-testid="run-metrics"]');
    expect(metrics).toMatch(/Accuracy\s*0\.[89]\d*/);
    expect(metrics).toContain('ROC AUC');
    expect(metrics).toContain('Log loss');
    expect(metrics).toContain(`Measured on ${detail.report.testRows} test rows`);
    await page.locator('[data-testid="run-metrics"]').scrollIntoViewIfNeeded();
    await shot(page, 'text-train-metrics');

    await page.click('[data-testid="run-tab-importance"]');
    await page.waitForSelector('[data-testid="run-importance"] canvas');
    expect(await page.textContent('[data-testid="run-importance-kind"]')).toContain('Top terms');
    expect(await page.textContent('[data-testid="run-importance-text-note"]')).toContain('not computed for text models');
    await expect.poll(() => colouredPixels(page, 'run-importance')).toBeGreaterThan(500);
    const terms = (detail.report.importance as { feature: string }[]).slice(0, 30).map((i) => i.feature);
    expect(terms).toContain('great → 1');
    await page.locator('[data-testid="run-importance"]').scrollIntoViewIfNeeded();
    await shot(page, 'text-train-top-terms');
  }, 120_000);
});
