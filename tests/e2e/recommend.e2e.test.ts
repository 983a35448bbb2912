import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
import { api, colouredPixels, launch, serve, shot, waitForJob, type Served } from './harness';
import { tempHome } from '../helpers/temp-home';

let served: Served;
let browser: Browser;
const home = tempHome('lathe-e2e-recommend-');
/** Training on 80k ratings, evaluation at k = 1…20 and the group protocol, on a busy machine. */
const SLOW_MS = 300_000;
/** The blue of the metrics-at-k curve for all users (recommend/charts.ts). */
const OVERALL_BLUE: [number, number, number] = [0x2f, 0x6f, 0xdf];

beforeAll(async () => {
  served = await serve(home.dir);
  browser = await launch();
  // Goodreads ratings of 300 books, and the books with their titles and tags.
  for (const id of ['goodbooks-ratings', 'goodbooks-books']) {
    const { body } = await api(served, 'datasets.importSample', { id });
    expect((await waitForJob(served, body.data.jobId, 120_000)).status).toBe('succeeded');
  }
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await served?.stop();
  home.cleanup();
});

async function datasetId(name: string): Promise<string> {
  const { body } = await api(served, 'datasets.list', {});
  const found = (body.data as { id: string; name: string }[]).find((d) => d.name === name);
  if (!found) throw new Error(`no dataset ${name}`);
  return found.id;
}

async function open(size: { width: number; height: number }, colorScheme: 'light' | 'dark'): Promise<Page> {
  // Its own context: the accessibility scan opens a second page in it.
  const context = await browser.newContext({ viewport: size, colorScheme });
  const page = await context.newPage();
  // The context goes with its page. Closed late (the browser already closed in afterAll), it rejects: nothing to do.
  page.once('close', () => context.close().catch(() => undefined));
  await page.goto(served.url);
  await page.waitForSelector('html[data-app-ready="true"]');
  return page;
}

/** WCAG 2 A/AA over one part of the page: no serious or critical violation. */
async function expectAccessible(page: Page, selector: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).include(selector).withTags(['wcag2a', 'wcag2aa']).analyze();
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

async function waitSucceeded(page: Page): Promise<void> {
  const ended = ['succeeded', 'failed', 'cancelled', 'interrupted'].map((s) => `[data-testid="run-status"]:text-is("${s}")`).join(', ');
  await page.waitForSelector(ended, { timeout: 180_000 });
  const status = await page.textContent('[data-testid="run-status"]');
  if (status !== 'succeeded') throw new Error(`the run ${status}: ${await page.textContent('[data-testid="run-error"]').catch(() => '')}`);
}

/** Every button inside `selector` lies wholly inside the viewport's width (nothing clipped at the edge). */
async function buttonsWhole(page: Page, selector: string): Promise<string[]> {
  return page.$$eval(`${selector} button`, (els) =>
    els
      .filter((b) => (b as HTMLElement).offsetParent !== null)
      .filter((b) => {
        const r = b.getBoundingClientRect();
        return r.right > window.innerWidth + 1 || b.scrollWidth > (b as HTMLElement).clientWidth + 1;
      })
      .map((b) => b.textContent ?? ''),
  );
}

/** Searches users and picks the first match; returns who was picked. */
async function pickUser(page: Page, testId: string, search: string): Promise<string> {
  await page.fill(`[data-testid="${testId}-search"]`, search);
  const hit = page.locator(`[data-testid="${testId}-hit"]`).first();
  await hit.waitFor();
  if (search) await expect.poll(async () => (await hit.getAttribute('data-user'))?.includes(search)).toBe(true);
  const user = (await hit.getAttribute('data-user'))!;
  // By name, not "the first": the list can re-render between reading a hit and clicking it.
  await page.click(`[data-testid="${testId}-hit"][data-user="${user}"]`);
  return user;
}

