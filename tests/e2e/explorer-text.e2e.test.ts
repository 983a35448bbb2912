import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { api, launch, openApp, serve, shot, trainRun, waitForJob, type Served } from './harness';
import { tempHome } from '../helpers/temp-home';

let served: Served;
let browser: Browser;
const home = tempHome('lathe-e2e-explorer-text-');
let nbsvm = '';
let lexicon = '';

const SENTENCE = 'the food was not good at all';

beforeAll(async () => {
  served = await serve(home.dir);
  browser = await launch();
  const { body } = await api(served, 'datasets.importSample', { id: 'yelp-sentiment' });
  const dataset = (await waitForJob(served, body.data.jobId)).result.id;
  nbsvm = await trainRun(served, { dataset, target: 'label', family: 'nbsvm', params: { C: 1 } });
  lexicon = await trainRun(served, { dataset, target: 'label', family: 'lexicon' });
});

afterAll(async () => {
  await browser?.close();
  await served?.stop();
  home.cleanup();
});

async function openModel(page: Page, ref: string) {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.click('[data-testid="nav-explorer"]');
  await page.waitForSelector(`[data-testid="explorer-model"] option[value="${ref}"]`, { state: 'attached' });
  await page.selectOption('[data-testid="explorer-model"]', ref);
  await page.waitForSelector('[data-testid="text-input"]');
}

/** Types the sentence and waits until the highlighted copy is of that sentence. */
async function typeSentence(page: Page, sentence: string) {
  await page.fill('[data-testid="text-input"]', sentence);
  await expect.poll(() => page.textContent('[data-testid="text-highlights"]'), { timeout: 15_000 }).toBe(sentence);
}

/** The highlighted words as drawn: their text, offsets and contribution. */
const marks = (page: Page) =>
  page.$$eval('[data-testid="text-highlights"] mark', (ms) =>
    ms.map((m) => {
      const el = m as HTMLElement;
      return { text: el.textContent!, start: Number(el.dataset.start), end: Number(el.dataset.end), contribution: Number(el.dataset.contribution), title: el.title, background: getComputedStyle(el).backgroundColor };
    }),
  );

/** The app in a context of its own at 1440×900 (axe opens a page beside it to put its results together). */
async function openInContext(colorScheme: 'light' | 'dark'): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, colorScheme });
  const page = await context.newPage();
  await page.goto(served.url);
  await page.waitForSelector('html[data-app-ready="true"]');
  return page;
}

