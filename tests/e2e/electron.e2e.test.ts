import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { afterAll, describe, expect, it } from 'vitest';
import { _electron as electron } from 'playwright-core';
import { repoRoot, shot } from './harness';
import { tempHome } from '../helpers/temp-home';

/** The Electron binary, if this machine has it (it cannot be downloaded everywhere). */
function electronBinary(): string | null {
  try {
    const dir = path.dirname(createRequire(import.meta.url).resolve('electron/package.json'));
    const rel = fs.readFileSync(path.join(dir, 'path.txt'), 'utf8').trim();
    const bin = path.join(dir, 'dist', rel);
    return fs.existsSync(bin) ? bin : null;
  } catch {
    return null;
  }
}

const bin = electronBinary();
if (!bin) console.log('[electron e2e] skipped: the Electron binary is not installed on this machine (node_modules/electron/dist is missing).');
const home = tempHome('lathe-electron-');
afterAll(() => home.cleanup());

describe.skipIf(!bin)('desktop app (Electron)', () => {
  it('opens the window with the five sections and answers over IPC', async () => {
    const app = await electron.launch({
      executablePath: bin!,
      args: [path.join(repoRoot, 'out/main/index.js'), `--user-data-dir=${home.dir}`],
      cwd: repoRoot,
    });
    const page = await app.firstWindow();
    await page.waitForSelector('html[data-app-ready="true"]');
    for (const id of ['datasets', 'experiments', 'compare', 'models', 'explorer']) {
      await page.click(`[data-testid="nav-${id}"]`);
      await page.waitForSelector(`[data-testid="page-${id}"]`);
    }
    // No Node in the page; only the bridge's two functions.
    expect(await page.evaluate(() => typeof (window as unknown as { process?: unknown }).process)).toBe('undefined');
    expect(await page.evaluate(() => Object.keys((window as unknown as { lathe: object }).lathe).sort())).toEqual(['invoke', 'on']);
    expect(await page.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe('undefined');
    await shot(page, 'electron-window');
    await app.close();
  });
});
