import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { api, colouredPixels, launch, openApp, repoRoot, serve, shot, trainRun, waitForJob, type Served } from './harness';
import { tempHome } from '../helpers/temp-home';

let served: Served;
let browser: Browser;
const home = tempHome('lathe-e2e-explorer-');
let dataset = '';
let regression = '';
let classifier = '';
let binary = '';

const train = (target: string, params: Record<string, unknown>) => trainRun(served, { dataset, target, family: 'gbdt', params });

/** For screenshots: the page scrolled to the top, the jobs tray folded away. */
async function tidy(page: Page) {
  await page.locator('.main').evaluate((el) => (el.scrollTop = 0));
  const head = page.locator('[data-testid="job-tray"] .job-tray-head');
  if ((await head.count()) && (await head.getAttribute('aria-expanded')) === 'true') await head.click();
}

const prediction = (page: Page) => page.textContent('[data-testid="prediction-value"]');

/** Translucent pixels of a chart (alpha between 10 and 200): thin ICE lines, which the opaque count misses. */
const translucentPixels = (page: Page, testId: string) =>
  page.$$eval(`[data-testid="${testId}"] canvas`, (canvases) => {
    let n = 0;
    for (const c of canvases) {
      const canvas = c as unknown as { width: number; height: number; getContext(k: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> } } };
      const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
      for (let i = 3; i < data.length; i += 4) if (data[i] > 10 && data[i] < 200) n++;
    }
    return n;
  });

/** The confusion matrix as shown: true/false positives and negatives. */
const confusion = (page: Page) =>
  page.$$eval('[data-testid="threshold-confusion"] td[data-cell]', (cells) =>
    Object.fromEntries(cells.map((c) => [(c as HTMLElement).dataset.cell!, Number(c.querySelector('strong')!.textContent!.replace(/[^\d]/g, ''))])),
  );

/** Waits for the debounced prediction to differ from `before`, and returns it. */
async function changedFrom(page: Page, before: string | null): Promise<string> {
  await expect.poll(() => prediction(page), { timeout: 10_000 }).not.toBe(before);
  return (await prediction(page))!;
}

beforeAll(async () => {
  served = await serve(home.dir);
  browser = await launch();
  const { body } = await api(served, 'datasets.importSample', { id: 'california-housing' });
  dataset = (await waitForJob(served, body.data.jobId)).result.id;
  regression = await train('median_house_value', { trees: 40 });
  classifier = await train('ocean_proximity', { trees: 20 });
  const adult = await api(served, 'datasets.importSample', { id: 'adult-income' });
  const adultId = (await waitForJob(served, adult.body.data.jobId)).result.id;
  binary = await trainRun(served, { dataset: adultId, target: 'income', family: 'gbdt', params: { trees: 30 } });
  expect((await api(served, 'models.register', { runId: regression, name: 'houses' })).body.ok).toBe(true);
  expect((await api(served, 'models.promote', { name: 'houses', version: '1.0.0', alias: 'production' })).body.ok).toBe(true);
});

afterAll(async () => {
  await browser?.close();
  await served?.stop();
  home.cleanup();
});

