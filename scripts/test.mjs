#!/usr/bin/env node
// `npm test`: everything CI runs — type checks, the production build, unit tests, then
// end-to-end tests in Chromium against browser mode (and Electron where its binary exists).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (pkg, file) => path.join(root, 'node_modules', pkg, file);
const results = path.join(root, 'test-results');
fs.mkdirSync(results, { recursive: true });

function step(title, args) {
  console.log(`\n== ${title} ==`);
  const t0 = Date.now();
  const r = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  console.log(`== ${title}: ${r.status === 0 ? 'ok' : 'FAILED'} in ${((Date.now() - t0) / 1000).toFixed(1)} s ==`);
  return r.status === 0;
}

function vitest(title, extra, jsonFile) {
  const ok = step(title, [bin('vitest', 'vitest.mjs'), 'run', ...extra, '--reporter=default', '--reporter=json', `--outputFile.json=${jsonFile}`]);
  let counts = { passed: 0, failed: ok ? 0 : 1, skipped: 0 };
  if (fs.existsSync(jsonFile)) {
    const j = JSON.parse(fs.readFileSync(jsonFile, 'utf8'));
    counts = { passed: j.numPassedTests, failed: j.numFailedTests + (ok || j.numFailedTests ? 0 : 1), skipped: j.numPendingTests + j.numTodoTests };
  }
  return { ok, counts };
}

const only = process.argv[2];
let ok = true;
const total = { passed: 0, failed: 0, skipped: 0 };
const add = (c) => Object.keys(total).forEach((k) => (total[k] += c[k]));

if (!only || only === 'static') {
  ok = step('typecheck (node)', [bin('typescript', 'bin/tsc'), '-p', 'tsconfig.node.json']) && ok;
  ok = step('typecheck (renderer)', [bin('typescript', 'bin/tsc'), '-p', 'tsconfig.web.json']) && ok;
  ok = step('typecheck (preload, e2e)', [bin('typescript', 'bin/tsc'), '-p', 'tsconfig.dom-node.json']) && ok;
  ok = step('build', [bin('electron-vite', 'bin/electron-vite.js'), 'build']) && ok;
}
if (!only || only === 'unit') {
  const r = vitest('unit tests', [], path.join(results, 'unit.json'));
  ok = r.ok && ok;
  add(r.counts);
}
if (!only || only === 'e2e') {
  if (only && !fs.existsSync(path.join(root, 'out/renderer/index.html'))) ok = step('build', [bin('electron-vite', 'bin/electron-vite.js'), 'build']) && ok;
  const r = vitest('end-to-end tests', ['--config', 'tests/e2e/vitest.config.ts'], path.join(results, 'e2e.json'));
  ok = r.ok && ok;
  add(r.counts);
  console.log(`screenshots: ${path.join('test-results', 'screenshots')}`);
}

console.log(`\ntests: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(ok ? 0 : 1);
