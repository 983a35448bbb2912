import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { api, launch, serve, shot, waitForJob, type Served } from './harness';
import { tempHome } from '../helpers/temp-home';
import fs from 'node:fs';
import path from 'node:path';
import { recommendFiles } from '../helpers/recommend-data';

let served: Served;
let browser: Browser;
const home = tempHome('lathe-e2e-ncf-resume-');
let runId = '';

beforeAll(async () => {
  served = await serve(home.dir);
  browser = await launch();
  const file = path.join(home.dir, 'ratings.csv');
  fs.writeFileSync(file, recommendFiles({ users: 40, items: 30, perUser: 10 }).ratings);
  const { body: imported } = await api(served, 'datasets.import', { path: file });
  const ratings = (await waitForJob(served, imported.data.jobId, 120_000)).result.id;
  // Batches of 1 and many epochs: a run still going when its second checkpoint is written.
  const { body } = await api(served, 'recommend.start', { dataset: ratings, user: 'user', item: 'book', rating: 'stars', model: 'ncf', params: { factors: 4, layers: [8, 4], epochs: 30, batchSize: 1 } });
  runId = body.data.runId;
  const jobId = body.data.jobId;
  for (;;) {
    const job = (await api(served, 'jobs.get', { id: jobId })).body.data as { status: string; message: string | null };
    if (job.status !== 'running' && job.status !== 'queued') throw new Error(`the run ended (${job.status}) before its second checkpoint`);
    // "epoch 3 of 30" is said once the second epoch's checkpoint is written.
    if (Number(/epoch (\d+) of/.exec(job.message ?? '')?.[1] ?? 0) >= 3) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  await api(served, 'jobs.cancel', { id: jobId });
  await waitForJob(served, jobId, 120_000);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await served?.stop();
  home.cleanup();
});

describe('ncf resume on the run page', () => {
  it('a stopped ncf recommender offers Resume, which goes on from its checkpoint to a finished run', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(served.url);
    await page.waitForSelector('html[data-app-ready="true"]');
    await page.click('[data-testid="nav-experiments"]');
    await page.click(`[data-testid="run-${runId}"]`);
    await page.waitForSelector('[data-testid="run-resume"]');
    expect(await page.textContent('[data-testid="run-status"]')).toBe('cancelled');
    expect(await page.getAttribute('[data-testid="run-resume"]', 'title')).toMatch(/^Continue from the checkpoint after epoch \d+$/);
    await shot(page, 'resume-ncf-stopped');
    await page.click('[data-testid="run-resume"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="run-status"]')?.textContent === 'succeeded', undefined, { timeout: 240_000 });
    expect(await page.isVisible('[data-testid="run-resume"]')).toBe(false);
    await shot(page, 'resume-ncf-finished');
    await page.close();
  }, 300_000);
});
