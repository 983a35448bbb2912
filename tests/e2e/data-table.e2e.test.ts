import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { api, launch, openApp, serve, shot, waitForJob, type Served } from './harness';
import { tempHome } from '../helpers/temp-home';
import { INLINE_INDEX_MAX_ROWS } from '../../electron/data/db/column-index';

let served: Served;
let browser: Browser;
const home = tempHome('lathe-e2e-data-table-');
const BIG_ROWS = INLINE_INDEX_MAX_ROWS + 10_000;

beforeAll(async () => {
  served = await serve(home.dir);
  browser = await launch();
  const sample = await api(served, 'datasets.importSample', { id: 'california-housing' });
  expect((await waitForJob(served, sample.body.data.jobId)).status).toBe('succeeded');
  // Notes with a long value, quotes and a percent sign.
  const notes = path.join(home.dir, 'notes.csv');
  const long = `A long note: ${'the quick brown fox jumps over the lazy dog, '.repeat(12)}end.`;
  fs.writeFileSync(notes, `id,note,score\n1,"it's 100% ""done""",5\n2,"${long}",7\n3,plain,9\n`);
  const imported = await api(served, 'datasets.import', { path: notes, name: 'notes', types: { note: 'text' } });
  expect((await waitForJob(served, imported.body.data.jobId)).status).toBe('succeeded');
  // Above the size whose index is built inline: `n` runs down, so sorted ascending the last row comes first.
  const big = path.join(home.dir, 'big.csv');
  fs.writeFileSync(big, ['n,word', ...Array.from({ length: BIG_ROWS }, (_, i) => `${BIG_ROWS - i},w${i % 97}`)].join('\n'));
  const bigJob = await api(served, 'datasets.import', { path: big, name: 'big table' });
  expect((await waitForJob(served, bigJob.body.data.jobId)).status).toBe('succeeded');
});

afterAll(async () => {
  await browser?.close();
  await served?.stop();
  home.cleanup();
});

const TABLE = '[data-testid="data-table"]';
const firstCells = (page: Page, position: number) =>
  page.$$eval(`${TABLE} [data-row]`, (rows, p) => rows.slice(0, 5).map((r) => r.querySelector(`[data-col="${p}"]`)?.textContent ?? ''), position);
/** Columns are virtualized: scroll the table to its right end so the last ones render. */
const scrollRight = (page: Page) => page.$eval(TABLE, (el) => (el.scrollLeft = el.scrollWidth));
const count = (page: Page) => page.textContent('[data-testid="row-count"]');

async function open(page: Page, name: string) {
  await page.click(`[data-testid="datasets-list"] [role="option"]:has-text("${name}")`);
  await page.waitForSelector(`[data-testid="dataset-name"]:text-is("${name}")`);
  await page.waitForSelector(`${TABLE} [data-row="1"] .dt-cell:not(.dt-loading)`);
}

/** Waits until the first row in view has its values and the count reads `text`. */
async function settled(page: Page, text: string | RegExp) {
  await page.waitForFunction(
    ([t, isRe]) => {
      const c = document.querySelector('[data-testid="row-count"]')?.textContent ?? '';
      const ok = isRe ? new RegExp(t).test(c) : c === t;
      return ok && !document.querySelector('[data-testid="data-table"] [data-row="1"] .dt-loading');
    },
    [typeof text === 'string' ? text : text.source, typeof text !== 'string'] as const,
  );
}

