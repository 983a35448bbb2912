import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { launch, serve, type Served } from './harness';
import { seed, tour, type Seeded, type Stop } from './tour';
import { tempHome } from '../helpers/temp-home';

let served: Served;
let browser: Browser;
let seeded: Seeded;
const home = tempHome('lathe-e2e-a11y-');

beforeAll(async () => {
  served = await serve(home.dir);
  browser = await launch();
  seeded = await seed(served);
}, 240_000);

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
      for (const stop of [...tour(seeded), shortcuts]) {
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
