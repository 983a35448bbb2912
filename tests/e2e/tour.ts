import type { Page } from 'playwright-core';
import { api, trainRun, waitForJob, type Served } from './harness';

/** Data that gives every page something to show: a dataset, two runs, a registered model, a sweep. */
export interface Seeded {
  dataset: string;
  gbdt: string;
  linear: string;
  sweepId: string;
}

const TARGET = 'median_house_value';

export async function seed(s: Served): Promise<Seeded> {
  const { body } = await api(s, 'datasets.importSample', { id: 'california-housing' });
  const dataset = (await waitForJob(s, body.data.jobId)).result.id as string;
  const gbdt = await trainRun(s, { dataset, target: TARGET, family: 'gbdt', params: { trees: 20 } });
  const linear = await trainRun(s, { dataset, target: TARGET, family: 'linear', params: {} });
  if (!(await api(s, 'models.register', { runId: gbdt, name: 'houses' })).body.ok) throw new Error('models.register refused');
  await api(s, 'models.promote', { name: 'houses', version: '1.0.0', alias: 'production' });
  const sweep = await api(s, 'sweeps.start', { dataset, target: TARGET, family: 'gbdt', method: 'random', trials: 3, parallel: 1, params: { trees: 10 }, space: ['maxDepth=2..4'] });
  if (!sweep.body.ok) throw new Error(`sweeps.start refused: ${sweep.body.error?.message}`);
  const sweepId = sweep.body.data.sweepId as string;
  const until = Date.now() + 90_000;
  while ((await api(s, 'sweeps.get', { id: sweepId })).body.data.status === 'running') {
    if (Date.now() > until) throw new Error('the sweep did not end');
    await new Promise((r) => setTimeout(r, 250));
  }
  return { dataset, gbdt, linear, sweepId };
}

export interface Stop {
  name: string;
  /** Goes to the page from anywhere in the app and waits until its content is drawn. */
  open(page: Page): Promise<void>;
}

const nav = (page: Page, id: string) => page.click(`[data-testid="nav-${id}"]`);

/** Every page of the app, with data on it. */
export function tour(d: Seeded): Stop[] {
  return [
    {
      name: 'datasets',
      async open(page) {
        await nav(page, 'datasets');
        await page.waitForSelector('[data-testid="dataset-detail"]');
      },
    },
    {
      name: 'experiments',
      async open(page) {
        await nav(page, 'experiments');
        await page.waitForSelector(`[data-testid="run-${d.gbdt}"]`);
      },
    },
    {
      name: 'run-detail',
      async open(page) {
        await nav(page, 'experiments');
        await page.click(`[data-testid="run-${d.gbdt}"]`);
        await page.waitForSelector('[data-testid="run-detail"] canvas');
      },
    },
    {
      name: 'compare',
      async open(page) {
        await nav(page, 'compare');
        await page.click('[data-testid="compare-tab-runs"]');
        await page.check(`[data-testid="run-${d.gbdt}"] input[type="checkbox"]`);
        await page.check(`[data-testid="run-${d.linear}"] input[type="checkbox"]`);
        await page.waitForSelector('[data-testid="compare-view"] canvas');
      },
    },
    {
      name: 'sweeps',
      async open(page) {
        await nav(page, 'sweeps');
        await page.click(`[data-testid="sweep-${d.sweepId}"]`);
        await page.waitForSelector('[data-testid="sweep-detail"] canvas');
      },
    },
    {
      name: 'models',
      async open(page) {
        await nav(page, 'models');
        await page.waitForSelector('[data-testid="version-1.0.0"]');
      },
    },
    {
      name: 'explorer',
      async open(page) {
        await nav(page, 'models');
        await page.click('[data-testid="version-1.0.0"] [data-testid="version-explore"]');
        await page.waitForSelector('[data-testid="prediction-value"]');
      },
    },
    {
      // The seeded dataset's only text-like column is a category (ocean_proximity), which the page reads as short texts.
      name: 'text',
      async open(page) {
        await nav(page, 'text');
        await page.waitForSelector('[data-testid="text-score"], [data-testid="text-no-column"]');
      },
    },
  ];
}

/**
 * Buttons a user cannot see whole without scrolling sideways: past the window's edge, or cut by a
 * box that clips or scrolls horizontally. Data grids scroll sideways by design and are left out.
 */
export const clippedButtons = (page: Page) =>
  page.evaluate(() => {
    const out: string[] = [];
    const width = document.documentElement.clientWidth;
    for (const b of document.querySelectorAll<HTMLElement>('button, [role="button"]')) {
      const r = b.getBoundingClientRect();
      if (r.width === 0 || r.height === 0 || getComputedStyle(b).visibility === 'hidden' || b.closest('[role="grid"]')) continue;
      let cut = r.left < -0.5 || r.right > width + 0.5;
      for (let box = b.parentElement; box && !cut; box = box.parentElement) {
        if (getComputedStyle(box).overflowX === 'visible') continue;
        const left = box.getBoundingClientRect().left + box.clientLeft;
        cut = r.left < left - 0.5 || r.right > left + box.clientWidth + 0.5;
      }
      if (cut) out.push(`${b.dataset.testid ?? b.textContent?.trim().slice(0, 30)} [${Math.round(r.left)}–${Math.round(r.right)}]`);
    }
    return out;
  });