describe('data table, end to end', () => {
  it('sorts, filters and searches California housing on the whole table, with the count following', async () => {
    const page = await openApp(browser, served.url);
    await page.setViewportSize({ width: 1440, height: 900 });
    await open(page, 'California housing');
    expect(await count(page)).toBe('20,640 rows');

    // median_house_value (position 8): ascending, then descending shows the cap first.
    await scrollRight(page);
    await page.click('[data-testid="column-sort-8"]');
    await page.waitForSelector('[data-testid="column-8"][aria-sort="ascending"]');
    await settled(page, '20,640 rows');
    expect((await firstCells(page, 8))[0]).toBe('14999');
    await page.click('[data-testid="column-sort-8"]');
    await page.waitForSelector('[data-testid="column-8"][aria-sort="descending"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="data-table"] [data-row="1"] [data-col="8"]')?.textContent === '500001');
    expect(await firstCells(page, 8)).toEqual(Array(5).fill('500001'));
    // Row numbers are the file's rows, not their place in the sorted view.
    expect(await page.textContent(`${TABLE} [data-row="1"] .dt-num`)).not.toBe('1');

    // From the keyboard: the header button cycles back to file order.
    await page.focus('[data-testid="column-sort-8"]');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid="column-8"][aria-sort="none"]');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid="column-8"][aria-sort="ascending"]');

    // Pick values of ocean_proximity (position 9): ISLAND has 5 rows.
    await page.click('[data-testid="column-filter-9"]');
    await page.waitForSelector('[data-testid="filter-values"] label:has-text("ISLAND")');
    await shot(page, 'data-table-filter-values-1440');
    await page.click('[data-testid="filter-values"] label:has-text("ISLAND")');
    await page.click('[data-testid="filter-apply"]');
    await settled(page, '5 of 20,640 rows');
    expect(await page.$$eval(`${TABLE} [data-row]`, (r) => r.length)).toBe(5);
    expect(await page.textContent('.dt-chips')).toContain('ocean_proximity: ISLAND');

    // A range on median_income (position 7) narrows the same rows further.
    await page.click('[data-testid="column-filter-7"]');
    await page.fill('[data-testid="filter-min"]', '3');
    await page.keyboard.press('Enter');
    await settled(page, /^[0-4] of 20,640 rows$/);
    await shot(page, 'data-table-filtered-1440');

    // Nothing matches: the empty state offers to clear the filters.
    await page.fill('[data-testid="table-search"]', 'no such place');
    await page.waitForSelector('[data-testid="table-empty"]');
    expect(await count(page)).toBe('0 of 20,640 rows');
    await shot(page, 'data-table-empty-1440');
    await page.click('[data-testid="empty-clear-filters"]');
    await settled(page, '20,640 rows');
    expect(await page.inputValue('[data-testid="table-search"]')).toBe('');

    // Search the text columns.
    await page.fill('[data-testid="table-search"]', 'near bay');
    await settled(page, '2,290 of 20,640 rows');

    // The smaller window keeps the toolbar and headers usable.
    await page.setViewportSize({ width: 1024, height: 700 });
    await shot(page, 'data-table-search-1024');
    await page.close();
  });

  it('sorts a large table once its index is built, showing the build meanwhile', async () => {
    const page = await openApp(browser, served.url);
    await page.setViewportSize({ width: 1280, height: 800 });
    await open(page, 'big table');
    // Every job slot taken, so the build waits in the queue while we look (cancelled below).
    const blockers: string[] = [];
    for (let i = 0; i < 64; i++) {
      blockers.push((await api(served, 'system.machineCheck', { seconds: 600 })).body.data.jobId);
      const jobs = (await api(served, 'jobs.list', {})).body.data as { id: string; status: string }[];
      if (jobs.some((j) => j.id === blockers.at(-1) && j.status === 'queued')) break;
    }
    await page.click('[data-testid="column-sort-0"]');
    await page.waitForSelector('[data-testid="index-building"]');
    expect(await page.textContent('[data-testid="index-building"]')).toContain(`Building an index on n to sort ${BIG_ROWS.toLocaleString('en-US')} rows…`);
    // Meanwhile the rows are the file's, in its order.
    expect((await firstCells(page, 0))[0]).toBe(String(BIG_ROWS));
    expect(await page.textContent(`${TABLE} [data-row="1"] .dt-num`)).toBe('1');
    await shot(page, 'data-table-index-building-1280');
    for (const id of blockers) await api(served, 'jobs.cancel', { id });
    await page.waitForSelector('[data-testid="index-building"]', { state: 'detached', timeout: 60_000 });
    await page.waitForFunction(() => document.querySelector('[data-testid="data-table"] [data-row="1"] [data-col="0"]')?.textContent === '1');
    expect(await firstCells(page, 0)).toEqual(['1', '2', '3', '4', '5']);
    expect(await page.textContent(`${TABLE} [data-row="1"] .dt-num`)).toBe(BIG_ROWS.toLocaleString('en-US'));
    await shot(page, 'data-table-index-sorted-1280');
    await page.close();
  });

  it('takes quotes and % literally, resizes a column, and opens a long cell in full', async () => {
    const page = await openApp(browser, served.url);
    await page.setViewportSize({ width: 1024, height: 700 });
    await open(page, 'notes');
    await page.click('[data-testid="column-filter-1"]');
    await page.fill('[data-testid="filter-text"]', `100% "do`);
    await page.keyboard.press('Enter');
    await settled(page, '1 of 3 rows');
    expect((await firstCells(page, 1))[0]).toBe(`it's 100% "done"`);
    await page.click('[data-testid="clear-filters"]');
    await settled(page, '3 rows');

    // Drag the edge of "note" 120 px wider.
    const before = (await page.locator('[data-testid="column-1"]').boundingBox())!;
    const edge = (await page.locator('[data-testid="column-resize-1"]').boundingBox())!;
    await page.mouse.move(edge.x + edge.width / 2, edge.y + edge.height / 2);
    await page.mouse.down();
    await page.mouse.move(edge.x + edge.width / 2 + 120, edge.y + edge.height / 2, { steps: 5 });
    await page.mouse.up();
    const after = (await page.locator('[data-testid="column-1"]').boundingBox())!;
    expect(Math.round(after.width - before.width)).toBe(120);

    // A long cell opens in full, with a copy button.
    await page.click('[data-testid="long-cell"]');
    await page.waitForSelector('[data-testid="cell-dialog"]');
    expect(await page.textContent('[data-testid="cell-full"]')).toMatch(/^A long note: .* end\.$/);
    await shot(page, 'data-table-long-cell-1024');
    await page.keyboard.press('Escape');

    // Double-clicking the edge fits the loaded values (the long note, up to the cap).
    await page.dblclick('[data-testid="column-resize-1"]');
    await page.waitForFunction(() => (document.querySelector('[data-testid="column-1"]') as HTMLElement).getBoundingClientRect().width >= 700);
    await shot(page, 'data-table-fitted-1024');
    await page.close();
  });

  it('shows the profile warnings, naming the cap on median_house_value', async () => {
    const page = await openApp(browser, served.url);
    await page.setViewportSize({ width: 1440, height: 900 });
    await open(page, 'California housing');
    await page.click('[data-testid="dataset-tab-profile"]');
    await page.waitForSelector('[data-testid="profile-warnings"]', { timeout: 60_000 });
    const text = await page.textContent('[data-testid="profile-warnings"]');
    expect(text).toContain('median_house_value: its maximum 500,001 appears 965 times');
    expect(text).toMatch(/total_bedrooms and households are highly correlated/);
    await shot(page, 'data-table-profile-warnings-1440');
    await page.locator('[data-testid="profile-column-median_house_value"]').scrollIntoViewIfNeeded();
    expect(await page.locator('[data-testid="profile-column-median_house_value"] [data-testid="warning-capped"]').count()).toBe(1);
    await shot(page, 'data-table-profile-cards-1440');
    await page.setViewportSize({ width: 1024, height: 700 });
    await page.locator('[data-testid="profile-warnings"]').scrollIntoViewIfNeeded();
    await shot(page, 'data-table-profile-warnings-1024');
    await page.close();
  });
});
