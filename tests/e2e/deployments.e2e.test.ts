import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import Papa from 'papaparse';
import { api, launch, repoRoot, serve, shot, trainRun, waitForJob, type Served } from './harness';
import { tempHome } from '../helpers/temp-home';
import { servingPolicySchema } from '../../shared/serving/index';
import { loadModel } from '../../electron/serving/model';
import { ServingLogs } from '../../electron/serving/logs';
import { replay } from '../../electron/serving/replay';

let served: Served;
let browser: Browser;
const home = tempHome('lathe-e2e-deployments-');
const logsDir = path.join(home.dir, 'canary-logs');
let final: string | null = null;

/** Two registered versions of a housing model, both exported, then a canary of the second replayed with errors injected. */
beforeAll(async () => {
  served = await serve(home.dir);
  browser = await launch();
  const { body } = await api(served, 'datasets.importSample', { id: 'california-housing' });
  const dataset = (await waitForJob(served, body.data.jobId)).result.id;
  for (const trees of [30, 60]) {
    const runId = await trainRun(served, { dataset, target: 'median_house_value', family: 'gbdt', params: { trees } });
    expect((await api(served, 'models.register', { runId, name: 'house' })).status).toBe(200);
  }
  expect((await api(served, 'models.promote', { name: 'house', version: '1.0.0', alias: 'production' })).status).toBe(200);
  for (const v of ['1.0.0', '1.1.0']) {
    const r = await api(served, 'models.export', { model: `house@${v}`, format: 'onnx', outDir: path.join(home.dir, 'bundles', v) });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
  }
  const csv = fs.readFileSync(path.join(repoRoot, 'resources/samples/california_housing/housing.csv'), 'utf8');
  const rows = Papa.parse<Record<string, unknown>>(csv, { header: true, dynamicTyping: true, skipEmptyLines: true }).data;
  const policy = servingPolicySchema.parse({
    kind: 'canary', candidate: '1.1.0',
    steps: [{ weight: 10, minDecisions: 200 }, { weight: 50, minDecisions: 400 }],
    analysis: { minRequests: 50, metric: { name: 'mae', margin: 0 } },
  });
  const logs = new ServingLogs(logsDir, 'replay');
  const summary = await replay({
    model: 'house', policy, rows: rows.slice(0, 2500), logs,
    stable: await loadModel(path.join(home.dir, 'bundles', '1.0.0'), '1.0.0'),
    candidate: await loadModel(path.join(home.dir, 'bundles', '1.1.0'), '1.1.0'),
    options: { target: 'median_house_value', candidateNoise: 0.15, seed: 7, intervalS: 1 },
  });
  logs.close();
  final = summary.final;
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await served?.stop();
  home.cleanup();
});

async function open(colorScheme: 'light' | 'dark'): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, colorScheme });
  const page = await context.newPage();
  await page.goto(served.url);
  await page.waitForSelector('html[data-app-ready="true"]');
  await page.click('[data-testid="nav-deployments"]');
  return page;
}

describe('deployments, end to end', () => {
  it('imports a canary replay from the page and shows the rollback in the timeline and in the registry', async () => {
    expect(final).toBe('rolled-back');
    const page = await open('light');
    await page.waitForSelector('[data-testid="empty-deployments"]');
    expect(await page.textContent('[data-testid="empty-deployments"]')).toMatch(/lathe deployments import DIR/);
    await shot(page, 'deployments-empty');

    await page.click('[data-testid="deploy-import-open"]');
    await page.fill('[data-testid="deploy-import-dir"]', logsDir);
    await page.fill('[data-testid="deploy-import-model"]', 'house');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid="deploy-import-dialog"]', { state: 'detached' });
    await page.waitForSelector('[data-testid="deployment-title"]');
    expect(await page.textContent('[data-testid="deployment-title"]')).toBe('canary-logs');
    expect(await page.textContent('[data-testid="deployment-outcome"]')).toBe('rolled-back');
    await page.waitForSelector('[data-testid="timeline-rollback"]');
    expect(await page.textContent('[data-testid="timeline-rollback"]')).toMatch(/Rolled back to 1\.0\.0/);
    expect(await page.textContent('[data-testid="timeline-alias-move"]')).toMatch(/production 1\.1\.0 → 1\.0\.0/);
    // The comparison is on the requests both versions scored before the rollback: the noisy candidate is worse.
    expect(await page.getAttribute('[data-testid="ab-table"] tbody tr:first-child', 'data-verdict')).toBe('a-better');
    expect(await page.locator('[data-testid="deploy-traffic-chart"] canvas').count()).toBeGreaterThan(0);
    // Keyboard: the metric picker is reachable and changes the chart's metric.
    await page.focus('[data-testid="deploy-metric"]');
    await page.selectOption('[data-testid="deploy-metric"]', 'latencyP99Ms');
    await page.selectOption('[data-testid="deploy-metric"]', 'mae');
    await shot(page, 'deployments-canary-light');
    await page.locator('[data-testid="canary-timeline"]').scrollIntoViewIfNeeded();
    await shot(page, 'deployments-timeline-light');

    // The same logs again: nothing changes, one rollback in the model's history.
    const again = await api(served, 'deployments.import', { dir: logsDir, model: 'house' });
    expect(again.body.data.unchanged).toBe(true);

    await page.click('[data-testid="nav-models"]');
    await page.click('[data-testid="model-house"]');
    await page.waitForSelector('[data-testid="alias-history"] tr[data-action="rollback"]');
    const rollbacks = page.locator('[data-testid="alias-history"] tr[data-action="rollback"]');
    expect(await rollbacks.count()).toBe(1);
    expect(await rollbacks.first().textContent()).toMatch(/v1\.1\.0 → v1\.0\.0.*rolled back the canary of deployment 'canary-logs'/);
    await shot(page, 'deployments-models-history');
  });

  it('draws the deployment in the dark theme', async () => {
    const page = await open('dark');
    await page.waitForSelector('[data-testid="timeline-rollback"]');
    await shot(page, 'deployments-canary-dark');
  });
});
