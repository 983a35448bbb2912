/**
 * A model version as the server holds it: the exported bundle's manifest (its input schema) and an onnxruntime
 * session of model.onnx. Rows are checked against the inputs before anything runs; a bad value is a 400 that names
 * `rows[i].column`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { ServingError } from './errors';

type Ort = typeof import('onnxruntime-node');
let ort: Ort | null = null;

/** onnxruntime-node loads on first use, so a missing native install is one clear message. */
function loadOrt(): Ort {
  if (ort) return ort;
  try {
    ort = createRequire(import.meta.url)('onnxruntime-node') as Ort;
    return ort;
  } catch (err) {
    throw new Error(`onnxruntime-node could not be loaded (npm install onnxruntime-node): ${(err as Error).message.split('\n')[0]}`);
  }
}

/** What server.mjs needs of an exported bundle's manifest.json. */
export interface BundleInput {
  name: string;
  type: 'float' | 'double' | 'string';
  column: string;
  kind: 'numeric' | 'date' | 'categorical';
  missing?: string;
}
export interface BundleManifest {
  model: string;
  version?: string | null;
  task: 'regression' | 'binary' | 'multiclass' | string;
  target: string;
  classes?: (string | number)[] | null;
  inputs: BundleInput[];
}

export interface RowAnswer {
  prediction: number | string | null;
  probabilities?: Record<string, number>;
}

export interface ServedModel {
  version: string;
  manifest: BundleManifest;
  /** Scores rows already checked with `checkRows`. */
  score(rows: Record<string, unknown>[]): Promise<RowAnswer[]>;
}

export function readManifest(dir: string): BundleManifest {
  const file = path.join(dir, 'manifest.json');
  let m: BundleManifest;
  try {
    m = JSON.parse(fs.readFileSync(file, 'utf8')) as BundleManifest;
  } catch (err) {
    throw new Error(`${file}: ${(err as Error).message}`);
  }
  if (!Array.isArray(m.inputs) || typeof m.task !== 'string') throw new Error(`${file}: not an ONNX bundle manifest of Lathe (inputs and task are missing)`);
  return m;
}

export async function loadModel(dir: string, version?: string): Promise<ServedModel> {
  const manifest = readManifest(dir);
  const o = loadOrt();
  const session = await o.InferenceSession.create(path.join(dir, 'model.onnx'));
  const classes = (manifest.classes ?? []).map(String);
  const regression = manifest.task === 'regression';
  return {
    version: version ?? manifest.version ?? 'local',
    manifest,
    async score(rows) {
      const feeds: Record<string, InstanceType<Ort['Tensor']>> = {};
      for (const input of manifest.inputs) {
        const values = rows.map((r) => r[input.column] ?? null);
        if (input.type === 'string') {
          feeds[input.name] = new o.Tensor('string', values.map((v) => (v === null ? (input.missing ?? '') : String(v))), [rows.length, 1]);
        } else {
          const Arr = input.type === 'double' ? Float64Array : Float32Array;
          feeds[input.name] = new o.Tensor(input.type === 'double' ? 'float64' : 'float32', Arr.from(values.map((v) => numberOf(v, input))), [rows.length, 1]);
        }
      }
      const out = (await session.run(feeds)) as unknown as Record<string, { data: ArrayLike<unknown> }>;
      if (regression) return Array.from({ length: rows.length }, (_, i) => ({ prediction: Number(out.prediction.data[i]) }));
      const labels = out.class_label.data as ArrayLike<string>;
      const probs = out.probabilities.data as ArrayLike<number>;
      const k = classes.length;
      return Array.from({ length: rows.length }, (_, i) => ({
        prediction: labels[i],
        probabilities: Object.fromEntries(classes.map((c, j) => [c, Number(probs[i * k + j])])),
      }));
    },
  };
}

function numberOf(v: unknown, input: BundleInput): number {
  if (v === null || v === '') return NaN;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (input.kind === 'date') return typeof v === 'number' ? v : Date.parse(String(v));
  return Number(v);
}

/**
 * Refuses rows the model cannot read, naming the first bad field: every input column must be present (null means
 * missing), numbers must be numbers (or numeric text), dates ISO text or epoch milliseconds, categories text, numbers
 * or booleans. Other keys (ids, the sticky key) are ignored.
 */
export function checkRows(rows: Record<string, unknown>[], inputs: BundleInput[]): void {
  for (const [i, row] of rows.entries()) {
    for (const input of inputs) {
      const field = `rows[${i}].${input.column}`;
      if (!(input.column in row)) throw new ServingError(400, 'bad_request', `${field} is missing (send null for a missing value)`, field);
      const v = row[input.column];
      if (v === null) continue;
      if (input.kind === 'categorical') {
        if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') throw new ServingError(400, 'bad_request', `${field} must be text, a number or a boolean, not ${kindOf(v)}`, field);
      } else if (input.kind === 'date') {
        if (!(typeof v === 'number' && Number.isFinite(v)) && !(typeof v === 'string' && (v === '' || Number.isFinite(Date.parse(v))))) {
          throw new ServingError(400, 'bad_request', `${field} must be a date (ISO text or epoch milliseconds), not ${JSON.stringify(v).slice(0, 40)}`, field);
        }
      } else if (!(typeof v === 'number' || typeof v === 'boolean' || (typeof v === 'string' && (v.trim() === '' || Number.isFinite(Number(v)))))) {
        throw new ServingError(400, 'bad_request', `${field} must be a number, not ${kindOf(v) === 'text' ? JSON.stringify(v).slice(0, 40) : kindOf(v)}`, field);
      }
    }
  }
}

const kindOf = (v: unknown) => (Array.isArray(v) ? 'a list' : typeof v === 'object' ? 'an object' : typeof v === 'string' ? 'text' : typeof v);
