#!/usr/bin/env node
// Builds better-sqlite3 for Electron's ABI into .electron-native/, leaving the Node build in
// node_modules untouched so `npm test` under plain Node keeps working on the same checkout.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const electronVersion = require('electron/package.json').version;
const src = path.dirname(require.resolve('better-sqlite3/package.json'));
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'lathe-native-'));
fs.cpSync(src, work, { recursive: true, filter: (p) => !p.includes(`${path.sep}build${path.sep}`) });
const gyp = path.join(path.dirname(require.resolve('node-gyp/package.json')), 'bin', 'node-gyp.js');
const r = spawnSync(process.execPath, [gyp, 'rebuild', '--release', `--target=${electronVersion}`, '--dist-url=https://electronjs.org/headers'], {
  cwd: work,
  stdio: 'inherit',
  env: { ...process.env, npm_config_runtime: 'electron', npm_config_target: electronVersion, npm_config_nodedir: '' },
});
if (r.status !== 0) {
  console.error('lathe: building better-sqlite3 for Electron failed (this needs network access to the Electron headers).');
  process.exit(1);
}
const out = path.join(root, '.electron-native');
fs.mkdirSync(out, { recursive: true });
fs.copyFileSync(path.join(work, 'build', 'Release', 'better_sqlite3.node'), path.join(out, 'better_sqlite3.node'));
fs.rmSync(work, { recursive: true, force: true });
console.log(`lathe: better-sqlite3 built for Electron ${electronVersion}`);
