import fs from 'node:fs';
import path from 'node:path';
import { ApiError } from '../../../shared/api/errors';
import { makeDir } from '../../data/make-dir';
import { cleanLeftovers, commitTemp, refuseOverwrite, writeTemp } from '../../data/output-files';
import { bundleTarget } from '../../data/bundle-files';
export { BUNDLE_FILES, checkBundleTargets } from '../../data/bundle-files';

/**
 * Writes the bundle's files into `dir` only. File names are fixed by Lathe, never taken from
 * model or column names, and every path is checked to resolve inside `dir` before writing.
 *
 * Atomic per file and as a bundle: every file is first written in full under a temporary name
 * (`.lathe-tmp-*`) in `dir`, then all are renamed into place with manifest.json last. A bundle
 * with a manifest is therefore complete (replacing one, its old manifest goes first), and a
 * kill mid-write leaves only temporary files, which the next export to the folder removes.
 * Existing files are never replaced unless `force`.
 */
export function writeBundle(dir: string, files: Record<string, string | Uint8Array>, opts: { force: boolean }): string[] {
  const root = path.resolve(dir);
  makeDir(root, 'outDir');
  const targets = Object.keys(files).map((name) => bundleTarget(root, name));
  cleanLeftovers(root);
  refuseOverwrite(targets, opts.force, root);
  const temps: string[] = [];
  try {
    for (const [i, content] of Object.values(files).entries()) temps.push(writeTemp(targets[i], content));
  } catch (err) {
    for (const t of temps) fs.rmSync(t, { force: true });
    throw err;
  }
  const order = targets.map((_, i) => i).sort((a, b) => Number(path.basename(targets[a]) === 'manifest.json') - Number(path.basename(targets[b]) === 'manifest.json'));
  const manifest = targets.find((t) => path.basename(t) === 'manifest.json');
  try {
    // Checked again just before the renames: nothing may have appeared since.
    refuseOverwrite(targets, opts.force, root);
    if (opts.force && manifest) fs.rmSync(manifest, { force: true });
    for (const i of order) commitTemp(temps[i], targets[i], opts.force);
  } finally {
    for (const t of temps) fs.rmSync(t, { force: true });
  }
  return targets;
}

export function nodeExample(): string {
  return `// Serve predictions with onnxruntime-node: node serve-node.mjs
import * as ort from 'onnxruntime-node';
import fs from 'node:fs';

const manifest = JSON.parse(fs.readFileSync(new URL('./manifest.json', import.meta.url)));
const session = await ort.InferenceSession.create(new URL('./model.onnx', import.meta.url).pathname);

/** rows: array of objects keyed by column name, raw values as in the training data. */
export async function predict(rows) {
  const feeds = {};
  for (const input of manifest.inputs) {
    const values = rows.map((r) => r[input.column] ?? null);
    feeds[input.name] =
      input.type === 'string'
        ? new ort.Tensor('string', values.map((v) => (v === null ? (input.missing ?? '') : String(v))), [rows.length, 1])
        : new ort.Tensor(input.type === 'double' ? 'float64' : 'float32',
            (input.type === 'double' ? Float64Array : Float32Array).from(values.map((v) => (v === null || v === '' ? NaN : input.kind === 'date' ? Date.parse(v) : Number(v)))),
            [rows.length, 1]);
  }
  return session.run(feeds);
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop())) {
  const example = Object.fromEntries(manifest.inputs.map((i) => [i.column, null]));
  console.log(await predict([example]));
}
`;
}

export function pythonExample(): string {
  return `# Serve predictions with onnxruntime: pip install onnxruntime numpy; python serve.py
import json
import numpy as np
import onnxruntime as ort

manifest = json.load(open("manifest.json"))
session = ort.InferenceSession("model.onnx")


def predict(rows):
    """rows: list of dicts keyed by column name, raw values as in the training data."""
    feeds = {}
    for inp in manifest["inputs"]:
        values = [r.get(inp["column"]) for r in rows]
        if inp["type"] == "string":
            feeds[inp["name"]] = np.array([[inp.get("missing", "") if v is None else str(v)] for v in values], dtype=object)
        else:
            dtype = np.float64 if inp["type"] == "double" else np.float32
            if inp["kind"] == "date":
                values = [None if v is None else np.datetime64(v, "ms").astype(np.int64) for v in values]
            feeds[inp["name"]] = np.array([[np.nan if v is None else float(v)] for v in values], dtype=dtype)
    names = [o.name for o in session.get_outputs()]
    return dict(zip(names, session.run(None, feeds)))


if __name__ == "__main__":
    print(predict([{i["column"]: None for i in manifest["inputs"]}]))
`;
}
