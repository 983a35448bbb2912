/**
 * Monitoring and automation in the browser: the drift report of California housing against a shifted
 * copy (overlaid distributions, severities, quality findings, keyboard), and a weekly retraining plan
 * made in the plan editor, run by hand on a new file, with its decision and A/B result.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { api, colouredPixels, launch, repoRoot, serve, shot, waitForJob, type Served } from './harness';
import { tempHome } from '../helpers/temp-home';

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

async function open(section: string, colorScheme: 'light' | 'dark' = 'light'): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, colorScheme });
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
      await shot(page, `drift-report-${scheme}-1440`);
      await page.context().close();
    }, 120_000);
  }
});
