import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { api, launch, serve, shot, trainRun, waitForJob, type Served } from './harness';
import { tempHome } from '../helpers/temp-home';
import fs from 'node:fs';
import path from 'node:path';
import { recommendFiles } from '../helpers/recommend-data';

let served: Served;
let browser: Browser;
const home = tempHome('lathe-e2e-device-');
let plain = '';
let notCovered = '';
let textnet = '';
let lstm = '';
let ncf = '';

/** Imports a sample or a file and returns the dataset id. */
async function imported(method: 'datasets.importSample' | 'datasets.import', args: Record<string, unknown>): Promise<string> {
  const { body } = await api(served, method, args);
  return (await waitForJob(served, body.data.jobId, 120_000)).result.id;
}

/** Starts a forecast or recommender run and waits for it to succeed. */
async function started(method: 'forecast.start' | 'recommend.start', args: Record<string, unknown>): Promise<string> {
  const { body } = await api(served, method, args);
  expect((await waitForJob(served, body.data.jobId, 120_000)).status).toBe('succeeded');
  return body.data.runId;
}

beforeAll(async () => {
  served = await serve(home.dir);
  browser = await launch();
  const { body } = await api(served, 'datasets.importSample', { id: 'california-housing' });
  const dataset = (await waitForJob(served, body.data.jobId)).result.id;
  plain = await trainRun(served, { dataset, target: 'median_house_value', family: 'mlp', params: { epochs: 2 } });
  // tanh units: a network the kernel does not cover.
  const arch = JSON.stringify({ layers: [{ type: 'dense', units: 16, activation: 'tanh' }, { type: 'output', units: 1 }] });
  notCovered = await trainRun(served, { dataset, target: 'median_house_value', family: 'mlp', params: { epochs: 2, arch } });
  const yelp = await imported('datasets.importSample', { id: 'yelp-sentiment' });
  textnet = await trainRun(served, { dataset: yelp, target: 'label', family: 'textnet', params: { maxEpochs: 4 } });
  const air = await imported('datasets.importSample', { id: 'airline-passengers' });
  lstm = await started('forecast.start', { dataset: air, time: 'Month', target: 'Passengers', horizon: 6, windows: 1, model: 'lstm', params: { epochs: 2, units: [4] } });
  const file = path.join(home.dir, 'ratings.csv');
  fs.writeFileSync(file, recommendFiles({ users: 40, items: 30, perUser: 10 }).ratings);
  const ratings = await imported('datasets.import', { path: file });
  ncf = await started('recommend.start', { dataset: ratings, user: 'user', item: 'book', rating: 'stars', model: 'ncf', params: { factors: 4, layers: [8, 4], epochs: 2 } });
}, 240_000);

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
  await page.waitForSelector('[data-testid="run-device"]');
  await page.click('[data-testid="run-device"] summary');
  return page;
}

describe('where a network trained', () => {
  it('the default network (dense ReLU layers with dropout): trained by the WebAssembly kernel, each backend before it skipped with its reason', async () => {
    const page = await openRun(plain);
    expect(await page.textContent('[data-testid="run-backend"]')).toContain('wasm-kernel');
    expect(await page.textContent('[data-testid="run-device"] summary')).toContain('Lathe WebAssembly kernel');
    // This machine has no GPU and no libtensorflow: each is named with why it was skipped.
    expect(await page.textContent('[data-testid="device-tensorflow-gpu"]')).toContain('skipped:');
    expect(await page.textContent('[data-testid="device-webgpu"]')).toContain('skipped:');
    expect(await page.textContent('[data-testid="device-wasm"]')).toContain('chosen');
    expect(await page.isVisible('[data-testid="device-wasm-kernel"]')).toBe(true);
    await shot(page, 'training-device-kernel');
    await page.close();
  });

  it('a network of tanh units: trained by TF.js, saying why the kernel was not used', async () => {
    const page = await openRun(notCovered);
    expect(await page.textContent('[data-testid="run-backend"]')).toContain('wasm');
    expect(await page.textContent('[data-testid="device-kernel-skipped"]')).toContain('tanh');
    await shot(page, 'training-device-tfjs');
    await page.close();
  });

  it('a textnet text classifier: its embedding bag network trained by the WebAssembly kernel', async () => {
    const page = await openRun(textnet);
    expect(await page.textContent('[data-testid="run-backend"]')).toContain('wasm-kernel');
    expect(await page.textContent('[data-testid="run-device"] summary')).toContain('Lathe WebAssembly kernel');
    expect(await page.textContent('[data-testid="device-wasm"]')).toContain('chosen');
    await shot(page, 'training-device-textnet');
    await page.close();
  });

  it('an LSTM forecast: its network trained by the WebAssembly kernel', async () => {
    const page = await openRun(lstm);
    expect(await page.textContent('[data-testid="run-device"] summary')).toContain('Lathe WebAssembly kernel');
    expect(await page.textContent('[data-testid="device-wasm"]')).toContain('chosen');
    expect(await page.isVisible('[data-testid="device-kernel-skipped"]')).toBe(false);
    await shot(page, 'training-device-lstm');
    await page.close();
  });

  it('an NCF recommender: the device block on its run page, saying why the kernel was not used', async () => {
    for (const [id, name] of [[ncf, 'ncf']] as const) {
      const page = await openRun(id);
      expect(await page.textContent('[data-testid="run-device"] summary')).toContain('Trained on');
      expect(await page.textContent('[data-testid="device-webgpu"]')).toContain('skipped:');
      expect(await page.textContent('[data-testid="device-wasm"]')).toContain('chosen');
      expect(await page.textContent('[data-testid="device-kernel-skipped"]')).toContain('not used: the network has');
      await shot(page, `training-device-${name}`);
      await page.close();
    }
  });
});