describe('recommending, end to end', () => {
  let runId = '';

  it(
    'trains mf from the New run dialog and reads the metrics at k, the item map and the groups',
    async () => {
      const ratings = await datasetId('Goodbooks ratings');
      const books = await datasetId('Goodbooks books');
      const page = await open({ width: 1440, height: 900 }, 'light');
      await page.click('[data-testid="nav-experiments"]');
      await page.waitForSelector('[data-testid="new-run"]:not([disabled])');
      await page.click('[data-testid="new-run"]');
      await page.selectOption('[data-testid="new-run-dataset"]', ratings);
      // The columns look like interactions: the dialog offers the Recommend task.
      await page.click('[data-testid="new-run-offer-recommend"] button');
      await page.waitForSelector('[data-testid="rec-form"]');
      await expect.poll(() => page.inputValue('[data-testid="rec-user"]')).toBe('user_id');
      expect(await page.inputValue('[data-testid="rec-item"]')).toBe('book_id');
      expect(await page.inputValue('[data-testid="rec-rating"]')).toBe('rating');
      expect(await page.inputValue('[data-testid="new-run-task"]')).toBe('recommend');

      // Goodbooks has no time column: the time-ordered splits are disabled, saying why.
      expect(await page.inputValue('[data-testid="rec-time"]')).toBe('');
      for (const split of ['last', 'time']) {
        expect(await page.isDisabled(`[data-testid="rec-split-${split}"] input`)).toBe(true);
        expect(await page.textContent(`[data-testid="rec-split-${split}"]`)).toContain('needs a time column');
      }
      expect(await page.isChecked('[data-testid="rec-split-random"] input')).toBe(true);

      // Item features: the key is proposed from the books' columns.
      await page.click('[data-testid="rec-features"] summary');
      await page.selectOption('[data-testid="rec-item-features"]', books);
      await expect.poll(() => page.inputValue('[data-testid="rec-item-key"]')).toBe('book_id');

      expect(await page.inputValue('[data-testid="rec-model"]')).toBe('mf');
      expect(await page.textContent('[data-testid="rec-model-desc"]')).toContain('matrix factorization');
      expect(await page.inputValue('[data-testid="param-factors"]')).toBe('100');
      await page.fill('[data-testid="param-factors"]', '16');

      // A parameter out of its range is named beside its field before anything starts.
      await page.fill('[data-testid="rec-k"]', '50');
      await page.click('[data-testid="new-run-submit"]');
      await page.waitForSelector('[data-testid="field-error-k"]');
      await page.fill('[data-testid="rec-k"]', '10');
      await shot(page, 'recommend-dialog');
      await expectAccessible(page, '[data-testid="new-run-dialog"]');
      expect(await buttonsWhole(page, '[data-testid="new-run-dialog"]')).toEqual([]);

      await page.click('[data-testid="new-run-submit"]');
      await page.waitForSelector('[data-testid="new-run-dialog"]', { state: 'detached', timeout: 60_000 });
      await page.waitForSelector('[data-testid="run-detail"][aria-label="Recommender run"]');
      await waitSucceeded(page);
      expect(await page.textContent('[data-testid="run-title"]')).toMatch(/Recommend · Matrix factorization → book_id/);
      expect(await page.textContent('[data-testid="headline-ndcg"]')).toMatch(/nDCG@10\s*0\.\d+/);
      expect(await page.textContent('[data-testid="headline-rmse"]')).toMatch(/RMSE\s*\d/);
      expect(await page.textContent('[data-testid="headline-coverage"]')).toMatch(/Coverage\s*\d+\.\d %/);
      await page.waitForSelector('[data-testid="rec-atk-chart"] canvas');
      await expect.poll(() => colouredPixels(page, 'rec-atk-chart', OVERALL_BLUE)).toBeGreaterThan(300);
      await page.selectOption('[data-testid="rec-atk-metric"]', 'recall');

      runId = (await api(served, 'runs.list', {})).body.data[0].id as string;
      const detail = (await api(served, 'runs.get', { id: runId })).body.data;
      expect(detail.task).toBe('recommend');
      expect(detail.recommendSpec).toMatchObject({ user: 'user_id', item: 'book_id', rating: 'rating', itemKey: 'book_id', k: 10 });
      expect(detail.recommendSpec.params.factors).toBe(16);

      // The item map: one dot per item, coloured by a feature of the books.
      await page.click('[data-testid="rec-tab-map"]');
      await page.waitForSelector('[data-testid="rec-map-chart"] canvas');
      await expect.poll(() => colouredPixels(page, 'rec-map-chart')).toBeGreaterThan(200);
      await page.locator('[data-testid="rec-map-chart"]').scrollIntoViewIfNeeded();
      await shot(page, 'recommend-run-map');
      await page.locator('[data-testid="run-title"]').evaluate((el) => el.scrollIntoView({ block: 'center' }));
      await shot(page, 'recommend-run');

      await page.click('[data-testid="rec-tab-groups"]');
      await page.waitForSelector('[data-testid="rec-groups-table"]');
      expect(await page.textContent('[data-testid="rec-groups-table"]')).toContain('least-misery');
      await page.locator('[data-testid="rec-groups-table"]').scrollIntoViewIfNeeded();
      await shot(page, 'recommend-run-groups');
      await expectAccessible(page, '[data-testid="run-detail"]');
      await page.close();
    },
    SLOW_MS,
  );

  it(
    'recommends in the Explorer: a user beside their history, a group of three by least misery, someone new',
    async () => {
      expect(runId).not.toBe('');
      const page = await open({ width: 1440, height: 900 }, 'light');
      await page.click('[data-testid="nav-experiments"]');
      await page.click(`[data-testid="run-${runId}"]`);
      await page.waitForSelector('[data-testid="run-explore"]');
      await page.click('[data-testid="run-explore"]');
      await page.waitForSelector('[data-testid="rec-explorer"]');

      // One user: history on the left, recommendations with reasons on the right.
      const user = await pickUser(page, 'rec-user', '1');
      await page.waitForSelector('[data-testid="rec-user-result-items"] li');
      const recs = await page.$$('[data-testid="rec-user-result-items"] li');
      expect(recs.length).toBe(10);
      expect((await page.$$('[data-testid="rec-history-items"] li')).length).toBeGreaterThan(0);
      expect(await page.textContent('[data-testid="rec-user-chosen"]')).toContain(user);
      await shot(page, 'recommend-explorer-user');
      await expectAccessible(page, '[data-testid="rec-explorer"]');

      // A group of three, by least misery: each member's score per item and their satisfaction.
      await page.click('[data-testid="rec-explore-tab-group"]');
      const group: string[] = [];
      for (let i = 0; i < 3; i++) group.push(await pickUser(page, 'rec-group-user', ''));
      expect(new Set(group).size).toBe(3);
      expect(await page.$$eval('[data-testid="rec-members"] .rec-chip', (els) => els.length)).toBe(3);
      await page.click('[data-testid="rec-strategy-least-misery"]');
      await page.click('[data-testid="rec-group-submit"]');
      await page.waitForSelector('[data-testid="rec-group-table"]');
      const heads = await page.$$eval('[data-testid="rec-group-table"] thead th', (els) => els.map((e) => e.textContent ?? ''));
      expect(heads.slice(2).map((h) => h.replace(' *', ''))).toEqual(group);
      expect(await page.textContent('[data-testid="rec-satisfaction"]')).toMatch(/Satisfaction.*%/);
      await shot(page, 'recommend-explorer-group');
      await expectAccessible(page, '[data-testid="rec-explorer"]');

      // Someone new: a tag from the item features, then their first list.
      await page.click('[data-testid="rec-explore-tab-cold"]');
      const tag = page.locator('[data-testid="rec-pref-tags"] button[data-value]').first();
      await tag.waitFor();
      await tag.click();
      expect(await tag.getAttribute('aria-pressed')).toBe('true');
      await page.click('[data-testid="rec-cold-submit"]');
      await page.waitForSelector('[data-testid="rec-cold-result-items"] li');
      await shot(page, 'recommend-explorer-cold');
      await expectAccessible(page, '[data-testid="rec-explorer"]');
      await page.close();
    },
    SLOW_MS,
  );

  it(
    'reads well in dark and at 1024×700',
    async () => {
      for (const [scheme, size] of [
        ['dark', { width: 1440, height: 900 }],
        ['light', { width: 1024, height: 700 }],
        ['dark', { width: 1024, height: 700 }],
      ] as const) {
        const tag = `${scheme}-${size.width}`;
        const page = await open(size, scheme);
        await page.click('[data-testid="nav-experiments"]');
        await page.click(`[data-testid="run-${runId}"]`);
        await page.waitForSelector('[data-testid="run-detail"][aria-label="Recommender run"]');
        await page.waitForSelector('[data-testid="rec-atk-chart"] canvas');
        await shot(page, `recommend-run-${tag}`);
        expect(await buttonsWhole(page, '[data-testid="run-detail"]')).toEqual([]);
        await expectAccessible(page, '[data-testid="run-detail"]');
        await page.click('[data-testid="new-run"]');
        await page.waitForSelector('[data-testid="rec-form"], [data-testid="new-run-task"]');
        if (!(await page.$('[data-testid="rec-form"]'))) await page.selectOption('[data-testid="new-run-task"]', 'recommend');
        await page.waitForSelector('[data-testid="rec-form"]');
        await shot(page, `recommend-dialog-${tag}`);
        expect(await buttonsWhole(page, '[data-testid="new-run-dialog"]')).toEqual([]);
        await page.keyboard.press('Escape');
        await page.click('[data-testid="run-explore"]');
        await pickUser(page, 'rec-user', '');
        await page.waitForSelector('[data-testid="rec-user-result-items"] li');
        await shot(page, `recommend-explorer-${tag}`);
        expect(await buttonsWhole(page, '[data-testid="rec-explorer"]')).toEqual([]);
        await page.close();
      }
    },
    SLOW_MS,
  );
});
