import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { api, launch, serve, shot, waitForJob, type Served } from './harness';
import { tempHome } from '../helpers/temp-home';
import fs from 'node:fs';
import path from 'node:path';
import { recommendFiles } from '../helpers/recommend-data';

let served: Served;
let browser: Browser;
const home = tempHome('lathe-e2e-resume-');
let lstm = '';
let ncf = '';

/** Imports a sample or a file and returns the dataset id. */
async function imported(method: 'datasets.importSample' | 'datasets.import', args: Record<string, unknown>): Promise<string> {
  const { body } = await api(served, method, args);
  return (await waitForJob(served, body.data.jobId, 120_000)).result.id;
}

/** Starts a run, cancels it in its third epoch (two are checkpointed), and returns its id; fails, saying so, if it ends first. */
async function stoppedAfterTwoEpochs(method: 'forecast.start', args: Record<string, unknown>): Promise<string> {
  const { body } = await api(served, method, args);
  const { runId, jobId } = body.data;
  for (;;) {
    const job = (await api(served, 'jobs.get', { id: jobId })).body.data as { status: string; message: string | null };
    if (job.status !== 'running' && job.status !== 'queued') throw new Error(`the run ended (${job.status}) before its second checkpoint`);
    const epoch = Number(/epoch (\d+) of/.exec(job.message ?? '')?.[1] ?? 0);
    if (epoch >= 3) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  await api(served, 'jobs.cancel', { id: jobId });
  await waitForJob(served, jobId, 120_000);
  return runId;
}

beforeAll(async () => {
  served = await serve(home.dir);
  browser = await launch();
  const air = await imported('datasets.importSample', { id: 'airline-passengers' });
  // Batches of 1 and many epochs: a run still going when its first checkpoint is written.
  lstm = await stoppedAfterTwoEpochs('forecast.start', { dataset: air, time: 'Month', target: 'Passengers', horizon: 6, windows: 1, model: 'lstm', params: { epochs: 40, units: [8], batchSize: 1, patience: 0 } });
  const file = path.join(home.dir, 'ratings.csv');
  fs.writeFileSync(file, recommendFiles({ users: 40, items: 30, perUser: 10 }).ratings);
  const ratings = await imported('datasets.import', { path: file });
  const { body } = await api(served, 'recommend.start', { dataset: ratings, user: 'user', item: 'book', rating: 'stars', model: 'ncf', params: { factors: 4, layers: [8, 4], epochs: 2 } });
  expect((await waitForJob(served, body.data.jobId, 120_000)).status).toBe('succeeded');
  ncf = body.data.runId;
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await served?.stop();
  home.cleanup();
});

async function openRun(id: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(served.url);
  await page.waitForSelector('html[data-app-ready="true"]');
  await page.click('[data-testid="nav-experiments"]');
  await page.click(`[data-testid="run-${id}"]`);
  await page.waitForSelector(`[data-testid="run-${id}"][aria-selected="true"]`);
  return page;
}

describe('network runs on their pages', () => {
  it('a stopped LSTM forecast offers Resume, which goes on from its checkpoint to a finished run', async () => {
    const page = await openRun(lstm);
    await page.waitForSelector('[data-testid="run-resume"]');
    expect(await page.textContent('[data-testid="run-status"]')).toBe('cancelled');
    expect(await page.getAttribute('[data-testid="run-resume"]', 'title')).toMatch(/^Continue from the checkpoint after epoch \d+$/);
    await shot(page, 'resume-lstm-stopped');
    await page.click('[data-testid="run-resume"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="run-status"]')?.textContent === 'succeeded', undefined, { timeout: 240_000 });
    expect(await page.isVisible('[data-testid="run-resume"]')).toBe(false);
    await shot(page, 'resume-lstm-finished');
    // The finished forecast shows the network it trained.
    await page.click('[data-testid="forecast-tab-architecture"]');
    await page.waitForSelector('[data-testid="run-architecture"]');
    const text = await page.textContent('[data-testid="run-architecture"]');
    expect(text).toContain("The lstm preset of its units over the run's windows");
    expect(text).toMatch(/LSTM|lstm/);
    await shot(page, 'lstm-forecast-architecture');
    await page.close();
  }, 300_000);

  it('an NCF recommender shows its network, the ncf spec, in the Architecture tab', async () => {
    const page = await openRun(ncf);
    await page.click('[data-testid="rec-tab-architecture"]');
    await page.waitForSelector('[data-testid="run-architecture"]');
    const text = await page.textContent('[data-testid="run-architecture"]');
    expect(text).toContain('The ncf preset of its factors and MLP layers');
    expect(text).toMatch(/Pair embedding|pairEmbedding/);
    expect(text).toMatch(/Branches|branches/);
    await shot(page, 'ncf-architecture');
    await page.close();
  });
});
