/**
 * Compares an exported graph with the in-app predictions of the same
 * artifact. The ONNX runtime is injected as `run` (models/ stays free of
 * native modules): it receives the feeds of buildFeeds() and returns the
 * graph outputs by name.
 */
import { takeRows, type Frame } from '../../frame/frame';
import { loadModel } from '../../train/loadModel';
import type { ModelArtifact } from '../../train/types';
import type { OnnxExport } from './export';
import { buildFeeds, type OnnxFeed } from './feeds';

export type OnnxRun = (feeds: Record<string, OnnxFeed>) => Promise<Record<string, { data: ArrayLike<unknown> }>>;

export interface ParityReport {
  rows: number;
  /** Max |onnx - app| over regression values (and interval bounds) or class probabilities. */
  maxAbs: number;
  /** Max |onnx - app| / max(|app|, relFloor). */
  maxRel: number;
  /** Rows whose predicted class (index or label string) differs. */
  labelMismatches: number;
}

export interface ParityOptions {
  rows?: ArrayLike<number>;
  /** Denominator floor of the relative error, so values at ~0 do not divide by zero (default 1e-6). */
  relFloor?: number;
}

export async function checkParity(
  artifact: ModelArtifact, exported: OnnxExport, frame: Frame, run: OnnxRun, opts: ParityOptions = {},
): Promise<ParityReport> {
  const sub = opts.rows ? takeRows(frame, opts.rows) : frame;
  const expected = loadModel(artifact).predict(sub);
  const out = await run(buildFeeds(exported.inputs, sub));
  const floor = opts.relFloor ?? 1e-6;
  let maxAbs = 0, maxRel = 0, labelMismatches = 0;
  const compare = (got: ArrayLike<unknown>, want: ArrayLike<number>, what: string) => {
    if (got.length !== want.length) throw new Error(`${what}: ${got.length} values, expected ${want.length}`);
    for (let i = 0; i < want.length; i++) {
      const a = Number(got[i]), b = want[i];
      if (Number.isNaN(a) !== Number.isNaN(b)) {
        maxAbs = maxRel = Infinity;
        continue;
      }
      if (Number.isNaN(b)) continue;
      const d = Math.abs(a - b);
      maxAbs = Math.max(maxAbs, d);
      maxRel = Math.max(maxRel, d / Math.max(Math.abs(b), floor));
    }
  };
  const need = (name: string) => {
    const o = out[name];
    if (!o) throw new Error(`the graph returned no "${name}" output`);
    return o.data;
  };
  if (artifact.task === 'regression') {
    compare(need('prediction'), expected.values, 'prediction');
    if (expected.lower && expected.upper) {
      compare(need('lower'), expected.lower, 'lower');
      compare(need('upper'), expected.upper, 'upper');
    }
  } else {
    compare(need('probabilities'), expected.probabilities!, 'probabilities');
    const label = need('label'), names = need('class_label');
    for (let i = 0; i < sub.rowCount; i++) {
      if (Number(label[i]) !== expected.values[i] || names[i] !== String(expected.labels![i])) labelMismatches++;
    }
  }
  return { rows: sub.rowCount, maxAbs, maxRel, labelMismatches };
}
