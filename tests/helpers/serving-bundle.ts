/**
 * A small exported bundle for the model server's tests: a linear classifier (or regressor) trained on synthetic
 * rows, exported to ONNX and written with a manifest as `lathe export` writes it. Also the rows, for replays.
 */
import fs from 'node:fs';
import path from 'node:path';
import { trainModel } from '../../models/train/index';
import { makeFrame, numericColumn, stringColumn } from '../../models/frame/frame';
import { gaussian, mulberry32 } from '../../models/split/prng';
import { exportOnnx } from '../../models/export/onnx/index';
import type { ModelArtifact } from '../../models/train/types';

export interface ServingFixture {
  dir: string;
  rows: Record<string, unknown>[];
  target: string;
  accuracy?: number;
}

/** Rows x1, x2 (numbers), c (category) and the targets label ('yes'/'no', about 85 % predictable) and y (number). */
export function servingRows(n: number, seed = 1): Record<string, unknown>[] {
  const rand = mulberry32(seed);
  return Array.from({ length: n }, () => {
    const x1 = rand() * 2 - 1, x2 = rand() * 2 - 1;
    const c = ['red', 'green', 'blue'][Math.floor(rand() * 3)];
    const v = 2 * x1 - x2 + (c === 'red' ? 0.5 : 0) + 0.6 * gaussian(rand);
    return { x1, x2, c, label: v > 0 ? 'yes' : 'no', y: 3 * x1 - 2 * x2 + 0.3 * gaussian(rand) };
  });
}

/** Trains and writes the bundle into `dir` (manifest.json + model.onnx). */
export async function writeServingBundle(dir: string, opts: { task?: 'binary' | 'regression'; version?: string; seed?: number } = {}): Promise<ServingFixture> {
  const rows = servingRows(2000, opts.seed ?? 1);
  const target = opts.task === 'regression' ? 'y' : 'label';
  const frame = makeFrame([
    numericColumn('x1', rows.map((r) => r.x1 as number)), numericColumn('x2', rows.map((r) => r.x2 as number)),
    stringColumn('c', rows.map((r) => r.c as string)), stringColumn('label', rows.map((r) => r.label as string)), numericColumn('y', rows.map((r) => r.y as number)),
  ]);
  const res = await trainModel(frame, { target, family: 'linear', exclude: [target === 'y' ? 'label' : 'y'], split: { kind: 'random', testFraction: 0.2, seed: 5 } });
  const artifact = res.artifact as ModelArtifact;
  const exported = exportOnnx(artifact);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'model.onnx'), exported.bytes);
  const manifest = { format: 'onnx', model: 'churn', version: opts.version ?? '1.0', task: artifact.task, target, classes: artifact.classes, inputs: exported.inputs, outputs: exported.outputs };
  fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  return { dir, rows: servingRows(3000, 99), target, accuracy: (res.metrics as Record<string, number>).accuracy };
}
