import { describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { api, type Served, servedApp, shot, waitForJob } from './harness';

let served: Served;
let browser: Browser;
const home = servedApp('lathe-e2e-forecast-sweep-', (s, b) => ([served, browser] = [s, b]));

describe('sweeping a forecast model', () => {
  it('starts from a forecast run, checks the space, and lands on the sweep with its trials', async () => {
    const imported = await api(served, 'datasets.importSample', { id: 'airline-passengers' });
    expect((await waitForJob(served, imported.body.data.jobId)).status).toBe('succeeded');
    const { body: list } = await api(served, 'datasets.list', {});
    const airline = (list.data as { id: string; name: string }[]).find((d) => d.name === 'Airline passengers')!.id;
    const { body } = await api(served, 'forecast.start', { dataset: airline, time: 'Month', target: 'Passengers', horizon: 6, windows: 4, model: 'theta' });
    expect((await waitForJob(served, body.data.jobId)).status).toBe('succeeded');

    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await page.goto(served.url);
    await page.waitForSelector('html[data-app-ready="true"]');
    await page.click('[data-testid="nav-experiments"]');
    await page.click(`[data-testid="run-${body.data.runId}"]`);
    await page.click('[data-testid="forecast-sweep"]');
    await page.waitForSelector('[data-testid="forecast-sweep-dialog"]');
    // The schema's first range is proposed; a range outside the parameter's limits is refused in place.
    expect(await page.inputValue('[data-testid="forecast-sweep-space"]')).toBe('theta=1..4');
    await page.fill('[data-testid="forecast-sweep-space"]', 'theta=1..40');
    await page.waitForSelector('[data-testid="field-error-space"]');
    expect(await page.textContent('[data-testid="field-error-space"]')).toContain('theta must be in [0, 10]');
    expect(await page.isDisabled('[data-testid="forecast-sweep-start"]')).toBe(true);
    await shot(page, 'forecast-sweep-refused');

    await page.fill('[data-testid="forecast-sweep-space"]', 'theta=1|2|3');
    await page.selectOption('[data-testid="forecast-sweep-method"]', 'grid');
    await page.fill('[data-testid="forecast-sweep-trials"]', '3');
    await page.click('[data-testid="forecast-sweep-start"]');
    await page.waitForSelector('[data-testid="page-sweeps"] [data-testid="sweep-detail"]');
    await page.waitForSelector('[data-testid="sweep-detail"][data-status="succeeded"]', { timeout: 120_000 });
    expect(await page.textContent('[data-testid="sweep-count"]')).toContain('3 started');
    expect(await page.textContent('[data-testid="sweep-best"]')).toMatch(/theta=/);
    await shot(page, 'forecast-sweep-done');
    await context.close();
  }, 240_000);
});
