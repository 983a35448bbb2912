#!/usr/bin/env node
// `npm start`: build, then open the desktop app; where the Electron binary is missing,
// say so in one line and open browser mode instead.
import { spawnSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const run = (cmd, args, opts = {}) => spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...opts });

function electronBinary() {
  try {
    const dir = path.dirname(require.resolve('electron/package.json'));
    const pathFile = path.join(dir, 'path.txt');
    if (!fs.existsSync(pathFile)) {
      // The binary is fetched on first use; a machine without network ends up without it.
      const r = spawnSync(process.execPath, [path.join(dir, 'install.js')], { stdio: 'ignore', timeout: 180_000 });
      if (r.status !== 0 || !fs.existsSync(pathFile)) return null;
    }
    const bin = path.join(dir, 'dist', fs.readFileSync(pathFile, 'utf8').trim());
    return fs.existsSync(bin) ? bin : null;
  } catch {
    return null;
  }
}

if (run(process.execPath, [path.join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build']).status !== 0) process.exit(1);

const bin = electronBinary();
if (bin) {
  const native = path.join(root, '.electron-native', 'better_sqlite3.node');
  if (!fs.existsSync(native)) {
    const r = run(process.execPath, [path.join(root, 'scripts/build-electron-native.mjs')]);
    if (r.status !== 0) console.warn('lathe: could not rebuild SQLite for Electron; see the message above.');
  }
  const child = spawn(bin, [root], { cwd: root, stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  console.log('lathe: the Electron binary is not available on this machine, so Lathe opens in browser mode instead.');
  const args = [path.join(root, 'bin/lathe.mjs'), 'serve', ...process.argv.slice(2)];
  const child = spawn(process.execPath, args, { cwd: root, stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
}
