import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { api, launch, openApp, serve, shot, trainRun, waitForJob, type Served } from './harness';
import { tempHome } from '../helpers/temp-home';

let served: Served;
let browser: Browser;
const home = tempHome('lathe-e2e-models-');
let dataset = '';
let first = '';
let second = '';
let classifier = '';

const train = (target: string, params: Record<string, unknown>) => trainRun(served, { dataset, target, family: 'gbdt', params });

beforeAll(async () => {
  served = await serve(home.dir);
  browser = await launch();
  const { body } = await api(served, 'datasets.importSample', { id: 'california-housing' });
  dataset = (await waitForJob(served, body.data.jobId)).result.id;
  first = await train('median_house_value', { trees: 30 });
  second = await train('median_house_value', { trees: 60 });
  classifier = await train('ocean_proximity', { trees: 20 });
});

afterAll(async () => {
  await browser?.close();
  await served?.stop();
  home.cleanup();
});

const aliasVersion = (page: Page, alias: string) => page.getAttribute(`[data-testid="alias-${alias}"]`, 'data-version');

async function registerInDialog(page: Page, runId: string, name?: string) {
  await page.waitForSelector('[data-testid="register-dialog"]');
  await page.waitForSelector(`[data-testid="register-run"] option[value="${runId}"]`, { state: 'attached' });
  await page.selectOption('[data-testid="register-run"]', runId);
  if (name !== undefined) await page.fill('[data-testid="register-name"]', name);
}