/** Serious and critical WCAG 2.1 AA violations, one line each. */
async function violations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help} — ${v.nodes.slice(0, 4).map((n) => n.target.join(' ')).join('; ')}`);
}

async function tidy(page: Page) {
  await page.locator('.main').evaluate((el) => (el.scrollTop = 0));
  const head = page.locator('[data-testid="job-tray"] .job-tray-head');
  if ((await head.count()) && (await head.getAttribute('aria-expanded')) === 'true') await head.click();
}

describe('the explorer with a text model', () => {
  for (const theme of ['light', 'dark'] as const) {
    it(`nbsvm (${theme}): a typed sentence is predicted negative and its words are coloured at their offsets`, async () => {
      const page = await openInContext(theme);
      await openModel(page, nbsvm);
      expect(await page.isVisible('[data-testid="whatif-form"]')).toBe(false);
      expect(await page.textContent('[data-testid="explorer-facts"]')).toMatch(/nbsvm binary → label.*explained by coefficient × tf-idf, word by word/);
      await typeSentence(page, SENTENCE);
      await expect.poll(() => page.textContent('[data-testid="prediction-value"]')).toBe('0');
      const probs = await page.$$eval('[data-testid="class-probabilities"] li', (lis) => lis.map((li) => [li.getAttribute('data-class'), li.querySelector('.class-pct')!.textContent]));
      expect(probs.map(([c]) => c)).toEqual(['0', '1']);
      expect(parseFloat(probs[0][1]!)).toBeGreaterThan(50);

      const words = await marks(page);
      expect(words.length).toBeGreaterThanOrEqual(5);
      for (const w of words) expect(SENTENCE.slice(w.start, w.end)).toBe(w.text);
      // "good" is read negated here: it pushes towards the negative class, and is shaded.
      // "not" pushes hardest towards the negative class: it gets the full tint; "good" is read negated.
      const strongest = words.reduce((a, b) => (Math.abs(b.contribution) > Math.abs(a.contribution) ? b : a));
      expect(strongest).toMatchObject({ text: 'not', title: expect.stringMatching(/^not: \+\d/) });
      expect(strongest.contribution).toBeGreaterThan(0);
      expect(strongest.background).toBe(theme === 'light' ? 'rgb(240, 134, 106)' : 'rgb(154, 53, 32)');
      expect(words.find((w) => w.text === 'good')!.title).toMatch(/^NEG_good: [+−]\d/);
      expect(await page.textContent('[data-testid="words-summary"]')).toMatch(/log-odds of 0\. With the intercept .* they add up to/);
      expect(await page.textContent('[data-testid="text-legend"]')).toMatch(/away from 0.*towards 0/);
      // The same numbers as a table, for screen readers, largest first.
      const rows = await page.$$eval('[data-testid="text-contributions"] tbody tr', (trs) => trs.map((tr) => tr.getAttribute('data-word')));
      expect(rows.length).toBe(words.filter((w) => w.contribution !== 0).length);
      expect(await page.textContent('[data-testid="prediction-latency"]')).toMatch(/in the app$/);
      await tidy(page);
      await shot(page, `explorer-text-nbsvm-${theme}`);
      // Highlights, legend and table pass an accessibility scan (contrast included) in this theme.
      expect(await violations(page)).toEqual([]);

      // Changing the sentence changes the prediction.
      await typeSentence(page, 'the food was really good, we loved it 😍');
      await expect.poll(() => page.textContent('[data-testid="prediction-value"]')).toBe('1');
      await page.context().close();
    });
  }

  it('the lexicon shows its own word valences', async () => {
    const page = await openApp(browser, served.url);
    await openModel(page, lexicon);
    await typeSentence(page, 'The staff were friendly but the soup was awful 😡');
    const words = await marks(page);
    expect(words.map((w) => w.text)).toEqual(expect.arrayContaining(['friendly', 'awful', '😡']));
    expect(words.find((w) => w.text === 'awful')!.contribution).toBeLessThan(0);
    expect(await page.textContent('[data-testid="text-contributions"] thead')).toContain('Valence');
    expect(await page.textContent('[data-testid="text-legend"]')).toMatch(/more negative.*more positive/);
    await tidy(page);
    await shot(page, 'explorer-text-lexicon-light');

    // A text of the dataset, picked from its rows, replaces the typed one.
    await page.click('[data-testid="whatif-pick-row"]');
    await page.waitForSelector('[data-testid="row-picker"] tbody tr');
    await page.click('[data-testid="row-picker"] tbody tr:nth-child(1)');
    await page.waitForSelector('[data-testid="row-picker"]', { state: 'detached' });
    expect(await page.inputValue('[data-testid="text-input"]')).toBe('Wow... Loved this place.');
    await expect.poll(() => page.textContent('[data-testid="text-highlights"]'), { timeout: 15_000 }).toBe('Wow... Loved this place.');
    expect((await marks(page)).map((w) => w.text)).toEqual(expect.arrayContaining(['Wow', 'Loved']));
    await page.close();
  });

  it('batch-predicts a CSV of texts', async () => {
    const csv = path.join(home.dir, 'reviews.csv');
    fs.writeFileSync(csv, ['id,text', '1,"Great pizza, friendly staff!"', '2,the food was not good at all', '3,"Never again 😡"'].join('\n') + '\n');
    const page = await openApp(browser, served.url);
    await openModel(page, nbsvm);
    await page.click('[data-testid="explorer-tab-batch"]');
    await page.setInputFiles('[data-testid="batch-file"]', csv);
    await page.waitForSelector('[data-testid="batch-download"]', { timeout: 30_000 });
    expect(await page.textContent('[data-testid="batch-rows"]')).toMatch(/^3 rows predicted/);
    const header = await page.$$eval('[data-testid="batch-preview"] thead th', (ths) => ths.map((th) => th.textContent));
    expect(header).toEqual(['predicted_label', 'probability_0', 'probability_1', 'id', 'text']);
    const predicted = await page.$$eval('[data-testid="batch-preview"] tbody tr td:first-child', (tds) => tds.map((td) => td.textContent));
    expect(predicted).toEqual(['1', '0', '0']);
    await tidy(page);
    await shot(page, 'explorer-text-batch-light');

    // A CSV without the text column: the reason, on the page.
    const bad = path.join(home.dir, 'no-text.csv');
    fs.writeFileSync(bad, 'a,b\n1,2\n');
    await page.setInputFiles('[data-testid="batch-file"]', bad);
    await page.waitForSelector('[data-testid="batch-status"][data-state="failed"]', { timeout: 30_000 });
    expect(await page.textContent('[data-testid="batch-status"]')).toMatch(/lacks the column the model needs: text/);
    await page.close();
  });
});
