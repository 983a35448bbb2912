#!/usr/bin/env node
// The `lathe` command. Runs the built bundle (out/main/cli.js, made by `npm run build`, which `npm install` runs)
// when it is newer than every source file it is built from; otherwise (no build yet, or sources edited since)
// it runs the TypeScript sources through tsx, so a fresh clone needs no build step and an edit is never
// answered by stale code. The check stats the ~200 non-test files under electron/, shared/ and models/ (a few
// ms, against ~0.3 s saved by not compiling through tsx); where those folders are absent, the bundle runs.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bundle = path.join(root, 'out', 'main', 'cli.js');

function bundleIsFresh() {
  let built;
  try {
    built = fs.statSync(bundle).mtimeMs;
  } catch {
    return false;
  }
  for (const dir of ['electron', 'shared', 'models']) {
    let entries;
    try {
      entries = fs.readdirSync(path.join(root, dir), { recursive: true, withFileTypes: true });
    } catch {
      continue;
    }
    for (const e of entries) {
      if (!e.isFile() || /\.test\.tsx?$/.test(e.name)) continue;
      try {
        if (fs.statSync(path.join(e.parentPath ?? e.path, e.name)).mtimeMs > built) return false;
      } catch {
        return false; // vanished while we looked: someone is editing, take the sources
      }
    }
  }
  return true;
}

if (bundleIsFresh()) {
  // A job command's worker boots while cli.js loads (electron/cli/warm.ts).
  await import(pathToFileURL(path.join(root, 'out', 'main', 'cli-warm.js')).href);
  await import(pathToFileURL(bundle).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../electron/cli/main.ts');
}
