import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { api, launch, serve, waitForJob, type Served } from './harness';
import { seed, tour, type Seeded, type Stop } from './tour';
import { tempHome } from '../helpers/temp-home';

let served: Served;
let browser: Browser;
let seeded: Seeded;
let recommender = '';
const home = tempHome('lathe-e2e-a11y-');

beforeAll(async () => {
  served = await serve(home.dir);
  browser = await launch();
  seeded = await seed(served);
  recommender = await seedRecommender(served);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await served?.stop();
  home.cleanup();
});

/** WCAG 2.1 A and AA, as axe-core tags them. */
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** The serious and critical violations on the page as it is now, one line each. */
async function violations(page: Page, where: string): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${where}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes.slice(0, 4).map((n) => `${n.target.join(' ')}${n.failureSummary ? ` [${n.failureSummary.replace(/\s+/g, ' ').slice(0, 160)}]` : ''}`).join('; ')}`);
}

/** The app in a context of its own: axe opens a page beside it to put its results together. */
async function openInContext(scheme: 'light' | 'dark'): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: scheme });
  const page = await context.newPage();
  await page.goto(served.url);
  await page.waitForSelector('html[data-app-ready="true"]');
  return page;
}

/** A small matrix factorization on the goodbooks ratings: the recommender's run page and Explorer view have data. */
async function seedRecommender(s: Served): Promise<string> {
  const { body } = await api(s, 'datasets.importSample', { id: 'goodbooks-ratings' });
  const dataset = (await waitForJob(s, body.data.jobId, 120_000)).result.id as string;
  const run = await api(s, 'recommend.start', { dataset, user: 'user_id', item: 'book_id', rating: 'rating', model: 'mf', params: { factors: 8, epochs: 3 } });
  if (!run.body.ok) throw new Error(`recommend.start refused: ${run.body.error?.message}`);
  const job = await waitForJob(s, run.body.data.jobId, 180_000);
  if (job.status !== 'succeeded') throw new Error(`the recommender run ${job.status}: ${job.error?.message ?? ''}`);
  return run.body.data.runId as string;
}

/** The recommender's run page, then its Explorer view with one user's list beside their history. */
const recommenderStops = (): Stop[] => [
  {
    name: 'recommender run',
    async open(page) {
      await page.click('[data-testid="nav-experiments"]');
      await page.click(`[data-testid="run-${recommender}"]`);
      await page.waitForSelector('[data-testid="run-detail"][aria-label="Recommender run"] [data-testid="rec-atk-chart"] canvas');
    },
  },
  {
    name: 'recommender explorer',
    async open(page) {
      await page.click('[data-testid="run-explore"]');
      await page.waitForSelector('[data-testid="rec-explorer"]');
      await page.fill('[data-testid="rec-user-search"]', '');
      await page.locator('[data-testid="rec-user-hit"]').first().click();
      await page.waitForSelector('[data-testid="rec-user-result-items"] li');
    },
  },
];

const shortcuts: Stop = {
  name: 'shortcut list',
  async open(page) {
    await page.click('[data-testid="nav-shortcuts"]');
    await page.waitForSelector('[data-testid="shortcuts-dialog"]');
  },
};

describe('accessibility scan (axe-core, WCAG 2.1 AA)', () => {
  for (const scheme of ['light', 'dark'] as const) {
    it(`finds no serious or critical violation on any page (${scheme})`, async () => {
      const page = await openInContext(scheme);
      const found: string[] = [];
      for (const stop of [...tour(seeded), ...recommenderStops(), shortcuts]) {
        await stop.open(page);
        found.push(...(await violations(page, stop.name)));
      }
      await page.keyboard.press('Escape');
      // The folded navigation of a narrow window too.
      await page.setViewportSize({ width: 1024, height: 700 });
      await page.waitForSelector('[data-testid="nav-toggle"][aria-expanded="false"]');
      found.push(...(await violations(page, 'folded navigation')));
      expect(found).toEqual([]);
      await page.context().close();
    });
  }
});
