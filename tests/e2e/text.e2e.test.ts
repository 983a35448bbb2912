/** The Text page: an unlabeled file scored with the lexicon, its entities, and the mood over time and per group. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
import { api, colouredPixels, launch, serve, shot, waitForJob, type Served } from './harness';
import { clippedButtons } from './tour';
import { tempHome } from '../helpers/temp-home';

let served: Served;
let browser: Browser;
const home = tempHome('lathe-e2e-text-');

/** Café reviews without labels: two shops, five weeks, named people, companies and places. */
function reviewsCsv(): string {
  const good = [
    'Lovely flat white at Starbucks in Seattle, friendly staff',
    'Great cake and wonderful service, Maria was so kind',
    'Excellent coffee, the best in Portland',
    'Really nice place, Google Maps sent us here and we loved it',
  ];
  const bad = [
    'Terrible coffee at Starbucks, rude staff',
    'Awful service, cold food and a dirty table',
    'Horrible wait in Seattle, never again',
    'Disappointing cake, John forgot our order',
  ];
  const rows = ['date,shop,review'];
  for (let i = 0; i < 140; i++) {
    const day = new Date(Date.UTC(2024, 2, 1 + (i % 35))).toISOString().slice(0, 10);
    // The north shop gets better over the weeks; the south one stays poor.
    const north = i % 35 > 10 || i % 3 === 0 ? good[i % 4] : bad[i % 4];
    const south = i % 5 === 0 ? good[(i + 1) % 4] : bad[(i + 2) % 4];
    rows.push(`${day},north,"${north}"`, `${day},south,"${south}"`);
  }
  return rows.join('\n');
}

beforeAll(async () => {
  served = await serve(home.dir);
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  await served?.stop();
  home.cleanup();
});

async function open(colorScheme: 'light' | 'dark' = 'light'): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, colorScheme });
  const page = await context.newPage();
  await page.goto(served.url);
  await page.waitForSelector('html[data-app-ready="true"]');
  await page.click('[data-testid="nav-text"]');
  return page;
}

describe('the Text page', () => {
  it('without datasets, says what it does and offers a sample', async () => {
    const page = await open();
    await page.waitForSelector('[data-testid="empty-text"]');
    expect(await page.textContent('[data-testid="empty-text"]')).toContain('without training');
    expect(await page.isEnabled('[data-testid="text-import-sample"]')).toBe(true);
    await shot(page, 'text-empty');
    await page.context().close();
  }, 60_000);

  it('scores an unlabeled file, shows the mood over time and per shop, finds the entities and links to the new dataset', async () => {
    const file = path.join(home.dir, 'reviews.csv');
    fs.writeFileSync(file, reviewsCsv());
    const { body } = await api(served, 'datasets.import', { path: file, name: 'cafe reviews', types: { review: 'text' } });
    expect((await waitForJob(served, body.data.jobId)).status).toBe('succeeded');

    const page = await open();
    // The text and date columns are proposed once the columns are read.
    await page.waitForSelector('[data-testid="text-column"]:not([disabled])');
    expect(await page.inputValue('[data-testid="text-column"]')).toBe('review');
    expect(await page.inputValue('[data-testid="text-time"]')).toBe('date');
    await page.selectOption('[data-testid="text-group"]', 'shop');
    await page.waitForSelector('[data-testid="text-group-chart"] canvas', { timeout: 60_000 });
    await page.waitForSelector('[data-testid="text-time-chart"] canvas');
    await page.waitForFunction(() => !document.querySelector('.text-page .page-head [role="status"]'));
    expect(await colouredPixels(page, 'text-time-chart')).toBeGreaterThan(200);
    expect(await colouredPixels(page, 'text-group-chart')).toBeGreaterThan(50);
    // 35 days of data: one point a day unless asked otherwise.
    expect(await page.textContent('[data-testid="text-over-time"]')).toContain('Mean score per day of date');
    await page.selectOption('[data-testid="text-bucket"]', 'week');
    await page.waitForSelector('#text-time-title:text("Mean score per week of date")', { timeout: 30_000 });
    // The summary under the group chart names the better shop first.
    expect(await page.textContent('[data-testid="text-by-group"]')).toMatch(/Highest north .* lowest south/);
    expect(await page.textContent('[data-testid="terms-negative"]')).toMatch(/rude|terrible|awful|horrible/i);

    // Score sentiment with the keyboard: the new dataset is linked when the job ends.
    await page.focus('[data-testid="text-score"]');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid="text-scored-link"]', { timeout: 60_000 });
    expect(await page.textContent('[data-testid="text-scored-link"]')).toBe('cafe reviews · sentiment');

    await page.click('[data-testid="text-find-entities"]');
    await page.waitForSelector('[data-testid="entity-row"]', { timeout: 60_000 });
    const names = await page.$$eval('[data-testid="entity-row"] .text-entity', (els) => els.map((e) => e.textContent));
    expect(names).toContain('Starbucks');
    expect(names).toContain('Seattle');
    await page.evaluate(() => document.querySelector('main, .main, body')?.scrollTo?.(0, 0));
    await page.locator('[data-testid="text-source"]').scrollIntoViewIfNeeded();
    await shot(page, 'text-page');
    // Sorted by mean sentiment, highest first, from the keyboard.
    await page.focus('[data-testid="entities-sort-meanSentiment"]');
    await page.keyboard.press('Enter');
    const bars = await page.$$eval('[data-testid="entity-row"] .score-bar', (els) => els.map((e) => Number(e.getAttribute('aria-label')!.split(' ').pop())));
    expect(bars).toEqual([...bars].sort((a, b) => b - a));
    expect(await page.getAttribute('th:has([data-testid="entities-sort-meanSentiment"])', 'aria-sort')).toBe('descending');

    const { violations } = await new AxeBuilder({ page }).include('[data-testid="page-text"]').withTags(['wcag2a', 'wcag2aa']).analyze();
    expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    await page.locator('[data-testid="text-entities"]').scrollIntoViewIfNeeded();
    await shot(page, 'text-entities');
    await page.locator('[data-testid="examples-negative"]').scrollIntoViewIfNeeded();
    await shot(page, 'text-terms');

    await page.click('[data-testid="text-scored-link"]');
    await page.waitForSelector('[data-testid="page-datasets"], .datasets-page', { timeout: 10_000 }).catch(() => undefined);
    await page.waitForFunction(() => document.body.textContent?.includes('cafe reviews · sentiment'));
    await shot(page, 'text-derived-dataset');
    await page.context().close();

    // Seen again after a reload: the stored entities come back without running anything.
    const again = await open('dark');
    await again.waitForSelector('[data-testid="entity-row"]', { timeout: 60_000 });
    await again.waitForSelector('[data-testid="text-time-chart"] canvas');
    await shot(again, 'text-page-dark');
    // A small window: every control still whole.
    await again.setViewportSize({ width: 1024, height: 700 });
    await again.waitForTimeout(200);
    await shot(again, 'text-page-narrow-dark');
    expect(await clippedButtons(again)).toEqual([]);
    await again.context().close();
  }, 240_000);
});
