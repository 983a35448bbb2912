/**
 * Compares an exported graph with the in-app predictions of the same
 * artifact. The ONNX runtime is injected as `run` (models/ stays free of
 * native modules): it receives the feeds of buildFeeds() and returns the
 * graph outputs by name.
 */
import { takeRows, type Frame } from '../../frame/frame';
import { loadModel } from '../../train/loadModel';
import type { ModelArtifact } from '../../train/types';
import { isEnsembleArtifact, type EnsembleArtifact } from '../../ensemble/types';
import { predictEnsemble } from '../../ensemble/combine';
import type { OnnxExport } from './export';
import { buildFeeds, type OnnxFeed } from './feeds';

export type OnnxRun = (feeds: Record<string, OnnxFeed>) => Promise<Record<string, { data: ArrayLike<unknown> }>>;

export interface ParityReport {
  rows: number;
  /** Max |onnx - app| over regression values or class probabilities. */
  maxAbs: number;
  /** Max |onnx - app| / max(|app|, relFloor or probabilityFloor). */
  maxRel: number;
  /**
   * Interval bounds (regression with an interval, else 0): max |onnx - app|, and that error
   * relative to max(|bound|, |prediction|): a bound is prediction -+ halfWidth, so it carries
   * the prediction's absolute error and can itself be arbitrarily close to 0.
   */
  boundsMaxAbs: number;
  boundsMaxRel: number;
  /** Rows whose predicted class (index or label string) differs. */
  labelMismatches: number;
}

export interface ParityOptions {
  rows?: ArrayLike<number>;
  /** Denominator floor of the relative error of regression values, so values at ~0 do not divide by zero (default 1e-6). */
  relFloor?: number;
  /**
   * The same floor for class probabilities (default 1e-3). Probabilities leave the graph as
   * float32, whose spacing near 1 is 6e-8: the complement 1 - p of a confident binary
   * prediction carries that absolute error, so below the floor the error is judged absolutely.
   */
  probabilityFloor?: number;
}

export async function checkParity(
  artifact: ModelArtifact | EnsembleArtifact, exported: OnnxExport, frame: Frame, run: OnnxRun, opts: ParityOptions = {},
): Promise<ParityReport> {
  const sub = opts.rows ? takeRows(frame, opts.rows) : frame;
  const expected = isEnsembleArtifact(artifact) ? predictEnsemble(artifact, sub) : predictOnce(artifact, sub);
  const out = await run(buildFeeds(exported.inputs, sub));
  const floor = artifact.task === 'regression' ? opts.relFloor ?? 1e-6 : opts.probabilityFloor ?? 1e-3;
  let labelMismatches = 0;
  /** Max abs and rel error of got vs want; `scale` (same length) widens the relative denominators. */
  const compare = (got: ArrayLike<unknown>, want: ArrayLike<number>, what: string, scale?: ArrayLike<number>) => {
    if (got.length !== want.length) throw new Error(`${what}: ${got.length} values, expected ${want.length}`);
    let abs = 0, rel = 0;
    for (let i = 0; i < want.length; i++) {
      const a = Number(got[i]), b = want[i];
      if (Number.isNaN(a) !== Number.isNaN(b)) return { abs: Infinity, rel: Infinity };
      if (Number.isNaN(b)) continue;
      const d = Math.abs(a - b);
      abs = Math.max(abs, d);
      rel = Math.max(rel, d / Math.max(Math.abs(b), scale ? Math.abs(scale[i]) : 0, floor));
    }
    return { abs, rel };
  };
  const need = (name: string) => {
    const o = out[name];
    if (!o) throw new Error(`the graph returned no "${name}" output`);
    return o.data;
  };
  let main: { abs: number; rel: number };
  let bounds = { abs: 0, rel: 0 };
  if (artifact.task === 'regression') {
    main = compare(need('prediction'), expected.values, 'prediction');
    if (expected.lower && expected.upper) {
      const lo = compare(need('lower'), expected.lower, 'lower', expected.values);
      const hi = compare(need('upper'), expected.upper, 'upper', expected.values);
      bounds = { abs: Math.max(lo.abs, hi.abs), rel: Math.max(lo.rel, hi.rel) };
    }
  } else {
    main = compare(need('probabilities'), expected.probabilities!, 'probabilities');
    const label = need('label'), names = need('class_label');
    for (let i = 0; i < sub.rowCount; i++) {
      if (Number(label[i]) !== expected.values[i] || names[i] !== String(expected.labels![i])) labelMismatches++;
    }
  }
  return {
    rows: sub.rowCount, maxAbs: main.abs, maxRel: main.rel,
    boundsMaxAbs: bounds.abs, boundsMaxRel: bounds.rel, labelMismatches,
  };
}

function predictOnce(artifact: ModelArtifact, frame: Frame) {
  const model = loadModel(artifact);
  try {
    return model.predict(frame);
  } finally {
    model.dispose();
  }
}
