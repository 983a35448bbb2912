import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { api, launch, openApp, serve, shot, type Served } from './harness';
import { tempHome } from '../helpers/temp-home';

const sections = ['datasets', 'experiments', 'compare', 'models', 'explorer'];
let served: Served;
let browser: Browser;
const home = tempHome('lathe-e2e-');

beforeAll(async () => {
  served = await serve(home.dir);
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  await served?.stop();
  home.cleanup();
});

describe('browser mode, end to end', () => {
  it('prints a loopback URL with a token', () => {
    expect(served.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=.{20,}$/);
  });

  it('loads the app and opens every section with its empty state', async () => {
    const page = await openApp(browser, served.url);
    // The token left the address bar once it was taken.
    expect(page.url()).not.toContain('token=');
    for (const id of sections) {
      await page.click(`[data-testid="nav-${id}"]`);
      await page.waitForSelector(`[data-testid="page-${id}"]`);
      await page.waitForSelector(`[data-testid="empty-${id}"]`);
      expect(await page.getAttribute(`[data-testid="nav-${id}"]`, 'aria-current')).toBe('page');
      await shot(page, `section-${id}`);
    }
    await page.close();
  });

  it('switches sections from the keyboard and follows a dark OS theme', async () => {
    const page = await openApp(browser, served.url, 'dark');
    expect(await page.getAttribute('html', 'data-theme')).toBe('dark');
    await page.keyboard.press('Control+4');
    await page.waitForSelector('[data-testid="page-models"]');
    await shot(page, 'models-dark');
    await page.close();
  });

  it('shows a job with progress and ETA, draws its live metrics, and cancels it', async () => {
    const page = await openApp(browser, served.url);
    await page.click('[data-testid="nav-system"]');
    await page.waitForSelector('[data-testid="system-panel"]');
    await page.click('[data-testid="machine-check-start"]');
    const row = page.locator('[data-testid^="job-"][data-status="running"]').first();
    await row.waitFor();
    await page.waitForFunction(() => {
      const bar = document.querySelector('[data-status="running"] [role="progressbar"]');
      return bar && Number(bar.getAttribute('aria-valuenow')) >= 10;
    });
    await page.waitForSelector('[data-testid="machine-check-chart"] canvas');
    expect(await row.textContent()).toMatch(/left/);
    await shot(page, 'job-running');
    await row.locator('[data-testid="job-cancel"]').click();
    await page.waitForSelector('[data-testid^="job-"][data-status="cancelled"]');
    expect(await page.locator('[data-status="cancelled"] [data-testid="job-status"]').first().textContent()).toBe('cancelled');
    await shot(page, 'job-cancelled');
    const jobs = await api(served, 'jobs.list', {});
    expect(jobs.body.data[0].status).toBe('cancelled');
    // With nothing running, the tray folds away from the content by itself; a click unfolds it.
    const head = page.locator('[data-testid="job-tray"] .job-tray-head');
    await page.waitForSelector('[data-testid="job-tray"] .job-tray-head[aria-expanded="false"]', { timeout: 15_000 });
    expect(await page.locator('[data-testid="job-tray"] .job-row').count()).toBe(0);
    await head.click();
    expect(await page.locator('[data-testid="job-tray"] .job-row').count()).toBeGreaterThan(0);
    await page.close();
  });

  it('refuses API calls without the token and names a malformed field', async () => {
    const res = await fetch(`http://127.0.0.1:${served.port}/api/invoke/app.info`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(401);
    const bad = await api(served, 'jobs.list', { limit: 'many' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.field).toBe('limit');
  });
});
