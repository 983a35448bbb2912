import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { api, launch, openApp, serve, shot, waitForJob, type Served } from './harness';
import { clippedButtons, seed, tour, type Seeded } from './tour';
import { tempHome } from '../helpers/temp-home';

const sections = ['datasets', 'experiments', 'compare', 'sweeps', 'models', 'explorer', 'text'];
let served: Served;
let browser: Browser;
let seeded: Seeded;
const home = tempHome('lathe-e2e-');

/** The app at the narrow size every page must fit: 1024 × 700. */
async function openNarrow(scheme: 'light' | 'dark' = 'light'): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1024, height: 700 }, colorScheme: scheme });
  await page.goto(served.url);
  await page.waitForSelector('html[data-app-ready="true"]');
  return page;
}

/** For screenshots of the page itself: the tray folded to its one line. */
async function foldTray(page: Page) {
  const head = page.locator('[data-testid="job-tray"] .job-tray-head');
  if ((await head.count()) && (await head.getAttribute('aria-expanded')) === 'true') await head.click();
}

const rect = (page: Page, selector: string) => page.locator(selector).evaluate((el) => el.getBoundingClientRect().toJSON() as DOMRect);

/** What the server wrote to stderr, shown if it stops before the tests end. */
let serverLog = '';
let stopping = false;

beforeAll(async () => {
  served = await serve(home.dir);
  served.proc.stderr!.on('data', (d) => (serverLog += String(d)));
  served.proc.once('exit', (code, signal) => stopping || console.error(`lathe serve stopped (${code ?? signal}):\n${serverLog.slice(-4000)}`));
  browser = await launch();
});

afterAll(async () => {
  stopping = true;
  await browser?.close();
  await served?.stop();
  home.cleanup();
});

