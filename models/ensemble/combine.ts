/**
 * The ensemble in the engine: each member predicts with loadModel, and the outputs combine as the
 * exported graph combines them (weighted sum of values or probabilities, or the stacking meta-model).
 */
import type { Frame } from '../frame/frame';
import { loadModel, type Prediction } from '../train/loadModel';
import { argmaxRows } from '../metrics/classification';
import { fitLogistic, fitRidge, type LinearModelJSON } from '../linear/linear';
import type { ModelArtifact } from '../train/types';
import { nnls } from './nnls';
import { EnsembleError, type EnsembleArtifact } from './types';

/** One member's outputs: regression values (n), or class probabilities (n x K). */
export type MemberOutput = Float64Array;

export function memberOutputs(artifacts: ModelArtifact[], frame: Frame): MemberOutput[] {
  return artifacts.map((a) => {
    const model = loadModel(a);
    try {
      const p = model.predict(frame);
      return a.task === 'regression' ? p.values : p.probabilities!;
    } finally {
      model.dispose();
    }
  });
}

/** Columns per member that the meta-model reads: 1 for values and binary P(second class), else K. */
export function metaWidth(task: ModelArtifact['task'], K: number): number {
  return task === 'regression' || K === 2 ? 1 : K;
}

/** The meta-model's input: members side by side, n x (members · width). */
export function metaFeatures(outputs: MemberOutput[], n: number, task: ModelArtifact['task'], K: number): Float64Array {
  const d = metaWidth(task, K), M = outputs.length, p = M * d;
  const Z = new Float64Array(n * p);
  for (let m = 0; m < M; m++) {
    for (let r = 0; r < n; r++) {
      if (task === 'regression') Z[r * p + m] = outputs[m][r];
      else if (K === 2) Z[r * p + m] = outputs[m][r * 2 + 1];
      else for (let k = 0; k < K; k++) Z[r * p + m * K + k] = outputs[m][r * K + k];
    }
  }
  return Z;
}

/** Values (regression) or probabilities (n x K) of the combination, in double. */
export function combineOutputs(e: Pick<EnsembleArtifact, 'task' | 'classes' | 'weights' | 'meta'>, outputs: MemberOutput[], n: number): Float64Array {
  const K = e.classes?.length ?? 1;
  if (e.weights) {
    const out = new Float64Array(outputs[0].length);
    e.weights.forEach((w, m) => { for (let i = 0; i < out.length; i++) out[i] += w * outputs[m][i]; });
    return out;
  }
  const meta = e.meta!;
  const Z = metaFeatures(outputs, n, e.task, K);
  const p = meta.nFeatures, O = meta.outputs;
  const margins = new Float64Array(n * O);
  for (let r = 0; r < n; r++) {
    for (let o = 0; o < O; o++) {
      let s = meta.intercept[o];
      for (let j = 0; j < p; j++) s += meta.weights[o * p + j] * Z[r * p + j];
      margins[r * O + o] = s;
    }
  }
  if (meta.kind === 'ridge') return margins;
  if (meta.kind === 'logistic') {
    const probs = new Float64Array(n * 2);
    for (let r = 0; r < n; r++) {
      const p1 = 1 / (1 + Math.exp(-margins[r]));
      probs[r * 2] = 1 - p1;
      probs[r * 2 + 1] = p1;
    }
    return probs;
  }
  for (let r = 0; r < n; r++) {
    let mx = -Infinity, sum = 0;
    for (let k = 0; k < O; k++) mx = Math.max(mx, margins[r * O + k]);
    for (let k = 0; k < O; k++) sum += (margins[r * O + k] = Math.exp(margins[r * O + k] - mx));
    for (let k = 0; k < O; k++) margins[r * O + k] /= sum;
  }
  return margins;
}

/** The ensemble's prediction on a frame, shaped like a single model's. */
export function predictEnsemble(e: EnsembleArtifact, frame: Frame): Prediction {
  const outputs = memberOutputs(e.members.map((m) => m.artifact), frame);
  const combined = combineOutputs(e, outputs, frame.rowCount);
  if (e.task === 'regression') return { values: combined, probabilities: null, labels: null, lower: null, upper: null };
  const K = e.classes!.length;
  const values = Float64Array.from(argmaxRows(combined, K));
  return { values, probabilities: combined, labels: Array.from(values, (v) => e.classes![v]), lower: null, upper: null };
}

/**
 * Non-negative weights summing to 1 that best reproduce the target from the members' outputs:
 * values against y, or every class probability against its 0/1 indicator.
 */
export function fitWeights(task: ModelArtifact['task'], outputs: MemberOutput[], y: ArrayLike<number>, K: number): number[] {
  const M = outputs.length, n = y.length, width = task === 'regression' ? 1 : K;
  const rows = n * width;
  // One more row, λ·Σw = λ with λ large, holds the weights to sum 1 (probabilities stay probabilities).
  const A = new Float64Array((rows + 1) * M), b = new Float64Array(rows + 1);
  let energy = 0;
  for (let i = 0; i < rows; i++) {
    for (let m = 0; m < M; m++) energy += (A[i * M + m] = outputs[m][i]) ** 2;
    b[i] = task === 'regression' ? y[i] : Number(y[Math.floor(i / K)] === i % K);
  }
  const lambda = 1e4 * Math.sqrt(Math.max(energy / M, 1));
  for (let m = 0; m < M; m++) A[rows * M + m] = lambda;
  b[rows] = lambda;
  const w = nnls(A, rows + 1, M, b);
  const sum = w.reduce((s, v) => s + v, 0);
  if (!(sum > 0)) throw new EnsembleError('no non-negative combination of the members fits the validation rows');
  return Array.from(w, (v) => v / sum);
}

/** Ridge (regression) or logistic / multinomial regression (classification) on the members' outputs. */
export function fitMeta(task: ModelArtifact['task'], outputs: MemberOutput[], y: ArrayLike<number>, K: number): LinearModelJSON {
  const n = y.length;
  const Z = metaFeatures(outputs, n, task, K);
  const p = Z.length / n;
  const X = Float32Array.from(Z);
  const target = Float64Array.from(y);
  if (task === 'regression') {
    // A penalty relative to the outputs' variance, so it means the same on any target scale.
    let variance = 0;
    for (let j = 0; j < p; j++) {
      let s = 0, s2 = 0;
      for (let r = 0; r < n; r++) { s += Z[r * p + j]; s2 += Z[r * p + j] ** 2; }
      variance += s2 / n - (s / n) ** 2;
    }
    return fitRidge(X, n, p, target, { l2: 1e-3 * Math.max(variance / p, 1e-12) }).toJSON();
  }
  return fitLogistic(X, n, p, target, K, { l2: 1e-3, maxIter: 300 }).toJSON();
}
