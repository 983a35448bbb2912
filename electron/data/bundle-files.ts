import fs from 'node:fs';
import path from 'node:path';
import { ApiError } from '../../shared/api/errors';
import { cleanLeftovers, refuseOverwrite } from './output-files';

/** The files of each bundle format, by their fixed names. */
export const BUNDLE_FILES = {
  onnx: ['model.onnx', 'manifest.json', 'README.md', 'serve-node.mjs', 'serve.py', 'server.mjs', 'package.json', 'Dockerfile', 'lathe-model.service'],
  tfjs: ['model.json', 'weights.bin', 'manifest.json', 'README.md'],
} as const;

/** The files of a recommender bundle: the scorer, its manifest and serving examples. */
export const RECOMMEND_BUNDLE_FILES = ['model.onnx', 'serve.mjs', 'serve.py', 'README.md', 'manifest.json'] as const;

/**
 * The files of a forecast bundle: the stored model, the runtime that forecasts from it and its examples, plus the
 * network or trees in a standard format where the family has one (gbdt: ONNX trees; lstm: a TF.js layers model).
 */
export function forecastBundleFiles(model: string): string[] {
  const extra = model === 'gbdt' ? ['model.onnx'] : model === 'lstm' ? ['lstm-model.json', 'lstm-weights.bin'] : [];
  return ['model.json', 'forecast.mjs', ...extra, 'example-request.json', 'forecast.py', 'README.md', 'manifest.json'];
}

export function bundleTarget(root: string, name: string): string {
  const target = path.resolve(root, name);
  if (path.dirname(target) !== root || !/^[A-Za-z0-9._-]+$/.test(name) || name.startsWith('.')) {
    throw new ApiError('bad_request', `Refusing to write '${name}' outside ${root}`);
  }
  return target;
}

/**
 * Refuses, before any work is done, an export that would replace files already in `dir`
 * (unless `force`), and removes what an interrupted export left there.
 */
export function checkBundleTargets(dir: string, names: readonly string[], force: boolean): void {
  const root = path.resolve(dir);
  if (!fs.existsSync(root)) return;
  cleanLeftovers(root);
  refuseOverwrite(names.map((n) => bundleTarget(root, n)), force, root);
}
