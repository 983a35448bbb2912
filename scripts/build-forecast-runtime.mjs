#!/usr/bin/env node
// Writes out/main/forecast-runtime.mjs and out/main/text-tokenizer.mjs. forecast-runtime.mjs: the forecasting runtime that forecast export bundles carry as forecast.mjs,
// for builds that run without the sources or esbuild (packaged apps). Run after `electron-vite build`, which
// empties out/main. Sources present, the export bundles the runtime from them instead.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register();
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { buildForecastModule, PREBUILT_NAME } = await import('../electron/workers/export/forecast-build.ts');
const out = path.join(root, 'out', 'main', PREBUILT_NAME);
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, await buildForecastModule());
console.log(`forecasting runtime: ${path.relative(root, out)} (${(fs.statSync(out).size / 1024).toFixed(0)} KiB)`);

// The tokenizer text export bundles carry as tokenizer.mjs, for the same builds.
const { buildTextModule, TEXT_PREBUILT_NAME } = await import('../electron/workers/export/text-build.ts');
const textOut = path.join(root, 'out', 'main', TEXT_PREBUILT_NAME);
fs.writeFileSync(textOut, await buildTextModule());
console.log(`text tokenizer: ${path.relative(root, textOut)} (${(fs.statSync(textOut).size / 1024).toFixed(0)} KiB)`);

// The model server ONNX bundles carry as server.mjs, for the same builds.
const { buildServerModule, SERVER_PREBUILT_NAME } = await import('../electron/workers/export/server-build.ts');
const serverOut = path.join(root, 'out', 'main', SERVER_PREBUILT_NAME);
fs.writeFileSync(serverOut, await buildServerModule());
console.log(`model server: ${path.relative(root, serverOut)} (${(fs.statSync(serverOut).size / 1024).toFixed(0)} KiB)`);
