import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempHome } from '../../tests/helpers/temp-home';

const root = path.resolve(import.meta.dirname, '../..');
const bundle = path.join(root, 'out/main/cli.js');
const home = tempHome();
const fake = tempHome('lathe-bin-');
afterAll(() => {
  home.cleanup();
  fake.cleanup();
});

function node(args: string[], cwd = root) {
  const r = spawnSync(process.execPath, args, { cwd, encoding: 'utf8', env: { ...process.env, LATHE_HOME: '' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  // `npm test` builds before the unit tests; `npm run test:unit` on a tree without a build makes one here.
  if (!fs.existsSync(bundle)) {
    const r = node([path.join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build', '--logLevel', 'error']);
    if (r.code !== 0) throw new Error(`electron-vite build failed:\n${r.stderr}`);
  }
}, 180_000);

describe('the built CLI bundle (out/main/cli.js)', () => {
  it('prints help', () => {
    const r = node([bundle, '--help']);
    expect(r.code).toBe(0);
    for (const word of ['serve', 'import', 'train', '--home', '--json']) expect(r.stdout).toContain(word);
  });

  it('answers info --json', () => {
    const r = node([bundle, '--home', home.dir, '--json', 'info']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ host: 'cli', home: home.dir, databasePath: path.join(home.dir, 'lathe.db') });
  });

  it('lathe import loads neither TF.js, onnxruntime nor the text libraries, in any of its threads', () => {
    // A resolve hook in every thread (workers inherit --import) logs each module the bundle imports.
    const dir = fs.mkdtempSync(path.join(home.dir, 'modules-'));
    const log = path.join(dir, 'modules.log');
    fs.writeFileSync(path.join(dir, 'hooks.mjs'), `import fs from 'node:fs';
export async function resolve(specifier, context, next) {
  const r = await next(specifier, context);
  fs.appendFileSync(${JSON.stringify(log)}, r.url + '\\n');
  return r;
}
`);
    fs.writeFileSync(path.join(dir, 'register.mjs'), "import { register } from 'node:module';\nregister('./hooks.mjs', import.meta.url);\n");
    // As bin/lathe.mjs runs a fresh bundle: the warm-up entry, then cli.js.
    const launcher = path.join(dir, 'lathe.mjs');
    fs.writeFileSync(launcher, ['cli-warm.js', 'cli.js'].map((f) => `await import(${JSON.stringify(pathToFileURL(path.join(root, 'out/main', f)).href)});`).join('\n'));
    const csv = path.join(dir, 'rows.csv');
    fs.writeFileSync(csv, 'a,b,c\n' + Array.from({ length: 200 }, (_, i) => `${i},x${i % 3},${i / 7}`).join('\n'));
    const r = node(['--import', pathToFileURL(path.join(dir, 'register.mjs')).href, launcher, '--home', home.dir, '--json', 'import', csv]);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).rows).toBe(200);
    const loaded = fs.readFileSync(log, 'utf8').split('\n');
    expect(loaded.some((u) => u.includes('/out/main/chunks/') && u.includes('import-task'))).toBe(true); // the hook saw the worker
    const unwanted = loaded.filter((u) => /tensorflow|onnxruntime|compromise|hyparquet/.test(u));
    expect(unwanted).toEqual([]);
  });

  it('runs a job in the bundled worker beside it', () => {
    const r = node([bundle, '--home', home.dir, '--json', 'check', '--seconds', '0.5']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).status).toBe('succeeded');
  });
});

describe('bin/lathe.mjs picks the bundle only when it is not older than the sources', () => {
  // A copy of the launcher in a folder of its own, with the real sources and packages linked in and a stand-in
  // bundle that only says it ran: whichever of the two runs shows in the output.
  const bin = path.join(fake.dir, 'bin/lathe.mjs');
  const stub = path.join(fake.dir, 'out/main/cli.js');
  beforeAll(() => {
    fs.mkdirSync(path.dirname(bin), { recursive: true });
    fs.copyFileSync(path.join(root, 'bin/lathe.mjs'), bin);
    for (const dir of ['electron', 'shared', 'models', 'node_modules', 'package.json']) {
      fs.symlinkSync(path.join(root, dir), path.join(fake.dir, dir));
    }
  });
  const help = () => node([bin, '--help'], fake.dir);

  it('runs the sources through tsx when there is no bundle', () => {
    const r = help();
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Usage: lathe');
  });

  it('runs the bundle when it is newer than every source', () => {
    fs.mkdirSync(path.dirname(stub), { recursive: true });
    fs.writeFileSync(stub, "process.stdout.write('stand-in bundle\\n');\n");
    fs.writeFileSync(path.join(path.dirname(stub), 'cli-warm.js'), '');
    const future = new Date(Date.now() + 3600_000);
    fs.utimesSync(stub, future, future);
    const r = help();
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('stand-in bundle\n');
  });

  it('falls back to the sources when a source is newer than the bundle', () => {
    const past = new Date('2001-01-01T00:00:00Z');
    fs.utimesSync(stub, past, past);
    const r = help();
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Usage: lathe');
    expect(r.stdout).not.toContain('stand-in bundle');
  });
});