describe('browser mode, end to end', () => {
  it('prints a loopback URL with a token', () => {
    expect(served.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=.{20,}$/);
  });

  it('loads the app and opens every section with its empty state', async () => {
    const page = await openApp(browser, served.url);
    // The token left the address bar once it was taken.
    expect(page.url()).not.toContain('token=');
    for (const id of sections) {
      await page.click(`[data-testid="nav-${id}"]`);
      await page.waitForSelector(`[data-testid="page-${id}"]`);
      await page.waitForSelector(`[data-testid="empty-${id}"]`);
      expect(await page.getAttribute(`[data-testid="nav-${id}"]`, 'aria-current')).toBe('page');
      await shot(page, `section-${id}`);
    }
    await page.close();
  });

  it('goes to sections with G then a letter, leaves Ctrl+digit to the browser, and follows a dark OS theme', async () => {
    const page = await openApp(browser, served.url, 'dark');
    expect(await page.getAttribute('html', 'data-theme')).toBe('dark');
    await page.keyboard.press('g');
    await page.keyboard.press('m');
    await page.waitForSelector('[data-testid="page-models"]');
    // Ctrl+digit switches browser tabs: the app does not take it in browser mode.
    await page.keyboard.press('Control+2');
    expect(await page.isVisible('[data-testid="page-models"]')).toBe(true);
    await page.keyboard.press('g');
    await page.keyboard.press('e');
    await page.waitForSelector('[data-testid="page-experiments"]');
    await shot(page, 'models-dark');
    await page.close();
  });

  it('lists every shortcut on ?, and closes the list on Escape', async () => {
    const page = await openApp(browser, served.url);
    await page.keyboard.press('?');
    const dialog = page.locator('[data-testid="shortcuts-dialog"]');
    await dialog.waitFor();
    expect(await dialog.getAttribute('role')).toBe('dialog');
    const text = await dialog.textContent();
    for (const words of ['Go to Datasets', 'Go to Sweeps', 'Go to Explorer', 'Show this list', 'Zoom a chart', 'Save a run’s notes']) expect(text).toContain(words);
    // Browser mode lists no Ctrl+digit.
    expect(text).not.toMatch(/Ctrl\/⌘\+1/);
    await shot(page, 'shortcuts');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    // Single-key shortcuts can be turned off, and the choice is kept.
    await page.click('[data-testid="nav-shortcuts"]');
    await page.uncheck('[data-testid="single-keys"]');
    await page.keyboard.press('Escape');
    await page.keyboard.press('?');
    expect(await page.isVisible('[data-testid="shortcuts-dialog"]')).toBe(false);
    await page.reload();
    await page.waitForSelector('html[data-app-ready="true"]');
    await page.click('[data-testid="nav-shortcuts"]');
    expect(await page.isChecked('[data-testid="single-keys"]')).toBe(false);
    await page.check('[data-testid="single-keys"]');
    await page.close();
  });

  it('shows a job with progress and ETA, draws its live metrics, and cancels it', async () => {
    const page = await openApp(browser, served.url);
    await page.click('[data-testid="nav-system"]');
    await page.waitForSelector('[data-testid="system-panel"]');
    await page.click('[data-testid="machine-check-start"]');
    const row = page.locator('[data-testid^="job-"][data-status="running"]').first();
    await row.waitFor();
    await page.waitForFunction(() => {
      const bar = document.querySelector('[data-status="running"] [role="progressbar"]');
      return bar && Number(bar.getAttribute('aria-valuenow')) >= 10;
    });
    await page.waitForSelector('[data-testid="machine-check-chart"] canvas');
    expect(await row.textContent()).toMatch(/left/);
    await shot(page, 'job-running');
    // The tray is under the panel's dimming; the panel closes first.
    await page.keyboard.press('Escape');
    await row.locator('[data-testid="job-cancel"]').click();
    await page.waitForSelector('[data-testid^="job-"][data-status="cancelled"]');
    expect(await page.locator('[data-status="cancelled"] [data-testid="job-status"]').first().textContent()).toBe('cancelled');
    await shot(page, 'job-cancelled');
    const jobs = await api(served, 'jobs.list', {});
    expect(jobs.body.data[0].status).toBe('cancelled');
    // With nothing running, the tray folds to one line by itself; a click unfolds it, Escape folds it.
    const head = page.locator('[data-testid="job-tray"] .job-tray-head');
    await page.waitForSelector('[data-testid="job-tray"] .job-tray-head[aria-expanded="false"]', { timeout: 15_000 });
    expect(await page.locator('[data-testid="job-tray"] .job-row').count()).toBe(0);
    expect(await page.textContent('[data-testid="job-tray-summary"]')).toMatch(/^Jobs · last: .* cancelled$/);
    expect((await rect(page, '[data-testid="job-tray"]')).height).toBeLessThan(44);
    await head.focus();
    await page.keyboard.press('Enter');
    expect(await page.locator('[data-testid="job-tray"] .job-row').count()).toBeGreaterThan(0);
    await page.keyboard.press('Escape');
    expect(await head.getAttribute('aria-expanded')).toBe('false');
    expect(await head.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.close();
  });

  it('refuses API calls without the token and names a malformed field', async () => {
    const res = await fetch(`http://127.0.0.1:${served.port}/api/invoke/app.info`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(401);
    const bad = await api(served, 'jobs.list', { limit: 'many' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.field).toBe('limit');
  });
});

describe('layout at 1024 × 700', () => {
  beforeAll(async () => {
    seeded = await seed(served);
  }, 240_000);

  it('folds the navigation to icons, with a toggle whose choice is kept', async () => {
    const page = await openNarrow();
    const toggle = page.locator('[data-testid="nav-toggle"]');
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect((await rect(page, '[data-testid="sidebar"]')).width).toBeLessThan(70);
    // Folded, each item keeps its name for screen readers and a title for the pointer.
    expect(await page.getByRole('button', { name: 'Experiments' }).count()).toBe(1);
    expect(await page.getAttribute('[data-testid="nav-experiments"]', 'title')).toMatch(/^Experiments \(G then E\)$/);
    await toggle.click();
    expect((await rect(page, '[data-testid="sidebar"]')).width).toBeGreaterThan(180);
    await page.reload();
    await page.waitForSelector('html[data-app-ready="true"]');
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    await page.close();
  });

  for (const scheme of ['light', 'dark'] as const) {
    it(`shows every action button of every page whole (${scheme})`, async () => {
      const page = await openNarrow(scheme);
      for (const stop of tour(seeded)) {
        await stop.open(page);
        await page.locator('.main').evaluate((el) => (el.scrollTop = 0));
        await foldTray(page);
        await shot(page, `narrow-${stop.name}-${scheme}`);
        expect(await clippedButtons(page), stop.name).toEqual([]);
      }
      await page.close();
    });
  }

  it('docks the jobs tray under the page: the page ends above it and scrolls to its end', async () => {
    const page = await openNarrow();
    await tour(seeded).find((s) => s.name === 'run-detail')!.open(page);
    // Jobs earlier pages started (a profile, the Text page's summary) end first, so the tray holds this one alone.
    const { body: jobs } = await api(served, 'jobs.list', {});
    for (const j of jobs.data as { id: string; status: string }[]) if (['queued', 'running'].includes(j.status)) await waitForJob(served, j.id);
    const { body } = await api(served, 'system.machineCheck', { seconds: 20 });
    await page.waitForSelector('[data-testid="job-tray"] .job-row[data-status="running"]');
    const main = await rect(page, '.main');
    const tray = await rect(page, '[data-testid="job-tray"]');
    expect(tray.top).toBeGreaterThanOrEqual(main.bottom - 0.5);
    expect(tray.bottom).toBeLessThanOrEqual(700.5);
    expect(tray.left).toBeLessThanOrEqual(main.left + 0.5);
    // Scrolled to its end, the page's last element stands fully above the tray.
    await page.locator('.main').evaluate((el) => (el.scrollTop = el.scrollHeight));
    const last = await page.locator('.main > *:last-child').evaluate((el) => el.getBoundingClientRect().bottom);
    expect(last).toBeLessThanOrEqual(tray.top + 0.5);
    expect(await page.textContent('[data-testid="job-tray-summary"]')).toMatch(/^1 job running · /);
    await shot(page, 'narrow-tray-docked');
    await api(served, 'jobs.cancel', { id: body.data.jobId });
    await page.close();
  });

  it('lets the wheel scroll the page over a chart; Ctrl+wheel is the chart’s', async () => {
    const page = await openNarrow();
    await tour(seeded).find((s) => s.name === 'run-detail')!.open(page);
    const scrollTop = () => page.locator('.main').evaluate((el) => el.scrollTop);
    const chart = page.locator('[data-testid="run-curves"]');
    await chart.scrollIntoViewIfNeeded();
    const before = await scrollTop();
    const room = await page.locator('.main').evaluate((el) => el.scrollHeight - el.clientHeight - el.scrollTop);
    const box = (await chart.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    // Towards whichever end the page has room to go.
    await page.mouse.wheel(0, room > 60 ? 120 : -120);
    await expect.poll(scrollTop).not.toBe(before);
    await page.waitForSelector('[data-testid="chart-hint"]');
    await shot(page, 'narrow-chart-hint');
    const after = await scrollTop();
    const box2 = (await chart.boundingBox())!;
    await page.mouse.move(box2.x + box2.width / 2, box2.y + box2.height / 2);
    await page.keyboard.down('Control');
    await page.mouse.wheel(0, -200);
    await page.keyboard.up('Control');
    await new Promise((r) => setTimeout(r, 300));
    expect(await scrollTop()).toBe(after);
    await page.close();
  });

  it('offers an exported bundle as downloads in browser mode', async () => {
    const page = await openNarrow();
    await tour(seeded).find((s) => s.name === 'models')!.open(page);
    const out = path.join(home.dir, 'exported-for-download');
    await page.click('[data-testid="version-1.0.0"] [data-testid="version-export"]');
    await page.fill('[data-testid="export-dir"]', out);
    await page.click('[data-testid="export-submit"]');
    await page.waitForSelector('[data-testid="export-downloads"]', { timeout: 60_000 });
    await shot(page, 'narrow-export-downloads');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export-download-model.onnx"]')]);
    expect(download.suggestedFilename()).toBe('model.onnx');
    const saved = path.join(home.dir, 'downloaded.onnx');
    await download.saveAs(saved);
    expect(fs.readFileSync(saved).equals(fs.readFileSync(path.join(out, 'model.onnx')))).toBe(true);
    // Files the server did not export are not served, token or not.
    const secret = await fetch(`http://127.0.0.1:${served.port}/api/export-file?path=${encodeURIComponent(path.join(home.dir, 'lathe.db'))}`, {
      headers: { authorization: `Bearer ${served.token}` },
    });
    expect(secret.status).toBe(404);
    await page.close();
  });
});
