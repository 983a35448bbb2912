import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { api, launch, serve, shot, trainRun, waitForJob, type Served } from './harness';
import { tempHome } from '../helpers/temp-home';

let served: Served;
let browser: Browser;
const home = tempHome('lathe-e2e-device-');
let plain = '';
let notCovered = '';

beforeAll(async () => {
  served = await serve(home.dir);
  browser = await launch();
  const { body } = await api(served, 'datasets.importSample', { id: 'california-housing' });
  const dataset = (await waitForJob(served, body.data.jobId)).result.id;
  plain = await trainRun(served, { dataset, target: 'median_house_value', family: 'mlp', params: { epochs: 2 } });
  // tanh units: a network the kernel does not cover.
  const arch = JSON.stringify({ layers: [{ type: 'dense', units: 16, activation: 'tanh' }, { type: 'output', units: 1 }] });
  notCovered = await trainRun(served, { dataset, target: 'median_house_value', family: 'mlp', params: { epochs: 2, arch } });
});

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
});
