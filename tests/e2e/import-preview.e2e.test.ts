import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { api, openApp, repoRoot, type Served, servedApp, shot } from './harness';

/** 179 lines: a count line ("178,13,class_0,…"), then 178 rows of 14 numbers. */
const WINE = path.join(repoRoot, 'tests/fixtures/wine_data.csv');

let served: Served;
let browser: Browser;
const home = servedApp('lathe-e2e-import-preview-', (s, b) => ([served, browser] = [s, b]));

async function open(scheme: 'light' | 'dark'): Promise<Page> {
  const page = await openApp(browser, served.url, scheme);
  await page.setViewportSize({ width: 1024, height: 700 });
  return page;
}

/** Chooses the wine file (uploaded in browser mode) and waits for the dialog's preview. */
async function chooseWine(page: Page): Promise<void> {
  await page.setInputFiles('[data-testid="file-input"]', WINE);
  await page.waitForSelector('[data-testid="import-dialog"] [data-testid="import-summary"]');
}

const listed = async () => (await api(served, 'datasets.list', {})).body.data as { id: string; name: string; rows: number; columns: number }[];

describe('import preview, end to end', () => {
  it('previews the wine file, refuses a lossy import with the override offered, then imports it right with edited names and types', async () => {
    const page = await open('light');
    await page.waitForSelector('[data-testid="empty-datasets"]');
    await chooseWine(page);

    // The count line is the first row: 5 columns, and every line below has 14 fields.
    const problems = page.locator('[data-testid="import-problems"]');
    await problems.waitFor();
    expect(await problems.textContent()).toContain('line 2 has 14 fields, the first row has 5');
    expect(await page.locator('[data-testid^="preview-name-"]').count()).toBe(5);
    await shot(page, 'import-preview-light');

    // Skipping bad rows would keep 1 row of 179: refused, nothing imported.
    await page.selectOption('[data-testid="import-bad-rows"]', 'skip');
    await page.waitForSelector('[data-testid="import-problems"] strong:has-text("skipping them will be refused")');
    await page.fill('[data-testid="import-name"]', 'wine');
    await page.click('[data-testid="import-confirm"]');
    const banner = page.locator('[data-testid="import-error"]');
    await banner.waitFor({ timeout: 60_000 });
    expect(await banner.textContent()).toMatch(/178 of 179 data rows \(99\.4 %\) do not parse/);
    expect(await listed()).toEqual([]);

    // Back in the dialog: what happened, and the explicit way to import anyway.
    await page.click('[data-testid="import-retry"]');
    const guard = page.locator('[data-testid="import-guard"]');
    await guard.waitFor();
    expect(await guard.textContent()).toContain('Import anyway, skipping 178 rows');
    await page.waitForSelector('[data-testid="import-dialog"] [data-testid="import-summary"]');
    await shot(page, 'import-guard-light');

    // Reading it right instead: skip the count line; 14 columns, no problems.
    await page.fill('[data-testid="import-skip-lines"]', '1');
    await page.waitForSelector('[data-testid="preview-name-13"]');
    expect(await page.locator('[data-testid="import-problems"]').count()).toBe(0);
    expect(await page.inputValue('[data-testid="preview-type-12"]')).toBe('integer');
    await page.fill('[data-testid="preview-name-0"]', 'alcohol');
    await page.fill('[data-testid="preview-name-13"]', 'class');
    await page.selectOption('[data-testid="preview-type-12"]', 'float');
    await page.selectOption('[data-testid="preview-type-13"]', 'categorical');
    await shot(page, 'import-preview-edited-light');
    await page.click('[data-testid="import-confirm"]');

    await page.waitForSelector('[data-testid="dataset-detail"]', { timeout: 60_000 });
    expect(await page.textContent('[data-testid="dataset-size"]')).toContain('178 rows × 14 columns');
    const [wine] = await listed();
    const detail = (await api(served, 'datasets.get', { id: wine.id })).body.data as { columnsDetail: { name: string; type: string }[]; options: { skipLines: number } };
    expect(detail.options.skipLines).toBe(1);
    expect(detail.columnsDetail.map((c) => c.name)).toEqual(['alcohol', ...Array.from({ length: 12 }, (_, i) => `column_${i + 2}`), 'class']);
    expect(detail.columnsDetail[12].type).toBe('float');
    expect(detail.columnsDetail[13].type).toBe('categorical');
    await page.close();
  }, 180_000);

  it('imports anyway when the override is ticked', async () => {
    const page = await open('light');
    await page.waitForSelector('[data-testid="datasets-list"]');
    await chooseWine(page);
    await page.selectOption('[data-testid="import-bad-rows"]', 'skip');
    await page.fill('[data-testid="import-name"]', 'wine-lossy');
    await page.click('[data-testid="import-confirm"]');
    await page.click('[data-testid="import-retry"]', { timeout: 60_000 });
    await page.check('[data-testid="import-allow-skipped"]');
    await page.click('[data-testid="import-confirm"]');
    await page.waitForSelector('[data-testid="dataset-name"]:has-text("wine-lossy")', { timeout: 60_000 });
    expect((await listed()).find((d) => d.name === 'wine-lossy')).toMatchObject({ rows: 1 });
    await page.close();
  }, 120_000);

  it('offers the samples once datasets exist', async () => {
    const page = await open('light');
    await page.click('[data-testid="open-samples"]');
    await page.waitForSelector('[data-testid="samples-dialog"] [data-testid="sample-california-housing"]');
    await shot(page, 'import-samples-light');
    await page.keyboard.press('Escape');
    await page.close();
  }, 60_000);

  it('reads well in dark mode', async () => {
    const page = await open('dark');
    await page.waitForSelector('[data-testid="datasets-list"]');
    await chooseWine(page);
    await page.waitForSelector('[data-testid="import-problems"]');
    await shot(page, 'import-preview-dark');
    await page.selectOption('[data-testid="import-bad-rows"]', 'skip');
    await page.fill('[data-testid="import-name"]', 'wine-dark');
    await page.click('[data-testid="import-confirm"]');
    await page.click('[data-testid="import-retry"]', { timeout: 60_000 });
    await page.waitForSelector('[data-testid="import-guard"]');
    await page.fill('[data-testid="import-skip-lines"]', '1');
    await page.waitForSelector('[data-testid="preview-name-13"]');
    await shot(page, 'import-guard-dark');
    await page.keyboard.press('Escape');
    await page.click('[data-testid="open-samples"]');
    await page.waitForSelector('[data-testid="samples-dialog"]');
    await shot(page, 'import-samples-dark');
    await page.close();
  }, 120_000);
});
