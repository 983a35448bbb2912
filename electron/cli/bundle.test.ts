import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
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
