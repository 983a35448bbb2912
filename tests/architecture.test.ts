import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_VERSION } from '../electron/host/version';
import { mainWindowOptions } from '../electron/main/window-options';

const root = path.resolve(import.meta.dirname, '..');

function sources(dir: string): string[] {
  const abs = path.join(root, dir);
  if (!fs.existsSync(abs)) return [];
  return fs
    .readdirSync(abs, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.(ts|tsx)$/.test(e.name))
    .map((e) => path.join(e.parentPath, e.name));
}

function imports(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)['"]([^'"]+)['"]/g)].map((m) => m[1]);
}

function offenders(dir: string, forbidden: RegExp, opts: { skipTests?: boolean } = {}): string[] {
  return sources(dir)
    .filter((f) => !(opts.skipTests && /\.test\.tsx?$/.test(f)))
    .flatMap((f) =>
    imports(f)
      .filter((i) => forbidden.test(i))
      .map((i) => `${path.relative(root, f)} imports ${i}`),
  );
}

/** Relative imports of files under `dir` that land inside the top-level folder `target`. */
function reaching(dir: string, target: string, opts: { except?: RegExp } = {}): string[] {
  const inside = path.join(root, target) + path.sep;
  return sources(dir).flatMap((f) =>
    imports(f)
      .filter((i) => i.startsWith('.'))
      .filter((i) => path.resolve(path.dirname(f), i).startsWith(inside) && !(opts.except?.test(path.resolve(path.dirname(f), i)) ?? false))
      .map((i) => `${path.relative(root, f)} imports ${i}`),
  );
}

describe('the house rules', () => {
  it('shared/ is pure: no electron, node, react or tfjs', () => {
    expect(offenders('shared', /^(electron|node:|react|@tensorflow|better-sqlite3|ws$|fs$|path$)/)).toEqual([]);
  });

  it('models/ has no electron, DOM framework or SQLite', () => {
    // Tests may read fixture files; the engine itself never touches the file system.
    expect(offenders('models', /^(electron|react|better-sqlite3|node:fs|fs$)/, { skipTests: true })).toEqual([]);
    expect(offenders('models', /^(electron|react|better-sqlite3)/)).toEqual([]);
  });

  it('the host core runs under plain Node: no electron import', () => {
    expect(offenders('electron/host', /^electron$/)).toEqual([]);
    expect(offenders('electron/workers', /^electron$/)).toEqual([]);
    expect(offenders('electron/cli', /^electron$/)).toEqual([]);
  });

  it('the renderer talks to the host only through its API client, and never runs the engine itself', () => {
    expect(offenders('renderer', /^(electron|node:|better-sqlite3)|electron\/host/)).toEqual([]);
    // The engine belongs to workers; what the renderer needs of it (family schemas, task rule) is in shared/.
    expect(reaching('renderer', 'models')).toEqual([]);
  });

  it('host and workers do not import each other: the SQLite layer and file helpers they share live in electron/data', () => {
    // Workers run tasks; they reach the database and files through electron/data, never the host.
    expect(reaching('electron/workers', 'electron/host').filter((l) => !/\.test\.tsx?\s/.test(l))).toEqual([]);
    // electron/data is the bottom layer of the back end: it imports neither host nor workers.
    expect([...reaching('electron/data', 'electron/host'), ...reaching('electron/data', 'electron/workers')]).toEqual([]);
    // The host knows workers only by their message protocols (types), not by their code.
    const protocols = /electron\/workers\/(protocol|explorer\/protocol)(\.ts)?$/;
    expect(reaching('electron/host', 'electron/workers', { except: protocols }).filter((l) => !/\.test\.tsx?\s/.test(l))).toEqual([]);
  });

  it('the model server runs without Lathe: no SQLite, Electron, host, workers or data layer', () => {
    // electron/serving is bundled into an exported bundle's server.mjs, which needs only Node and onnxruntime-node.
    expect(offenders('electron/serving', /^(electron|better-sqlite3|@tensorflow)/)).toEqual([]);
    const lathe = ['electron/host', 'electron/workers', 'electron/data', 'electron/cli', 'electron/main', 'renderer'].flatMap((t) => reaching('electron/serving', t));
    expect(lathe.filter((l) => !/\.test\.tsx?\s/.test(l))).toEqual([]);
  });

  it('the preload exposes only invoke and on', () => {
    const text = fs.readFileSync(path.join(root, 'electron/preload/index.ts'), 'utf8');
    expect(text.match(/exposeInMainWorld/g)).toHaveLength(1);
    const keys = [...text.matchAll(/^\s{2}(\w+):/gm)].map((m) => m[1]);
    expect(keys).toEqual(['invoke', 'on']);
  });

  it('the version in code matches package.json', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    expect(APP_VERSION).toBe(pkg.version);
  });

  it('the window keeps isolation, sandbox and no Node integration', () => {
    // The options object the window is made with (window.ts cannot load here: it imports electron).
    for (const devTools of [true, false]) {
      const prefs = mainWindowOptions({ preload: 'preload.cjs', devTools }).webPreferences!;
      expect(prefs.contextIsolation).toBe(true);
      expect(prefs.sandbox).toBe(true);
      expect(prefs.nodeIntegration).toBe(false);
      expect(prefs.nodeIntegrationInWorker).not.toBe(true);
      expect(prefs.nodeIntegrationInSubFrames).not.toBe(true);
      expect(prefs.webSecurity).not.toBe(false);
      expect(prefs.allowRunningInsecureContent).not.toBe(true);
    }
    const text = fs.readFileSync(path.join(root, 'electron/main/window.ts'), 'utf8');
    expect(text.match(/new BrowserWindow\(/g)).toHaveLength(1);
    expect(text).toMatch(/new BrowserWindow\(mainWindowOptions\(/);
    expect(text).toMatch(/will-navigate/);
    expect(text).toMatch(/setWindowOpenHandler/);
  });
});