describe('the explorer, end to end', () => {
  it('explores a registered version: what-if form, contributions and partial dependence', async () => {
    const page = await openApp(browser, served.url);
    await page.click('[data-testid="nav-models"]');
    await page.click('[data-testid="version-1.0.0"] [data-testid="version-explore"]');
    await page.waitForSelector('[data-testid="page-explorer"]');
    expect(await page.inputValue('[data-testid="explorer-model"]')).toBe('houses@1.0.0');
    await page.waitForSelector('[data-testid="prediction-value"]');
    expect(await page.textContent('[data-testid="explorer-facts"]')).toMatch(/houses v1\.0\.0.*gbdt regression → median_house_value/);
    expect(await page.textContent('[data-testid="prediction-interval"]')).toMatch(/^\d+% interval: [\d,.]+ – [\d,.]+$/);
    expect(await page.textContent('[data-testid="prediction-latency"]')).toMatch(/(µs|ms) in onnxruntime/);

    // Contributions: drawn, with the method and the space named.
    await expect.poll(() => colouredPixels(page, 'contrib-chart')).toBeGreaterThan(100);
    expect(await page.textContent('[data-testid="contrib-summary"]')).toMatch(/TreeSHAP.*Explaining the predicted median_house_value\. From the base value/);
    // Partial dependence of the top contributor, drawn.
    const pdpOption = await page.$eval('[data-testid="pdp-column"]', (s) => (s as HTMLSelectElement).selectedOptions[0].textContent);
    expect(pdpOption).toMatch(/\(top contributor\)$/);
    await expect.poll(() => colouredPixels(page, 'pdp-chart')).toBeGreaterThan(100);

    // A select and a slider change the prediction.
    let before = await prediction(page);
    await page.selectOption('[data-testid="input-ocean_proximity"]', 'INLAND');
    before = await changedFrom(page, before);
    await page.focus('[data-testid="slider-median_income"]');
    await page.keyboard.press('End');
    expect(Number(await page.inputValue('[data-testid="input-median_income"]'))).toBeGreaterThan(14);
    before = await changedFrom(page, before);
    await expect.poll(() => colouredPixels(page, 'pdp-chart')).toBeGreaterThan(100);
    await tidy(page);
    await shot(page, 'explorer-whatif');

    // Typing outside the training range is allowed, and flagged.
    await page.fill('[data-testid="input-median_income"]', '40');
    await page.waitForSelector('[data-testid="outside-median_income"]');
    expect(await page.textContent('[data-testid="outside-median_income"]')).toMatch(/^outside training range/);
    // Any value can be missing.
    await page.check('[data-testid="missing-total_bedrooms"]');
    expect(await page.isDisabled('[data-testid="input-total_bedrooms"]')).toBe(true);
    await page.waitForSelector('[data-testid="prediction-card"][aria-busy="false"]');
    expect(await page.isVisible('[data-testid="prediction-card"] [data-testid="error-banner"]')).toBe(false);

    // Another column's curve, categorical: bars.
    await page.selectOption('[data-testid="pdp-column"]', 'ocean_proximity');
    await expect.poll(() => colouredPixels(page, 'pdp-chart')).toBeGreaterThan(100);
    await page.locator('[data-testid="pdp"]').scrollIntoViewIfNeeded();
    await shot(page, 'explorer-pdp');

    // Reset brings back the typical values.
    await page.click('[data-testid="whatif-reset"]');
    expect(await page.inputValue('[data-testid="input-ocean_proximity"]')).toBe('<1H OCEAN');
    expect(await page.isChecked('[data-testid="missing-total_bedrooms"]')).toBe(false);
    await page.close();
  });

  it('explains a multiclass run, class by class', async () => {
    const page = await openApp(browser, served.url, 'dark');
    await page.click('[data-testid="nav-explorer"]');
    await page.waitForSelector(`[data-testid="explorer-model"] option[value="${classifier}"]`, { state: 'attached' });
    await page.selectOption('[data-testid="explorer-model"]', classifier);
    await page.waitForSelector('[data-testid="class-probabilities"]');
    expect(await page.locator('[data-testid="class-probabilities"] li').count()).toBe(5);
    const label = await prediction(page);
    expect(await page.getAttribute('[data-testid="class-probabilities"] li.predicted', 'data-class')).toBe(label);
    await expect.poll(() => colouredPixels(page, 'contrib-chart')).toBeGreaterThan(100);
    expect(await page.textContent('[data-testid="contrib-summary"]')).toContain(`Explaining ${label}`);

    const other = label === 'NEAR BAY' ? 'INLAND' : 'NEAR BAY';
    await page.selectOption('[data-testid="explain-class"]', other);
    await expect.poll(() => page.textContent('[data-testid="contrib-summary"]')).toContain(`Explaining ${other}`);
    await expect.poll(() => colouredPixels(page, 'pdp-chart')).toBeGreaterThan(100);
    await tidy(page);
    await shot(page, 'explorer-classifier-dark');
    // ICE draws the explained class's rows, one by one, on the dark theme too.
    await page.waitForSelector('[data-testid="pdp"][data-ice-lines="50"]');
    expect(await page.textContent('[data-testid="pdp-note"]')).toContain(`probability of ${other}`);
    await page.locator('[data-testid="pdp"]').scrollIntoViewIfNeeded();
    await shot(page, 'explorer-ice-dark');
    await page.close();
  });

  it('starts from a picked row, draws ICE lines, and moves a binary model’s decision threshold', async () => {
    const page = await openApp(browser, served.url);
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.click('[data-testid="nav-explorer"]');
    await page.waitForSelector(`[data-testid="explorer-model"] option[value="${binary}"]`, { state: 'attached' });
    await page.selectOption('[data-testid="explorer-model"]', binary);
    await page.waitForSelector('[data-testid="prediction-value"]');
    await page.waitForSelector('[data-testid="threshold-confusion"]');

    // Pick a row: a page of the dataset, searched, then one row fills the form.
    await tidy(page);
    await page.click('[data-testid="whatif-pick-row"]');
    await page.waitForSelector('[data-testid="row-picker"] tbody tr');
    expect(await page.textContent('[data-testid="row-count"]')).toBe('Rows 1–20 of 32,561');
    await page.click('[data-testid="rows-next"]');
    await expect.poll(() => page.textContent('[data-testid="row-count"]')).toBe('Rows 21–40 of 32,561');
    await page.fill('[data-testid="row-search"]', 'Doctorate');
    await expect.poll(() => page.textContent('[data-testid="row-count"]'), { timeout: 15_000 }).toMatch(/^Rows 1–20 of [\d,]+ matching$/);
    const cells = await page.$$eval('[data-testid="row-picker"] tbody tr:nth-child(2) td', (tds) => tds.map((td) => td.textContent!));
    const headers = await page.$$eval('[data-testid="row-picker"] thead th', (ths) => ths.map((th) => th.textContent!));
    expect(cells[headers.indexOf('education')]).toBe('Doctorate');
    await shot(page, 'explorer-row-picker');
    await page.click('[data-testid="row-picker"] tbody tr:nth-child(2)');
    await page.waitForSelector('[data-testid="row-picker"]', { state: 'detached' });
    expect(await page.inputValue('[data-testid="input-education"]')).toBe('Doctorate');
    expect(await page.inputValue('[data-testid="input-age"]')).toBe(cells[headers.indexOf('age')]);
    expect(await page.inputValue('[data-testid="input-occupation"]')).toBe(cells[headers.indexOf('occupation')]);
    expect(await page.textContent('[data-testid="whatif-source"]')).toMatch(/^The values of row [\d,]+ of /);
    expect(await page.textContent('[data-testid="actual-value"]')).toBe(cells[headers.indexOf('income')]);
    await page.waitForSelector('[data-testid="prediction-card"][aria-busy="false"]');

    // The threshold: the matrix follows the slider, and so does the card's label rule.
    const at50 = await confusion(page);
    const total = at50.tp + at50.fp + at50.fn + at50.tn;
    expect(total).toBeGreaterThan(1000);
    const precision50 = await page.textContent('[data-metric="precision"]');
    await page.locator('[data-testid="threshold-slider"]').fill('0.8');
    await expect.poll(() => page.textContent('[data-testid="threshold-value"]')).toBe('0.80');
    const at80 = await confusion(page);
    expect(at80.tp + at80.fp).toBeLessThan(at50.tp + at50.fp);
    expect(at80.tp + at80.fp + at80.fn + at80.tn).toBe(total);
    expect(await page.textContent('[data-metric="precision"]')).not.toBe(precision50);
    expect(await page.textContent('[data-testid="prediction-threshold"]')).toContain('at least 0.80');
    const classes = await page.$$eval('[data-testid="positive-class"] option', (os) => os.map((o) => (o as HTMLOptionElement).value));
    const probs = await page.$$eval('[data-testid="class-probabilities"] li', (lis) => lis.map((li) => [li.getAttribute('data-class')!, li.querySelector('.class-pct')!.textContent!]));
    const pPositive = Number(probs.find(([c]) => c === classes[1])![1].replace('%', '')) / 100;
    expect(await prediction(page)).toBe(pPositive >= 0.8 ? classes[1] : classes[0]);
    // The other class as positive swaps what counts as a hit.
    await page.selectOption('[data-testid="positive-class"]', classes[0]);
    await expect.poll(async () => (await confusion(page)).tp).not.toBe(at80.tp);
    await page.selectOption('[data-testid="positive-class"]', classes[1]);

    // ICE: 50 thin lines under the bold mean, and gone when switched off.
    await page.selectOption('[data-testid="pdp-column"]', 'age');
    await page.waitForSelector('[data-testid="pdp"][data-ice-lines="50"]');
    await expect.poll(() => translucentPixels(page, 'pdp-chart')).toBeGreaterThan(1500);
    const withIce = await translucentPixels(page, 'pdp-chart');
    await page.locator('[data-testid="threshold"]').scrollIntoViewIfNeeded();
    await shot(page, 'explorer-threshold');
    await page.locator('[data-testid="pdp"]').scrollIntoViewIfNeeded();
    await shot(page, 'explorer-ice');
    await page.check('[data-testid="pdp-centered"]');
    await expect.poll(() => page.textContent('[data-testid="pdp-note"]')).toMatch(/^The change in the mean probability of/);
    await shot(page, 'explorer-ice-centered');
    await page.uncheck('[data-testid="pdp-centered"]');
    await page.uncheck('[data-testid="pdp-ice"]');
    await page.waitForSelector('[data-testid="pdp"][data-ice-lines="0"]');
    await expect.poll(() => translucentPixels(page, 'pdp-chart')).toBeLessThan(withIce / 3);
    await page.check('[data-testid="pdp-ice"]');

    // An edit keeps the row's actual value, said to be from before the edit.
    await page.fill('[data-testid="input-age"]', '30');
    await expect.poll(() => page.textContent('[data-testid="prediction-actual"]')).toMatch(/before your edits/);
    await page.close();
  });

  it('predicts a CSV in a job and downloads the result', async () => {
    const lines = fs.readFileSync(path.join(repoRoot, 'resources/samples/california_housing/housing.csv'), 'utf8').split('\n');
    const csv = path.join(home.dir, 'to-predict.csv');
    fs.writeFileSync(csv, lines.slice(0, 26).join('\n') + '\n');

    const page = await openApp(browser, served.url);
    await page.click('[data-testid="nav-explorer"]');
    await page.waitForSelector('[data-testid="explorer-model"] option[value="houses@production"]', { state: 'attached' });
    await page.selectOption('[data-testid="explorer-model"]', 'houses@production');
    await page.click('[data-testid="explorer-tab-batch"]');
    await page.setInputFiles('[data-testid="batch-file"]', csv);
    await page.waitForSelector('[data-testid="batch-download"]', { timeout: 60_000 });
    expect(await page.textContent('[data-testid="batch-rows"]')).toMatch(/^25 rows predicted/);
    expect(await page.locator('[data-testid="batch-preview"] tbody tr').count()).toBe(10);
    expect(await page.textContent('[data-testid="job-tray"]')).toContain('to-predict.csv');
    await tidy(page);
    await shot(page, 'explorer-batch');

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="batch-download"]')]);
    const text = fs.readFileSync((await download.path())!, 'utf8');
    const rows = text.trim().split('\n');
    expect(rows[0].split(',')).toContain('predicted_median_house_value');
    expect(rows).toHaveLength(26);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);

    // A file without the model's columns: the host's reason, on the page.
    const bad = path.join(home.dir, 'wrong.csv');
    fs.writeFileSync(bad, 'a,b\n1,2\n');
    await page.setInputFiles('[data-testid="batch-file"]', bad);
    await page.waitForSelector('[data-testid="batch-status"][data-state="failed"]', { timeout: 30_000 });
    expect(await page.textContent('[data-testid="batch-status"]')).toMatch(/lacks the columns/);
    await page.close();
  });

  it('opens an external .onnx file and runs it', async () => {
    const out = path.join(home.dir, 'onnx-export');
    const exported = await api(served, 'models.export', { model: regression, outDir: out });
    expect(exported.body.ok).toBe(true);

    const page = await openApp(browser, served.url);
    await page.click('[data-testid="nav-explorer"]');
    await page.setInputFiles('[data-testid="onnx-file"]', path.join(out, 'model.onnx'));
    await page.waitForSelector('[data-testid="onnx-info"]');
    expect(await page.textContent('[data-testid="onnx-info"] h3')).toBe('model.onnx');
    expect(await page.inputValue('[data-testid="explorer-model"]')).not.toBe('');
    const inputs = await page.$$eval('[data-testid="onnx-inputs"] tbody tr', (rows) => rows.map((r) => r.querySelector('td')!.textContent!));
    expect(inputs.length).toBeGreaterThan(0);
    expect(await page.locator('[data-testid="onnx-outputs"] tbody tr').count()).toBeGreaterThan(0);

    // A wrong number of values is refused before anything runs.
    const firstNumeric = await page.$$eval('[data-testid="onnx-inputs"] tbody tr', (rows) =>
      rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent!)).find(([, type]) => type !== 'string')?.[0],
    );
    expect(firstNumeric).toBeTruthy();
    await page.fill(`[data-testid="onnx-input-${firstNumeric}"]`, '1, 2');
    await page.click('[data-testid="onnx-run"]');
    await page.waitForSelector('[data-testid="onnx-view"] [data-testid="error-banner"]');
    expect(await page.textContent('[data-testid="onnx-view"] [data-testid="error-banner"]')).toMatch(/takes 1 value/);

    await page.fill(`[data-testid="onnx-input-${firstNumeric}"]`, '3.5');
    await page.click('[data-testid="onnx-run"]');
    await page.waitForSelector('[data-testid="onnx-outputs-result"]');
    const values = await page.$$eval('[data-testid="onnx-outputs-result"] tbody tr', (rows) => rows.map((r) => r.querySelector('.onnx-values')!.textContent!));
    expect(values.some((v) => /^-?\d/.test(v))).toBe(true);
    await tidy(page);
    await shot(page, 'explorer-onnx');
    await page.close();
  });
});
