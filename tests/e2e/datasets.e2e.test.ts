import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { api, openApp, repoRoot, type Served, servedApp, shot, waitForJob } from './harness';

let served: Served;
let browser: Browser;
const home = servedApp('lathe-e2e-datasets-', (s, b) => ([served, browser] = [s, b]));

/** Waits until a host job reaches an end state and returns it. */
const jobEnd = (jobId: string) => waitForJob(served, jobId);

const scrollTable = (page: Page, to: 'end' | number) =>
  page.$eval(
    '[data-testid="data-table"]',
    (el, where) => {
      el.scrollTop = where === 'end' ? el.scrollHeight : (where as number);
    },
    to,
  );

describe('datasets, end to end', () => {
  it('imports a sample from the empty state, browses its rows and profile, renames and deletes it', async () => {
    const page = await openApp(browser, served.url);
    await page.waitForSelector('[data-testid="empty-datasets"]');
    await page.waitForSelector('[data-testid="sample-california-housing"]');
    await shot(page, 'datasets-empty');

    // Import: the job shows in the tray and the new dataset opens by itself.
    await page.click('[data-testid="sample-california-housing"]');
    const jobRow = page.locator('.job-row', { hasText: 'California housing' }).first();
    await jobRow.waitFor();
    await shot(page, 'datasets-importing');
    await page.waitForSelector('.job-row[data-status="succeeded"]', { timeout: 60_000 });
    await page.waitForSelector('[data-testid="dataset-detail"]');
    expect(await page.textContent('[data-testid="dataset-name"]')).toBe('California housing');
    expect(await page.textContent('[data-testid="dataset-size"]')).toContain('20,640 rows × 10 columns');
    expect(await page.locator('[data-testid="datasets-list"] [role="option"]').count()).toBe(1);

    // Data: the first page renders, with sticky typed headers and a row-number column.
    await page.waitForSelector('[data-testid="data-table"] [data-row="1"] .dt-cell:not(.dt-loading)');
    expect(await page.textContent('[data-testid="column-0"]')).toContain('longitude');
    expect(await page.getAttribute('[data-testid="data-table"]', 'aria-rowcount')).toBe('20641');
    await shot(page, 'datasets-data');

    // Far down, by scrolling and from the keyboard: only the pages in view are fetched.
    await scrollTable(page, 15_000 * 28);
    await page.waitForSelector('[data-testid="data-table"] [data-row="15005"] .dt-cell:not(.dt-loading)');
    await page.focus('[data-testid="data-table"]');
    await page.keyboard.press('Home');
    await page.waitForSelector('[data-testid="data-table"] [data-row="1"]');
    await page.keyboard.press('End');
    await page.waitForSelector('[data-testid="data-table"] [data-row="20640"] .dt-cell:not(.dt-loading)');
    const rendered = await page.$$eval('[data-testid="data-table"] [data-row]', (rows) => rows.map((r) => Number(r.getAttribute('data-row'))));
    expect(Math.min(...rendered)).toBeGreaterThan(20_000);
    expect(rendered.length).toBeLessThan(120);
    await shot(page, 'datasets-data-end');

    // Profile: correlation heatmap, then a histogram once its card scrolls into view.
    await page.click('[data-testid="dataset-tab-profile"]');
    await page.waitForSelector('[data-testid="profile"]');
    await page.waitForSelector('[data-testid="correlation-heatmap"] canvas', { timeout: 60_000 });
    await shot(page, 'datasets-profile');
    await page.locator('[data-testid="profile-column-longitude"]').scrollIntoViewIfNeeded();
    await page.waitForSelector('[data-testid="profile-column-longitude"] [data-testid="histogram"] canvas');
    await page.locator('[data-testid="profile-column-ocean_proximity"]').scrollIntoViewIfNeeded();
    await page.waitForSelector('[data-testid="profile-column-ocean_proximity"] [data-testid="top-values"] canvas');
    await shot(page, 'datasets-profile-columns');

    // Rename in place.
    await page.click('[data-testid="dataset-rename"]');
    await page.fill('[data-testid="rename-input"]', 'Housing 1990');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid="dataset-name"]:has-text("Housing 1990")');
    expect(await page.textContent('[data-testid="datasets-list"]')).toContain('Housing 1990');
    expect((await api(served, 'datasets.list', {})).body.data[0].name).toBe('Housing 1990');

    // Delete, after confirming; the section is empty again.
    await page.click('[data-testid="dataset-delete"]');
    await page.waitForSelector('[data-testid="confirm-delete"]');
    await shot(page, 'datasets-delete-confirm');
    await page.click('[data-testid="confirm-delete"]');
    await page.waitForSelector('[data-testid="empty-datasets"]');
    expect((await api(served, 'datasets.list', {})).body.data).toEqual([]);
    await page.close();
  });

  it('uploads a file through the options dialog, shows where it failed, and retries skipping bad rows', async () => {
    const page = await openApp(browser, served.url);
    await page.waitForSelector('[data-testid="empty-datasets"]');
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.click('[data-testid="choose-file"]')]);
    await chooser.setFiles({ name: 'ragged.csv', mimeType: 'text/csv', buffer: Buffer.from('a,b,c\n1,2,3\n4,5\n6,7,8\n') });
    await page.waitForSelector('[data-testid="import-dialog"]');
    expect(await page.inputValue('[data-testid="import-name"]')).toBe('ragged');
    await shot(page, 'datasets-import-dialog');

    // Escape cancels; choosing again and pressing Enter imports with the defaults (stop on bad rows).
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-testid="import-dialog"]', { state: 'detached' });
    const [again] = await Promise.all([page.waitForEvent('filechooser'), page.click('[data-testid="choose-file"]')]);
    await again.setFiles({ name: 'ragged.csv', mimeType: 'text/csv', buffer: Buffer.from('a,b,c\n1,2,3\n4,5\n6,7,8\n') });
    await page.waitForSelector('[data-testid="import-dialog"]');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid="import-error"]', { timeout: 30_000 });
    expect(await page.textContent('[data-testid="import-error"]')).toMatch(/line 3/);
    await shot(page, 'datasets-import-failed');

    // The dialog reopens with the same options. Skipping 1 row of 3 is more than the lossy-import guard lets
    // through; importing anyway, explicitly, imports the rest and lists what was left out.
    await page.click('[data-testid="import-retry"]');
    await page.waitForSelector('[data-testid="import-dialog"]');
    await page.selectOption('[data-testid="import-bad-rows"]', 'skip');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid="import-error"]:has-text("more than 1 %")', { timeout: 30_000 });
    await page.click('[data-testid="import-retry"]');
    await page.check('[data-testid="import-allow-skipped"]');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid="import-notes"]', { timeout: 30_000 });
    expect(await page.textContent('[data-testid="import-notes"]')).toMatch(/^1 row skipped because it did not parse:\s*line 3: expected 3 fields, found 2$/);
    expect(await page.textContent('[data-testid="dataset-size"]')).toContain('2 rows × 3 columns');
    await shot(page, 'datasets-import-skipped');
    await page.close();
  });

  it('imports a file dropped on the window, with the drop target shown while dragging', async () => {
    const page = await openApp(browser, served.url);
    const text = fs.readFileSync(path.join(repoRoot, 'resources/samples/airline_passengers/airline-passengers.csv'), 'utf8');
    // A real drag from the OS cannot be scripted; the page gets the same DragEvents with a File in them.
    const drag = (type: string) =>
      page.evaluate(
        ([type, text]) => {
          const dt = new DataTransfer();
          dt.items.add(new File([text], 'airline-passengers.csv', { type: 'text/csv' }));
          document.body.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }));
        },
        [type, text],
      );
    await drag('dragenter');
    await drag('dragover');
    await page.waitForSelector('[data-testid="drop-overlay"]');
    await shot(page, 'datasets-drop-overlay');
    await drag('drop');
    await page.waitForSelector('[data-testid="drop-overlay"]', { state: 'detached' });
    await page.waitForSelector('[data-testid="import-dialog"]');
    expect(await page.inputValue('[data-testid="import-name"]')).toBe('airline-passengers');
    await page.keyboard.press('Enter');
    await page.waitForSelector('.job-row:has-text("airline-passengers")');
    await page.waitForSelector('[data-testid="dataset-name"]:text-is("airline-passengers")', { timeout: 60_000 });
    expect(await page.textContent('[data-testid="dataset-size"]')).toContain('144 rows × 2 columns');
    expect(await page.textContent('[data-testid="column-0"]')).toMatch(/Month\s*date/);
    await page.click('[data-testid="dataset-tab-profile"]');
    await page.waitForSelector('[data-testid="profile-column-Passengers"]', { timeout: 60_000 });
    await shot(page, 'datasets-dropped-profile');
    await page.close();
  });

  it('appends the rows of a file as a new version, listed under Versions', async () => {
    const file = path.join(home.dir, 'visits.csv');
    fs.writeFileSync(file, 'day,visits\n2024-01-01,10\n2024-01-02,12\n2024-01-03,9\n');
    const { body } = await api(served, 'datasets.import', { path: file });
    expect((await jobEnd(body.data.jobId)).error ?? null).toBeNull();
    const page = await openApp(browser, served.url);
    await page.click('[data-testid="datasets-list"] [role="option"]:has-text("visits")');
    await page.waitForSelector('[data-testid="dataset-name"]:text-is("visits")');
    await page.waitForSelector('[data-testid="dataset-version-1"]');
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.click('[data-testid="dataset-append"]')]);
    await chooser.setFiles({ name: 'visits-feb.csv', mimeType: 'text/csv', buffer: Buffer.from('day,visits\n2024-02-01,14\n2024-02-02,15\n') });
    await page.waitForSelector('[data-testid="import-dialog"]:has-text("Append rows to “visits”")');
    expect(await page.locator('[data-testid="import-name"]').count()).toBe(0);
    await page.waitForSelector('[data-testid="import-dialog"] [data-testid="import-summary"]', { timeout: 30_000 });
    await shot(page, 'datasets-append-dialog');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid="dataset-version-2"]', { timeout: 30_000 });
    expect(await page.textContent('[data-testid="dataset-size"]')).toContain('5 rows × 2 columns');
    expect(await page.textContent('[data-testid="dataset-version-2"]')).toMatch(/v2\s*5\s*appended 2.*visits-feb\.csv|v2\s*5\s*appended 2.*uploaded file/);
    // The list is reachable from the keyboard.
    await page.focus('[data-testid="dataset-versions"] [role="region"]');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Dataset versions');
    await shot(page, 'datasets-versions');
    await page.close();
  });

  it('scrolls every row of a table taller than a browser can lay out (1.5 million rows)', async () => {
    const rows = 1_500_000;
    const file = path.join(home.dir, 'tall.csv');
    const lines = ['n,group'];
    for (let i = 0; i < rows; i++) lines.push(`${i},${i % 7}`);
    fs.writeFileSync(file, lines.join('\n'));
    const { body } = await api(served, 'datasets.import', { path: file });
    const ended = await jobEnd(body.data.jobId);
    expect(ended.error ?? null).toBeNull();
    const page = await openApp(browser, served.url);
    await page.click('[data-testid="datasets-list"] [role="option"]:has-text("tall")');
    await page.waitForSelector('[data-testid="data-table"] [data-row="1"] .dt-cell:not(.dt-loading)');
    // 1.5M rows × 28 px is 42M px: the body is capped below what browsers lay out.
    expect(await page.$eval('[data-testid="data-table"]', (el) => el.scrollHeight)).toBeLessThan(16_000_000);
    const renderedRows = () => page.$$eval('[data-testid="data-table"] [data-row]', (els) => els.map((r) => Number(r.getAttribute('data-row'))));

    // The wheel moves by the rows it asked for (100 rows), not by the scaled body's pixels.
    await page.hover('[data-testid="data-table"]');
    await page.mouse.wheel(0, 100 * 28);
    await page.waitForSelector('[data-testid="data-table"] [data-row="101"] .dt-cell:not(.dt-loading)');
    expect(Math.min(...(await renderedRows()))).toBeGreaterThan(80);
    expect(Math.max(...(await renderedRows()))).toBeLessThan(160);

    // Page Down moves one screen of rows; End reaches the very last row, with its own values.
    await page.focus('[data-testid="data-table"]');
    const before = Math.min(...(await renderedRows()));
    await page.keyboard.press('PageDown');
    await page.waitForFunction((b) => {
      const nums = [...document.querySelectorAll('[data-testid="data-table"] [data-row]')].map((r) => Number(r.getAttribute('data-row')));
      return Math.min(...nums) > b + 5;
    }, before);
    expect(Math.min(...(await renderedRows())) - before).toBeLessThan(40);
    await page.keyboard.press('End');
    await page.waitForSelector(`[data-testid="data-table"] [data-row="${rows}"] .dt-cell:not(.dt-loading)`);
    expect(await page.textContent(`[data-testid="data-table"] [data-row="${rows}"] .dt-cell`)).toBe(String(rows - 1));
    const last = await page.$eval(`[data-testid="data-table"] [data-row="${rows}"]`, (el) => {
      const table = document.querySelector('[data-testid="data-table"]')!.getBoundingClientRect();
      return { bottom: el.getBoundingClientRect().bottom, tableBottom: table.bottom };
    });
    // The last row sits at the bottom of the view, not below it.
    expect(Math.abs(last.bottom - last.tableBottom)).toBeLessThan(30);
    await shot(page, 'datasets-tall-end');
    await page.close();
  }, 120_000);

  it('reads well in the dark theme', async () => {
    const { body } = await api(served, 'datasets.importSample', { id: 'adult-income' });
    const ended = await jobEnd(body.data.jobId);
    expect(ended.error ?? null).toBeNull();
    expect(ended.status).toBe('succeeded');
    const page = await openApp(browser, served.url, 'dark');
    await page.click('[data-testid="datasets-list"] [role="option"]:has-text("Adult")');
    await page.waitForSelector('[data-testid="dataset-name"]:has-text("Adult")');
    await page.waitForSelector('[data-testid="data-table"] [data-row="1"] .dt-cell:not(.dt-loading)');
    await shot(page, 'datasets-dark-data');
    await page.click('[data-testid="dataset-tab-profile"]');
    await page.waitForSelector('[data-testid="correlation-heatmap"] canvas', { timeout: 60_000 });
    await shot(page, 'datasets-dark-profile');
    await page.close();
  });
});