describe('the model registry, end to end', () => {
  it('registers two versions, promotes each to production and rolls back', async () => {
    const page = await openApp(browser, served.url);
    await page.click('[data-testid="nav-models"]');
    await page.waitForSelector('[data-testid="empty-models"]');

    // The name is checked as the host checks it, while typing.
    await page.click('[data-testid="register-open"]');
    await registerInDialog(page, first, '-bad name');
    await page.click('[data-testid="register-submit"]');
    expect(await page.textContent('[data-testid="register-name-hint"]')).toMatch(/starting with a letter or digit/);
    await page.fill('[data-testid="register-name"]', 'house-prices');
    expect(await page.textContent('[data-testid="register-name-hint"]')).toMatch(/first version is v1\.0\.0/);
    await page.fill('[data-testid="register-description"]', 'gbdt, 30 trees');
    await shot(page, 'models-register');
    await page.click('[data-testid="register-submit"]');
    await page.waitForSelector('[data-testid="register-dialog"]', { state: 'detached' });
    await page.waitForSelector('[data-testid="version-1.0.0"]');
    expect(await page.textContent('[data-testid="model-title"]')).toBe('house-prices');
    expect(await page.textContent('[data-testid="version-1.0.0"]')).toContain(first.slice(0, 8));

    // Promote v1.0.0: production is new.
    await page.click('[data-testid="version-1.0.0"] [data-testid="version-promote"]');
    await page.waitForSelector('[data-testid="promote-dialog"]');
    expect(await page.inputValue('[data-testid="promote-alias"]')).toBe('production');
    expect(await page.textContent('[data-testid="promote-statement"]')).toBe('Alias production is new: it will point at v1.0.0.');
    await page.fill('[data-testid="promote-note"]', 'first release');
    await page.click('[data-testid="promote-confirm"]');
    await page.waitForSelector('[data-testid="promote-dialog"]', { state: 'detached' });
    await expect.poll(() => aliasVersion(page, 'production')).toBe('1.0.0');

    // A second version of the same model: same inputs, so the minor version goes up.
    await page.click('[data-testid="model-add-version"]');
    await registerInDialog(page, second);
    expect(await page.inputValue('[data-testid="register-name"]')).toBe('house-prices');
    expect(await page.textContent('[data-testid="register-name-hint"]')).toMatch(/Adds a version to house-prices \(latest v1\.0\.0\)/);
    await page.click('[data-testid="register-submit"]');
    await page.waitForSelector('[data-testid="version-1.1.0"]');

    // Promote v1.1.0: the dialog says which move is about to happen.
    await page.click('[data-testid="version-1.1.0"] [data-testid="version-promote"]');
    await page.waitForSelector('[data-testid="promote-dialog"]');
    expect(await page.textContent('[data-testid="promote-statement"]')).toBe('Alias production moves from v1.0.0 to v1.1.0.');
    await page.fill('[data-testid="promote-note"]', 'more trees');
    await shot(page, 'models-promote');
    await page.click('[data-testid="promote-confirm"]');
    await page.waitForSelector('[data-testid="promote-dialog"]', { state: 'detached' });
    await expect.poll(() => aliasVersion(page, 'production')).toBe('1.1.0');
    expect(await page.textContent('[data-testid="version-1.1.0"] [data-testid="version-aliases"]')).toBe('production');

    // Roll back: one click, a confirmation naming both versions, and the alias is back on v1.0.0.
    expect(await page.textContent('[data-testid="rollback-production"]')).toBe('Roll back to v1.0.0');
    await page.click('[data-testid="rollback-production"]');
    expect(await page.textContent('[data-testid="rollback-statement"]')).toMatch(/production moves back from v1\.1\.0 to v1\.0\.0/);
    await page.fill('[data-testid="rollback-note"]', 'latency regression');
    await page.click('[data-testid="rollback-confirm"]');
    await expect.poll(() => aliasVersion(page, 'production')).toBe('1.0.0');
    const moves = await page.$$eval('[data-testid="alias-history"] tbody tr', (rows) =>
      rows.map((r) => `${r.getAttribute('data-action')} ${r.querySelector('[data-testid="history-move"]')!.textContent}`),
    );
    expect(moves).toEqual(['rollback v1.1.0 → v1.0.0', 'set v1.0.0 → v1.1.0', 'set new → v1.0.0']);
    expect(await page.textContent('[data-testid="alias-history"]')).toContain('latency regression');
    // Nothing earlier than v1.0.0 to go back to.
    expect(await page.isDisabled('[data-testid="rollback-production"]')).toBe(true);
    await page.locator('[data-testid="alias-history"]').scrollIntoViewIfNeeded();
    await shot(page, 'models-history');

    const detail = (await api(served, 'models.get', { name: 'house-prices' })).body.data;
    expect(detail.aliases).toEqual({ production: '1.0.0' });
    expect(detail.history).toHaveLength(3);
    await page.close();
  });

  it('follows moves made elsewhere, and exports a version with its parity report', async () => {
    const page = await openApp(browser, served.url, 'dark');
    await page.click('[data-testid="nav-models"]');
    await page.waitForSelector('[data-testid="alias-production"]');
    // A move from the CLI or another window arrives as 'models.changed'.
    expect((await api(served, 'models.promote', { name: 'house-prices', version: '1.1.0', alias: 'staging', note: 'from the API' })).body.ok).toBe(true);
    await page.waitForSelector('[data-testid="alias-staging"][data-version="1.1.0"]');

    const out = path.join(home.dir, 'exported');
    await page.click('[data-testid="version-1.0.0"] [data-testid="version-export"]');
    await page.waitForSelector('[data-testid="export-dialog"]');
    expect(await page.inputValue('[data-testid="export-dir"]')).toMatch(/exports[\\/]house-prices-1\.0\.0$/);
    // tfjs is for mlp models only.
    expect(await page.isDisabled('[data-testid="export-format"] option[value="tfjs"]')).toBe(true);
    await page.fill('[data-testid="export-dir"]', out);
    await page.click('[data-testid="export-submit"]');
    await page.waitForSelector('[data-testid="export-result"]', { timeout: 60_000 });
    expect(await page.textContent('[data-testid="export-parity"]')).toMatch(/max relative error \d\.\d\de[-+]\d+/);
    expect(await page.textContent('[data-testid="export-latency"]')).toMatch(/p50 .*(µs|ms), p99 .*rows\/s/);
    expect(await page.textContent('[data-testid="export-files"]')).toContain('model.onnx');
    expect(fs.existsSync(path.join(out, 'model.onnx'))).toBe(true);
    await shot(page, 'models-export-dark');
    await page.keyboard.press('Escape');
    await shot(page, 'models-registry-dark');

    // A folder the host cannot create (its parent is a file): the host's message, in the dialog.
    const file = path.join(home.dir, 'not-a-folder');
    fs.writeFileSync(file, '');
    await page.click('[data-testid="version-1.0.0"] [data-testid="version-export"]');
    await page.fill('[data-testid="export-dir"]', path.join(file, 'out'));
    await page.click('[data-testid="export-submit"]');
    await page.waitForSelector('[data-testid="export-dialog"] [data-testid="error-banner"]', { timeout: 60_000 });
    expect(await page.textContent('[data-testid="export-dialog"] [data-testid="error-banner"]')).toMatch(/not-a-folder is a file, not a folder/);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('export-dir');
    await page.close();
  });

  it('registers a run from its report in Experiments', async () => {
    const page = await openApp(browser, served.url);
    await page.click('[data-testid="nav-experiments"]');
    await page.click(`[data-testid="run-${classifier}"]`);
    await page.click('[data-testid="run-register"]');
    await registerInDialog(page, classifier, 'ocean');
    await page.click('[data-testid="register-submit"]');
    // It lands on the new version in Models.
    await page.waitForSelector('[data-testid="page-models"] [data-testid="model-title"]:text-is("ocean")');
    await page.waitForSelector('[data-testid="version-1.0.0"]');
    expect(await page.textContent('[data-testid="models-list"]')).toContain('house-prices');

    // The run link goes back to the run.
    await page.click('[data-testid="version-1.0.0"] [data-testid="version-run"]');
    await page.waitForSelector(`[data-testid="page-experiments"] [data-testid="run-${classifier}"][aria-selected="true"]`);
    await page.close();
  });
});
