/**
 * Linear models on (standardised) dense features.
 * Objectives are per-row means plus (l2 / 2) * ||W||^2; intercepts are not penalised.
 *   ridge:        closed form, Cholesky solve of (X'X / n + l2 I) on centred data
 *   logistic:     binary cross-entropy, L-BFGS
 *   multinomial:  softmax cross-entropy with K weight vectors, L-BFGS
 */
import { lbfgs } from './lbfgs';
import { LINEAR_DEFAULTS, type FamilyParams } from '../../shared/families/index';
import { softmaxRows } from '../gbdt/losses';

export type LinearKind = 'ridge' | 'logistic' | 'multinomial';

/** Stated once, with ranges and help, in the family schema. */
export type LinearParams = FamilyParams<'linear'>;
export const DEFAULT_LINEAR_PARAMS: LinearParams = LINEAR_DEFAULTS;

export interface LinearModelJSON {
  format: 'lathe-linear';
  version: 1;
  kind: LinearKind;
  nFeatures: number;
  /** Outputs: 1 for ridge/logistic, K for multinomial. weights is row-major outputs x nFeatures. */
  outputs: number;
  weights: number[];
  intercept: number[];
}

export interface LinearFitHooks {
  onIteration?: (iter: number, loss: number) => void;
  shouldStop?: () => boolean;
}

export class LinearModel {
  constructor(
    readonly kind: LinearKind,
    readonly nFeatures: number,
    readonly outputs: number,
    readonly weights: Float64Array,
    readonly intercept: Float64Array,
  ) {}

  predictRaw(X: Float32Array, nRows: number): Float64Array {
    const p = this.nFeatures, K = this.outputs;
    if (X.length !== nRows * p) throw new Error(`expected ${p} features per row`);
    const out = new Float64Array(nRows * K);
    for (let r = 0; r < nRows; r++) {
      for (let k = 0; k < K; k++) {
        let s = this.intercept[k];
        const w = k * p;
        for (let j = 0; j < p; j++) s += this.weights[w + j] * X[r * p + j];
        out[r * K + k] = s;
      }
    }
    return out;
  }

  /** Values for ridge, P(class 1) for logistic, class probabilities (n x K) for multinomial. */
  predict(X: Float32Array, nRows: number): Float64Array {
    const raw = this.predictRaw(X, nRows);
    if (this.kind === 'logistic') return raw.map((m) => 1 / (1 + Math.exp(-m)));
    if (this.kind === 'multinomial') {
      const out = new Float64Array(raw.length);
      softmaxRows(raw, this.outputs, out);
      return out;
    }
    return raw;
  }

  toJSON(): LinearModelJSON {
    return {
      format: 'lathe-linear', version: 1, kind: this.kind, nFeatures: this.nFeatures, outputs: this.outputs,
      weights: Array.from(this.weights), intercept: Array.from(this.intercept),
    };
  }

  static fromJSON(j: LinearModelJSON): LinearModel {
    if (j.format !== 'lathe-linear') throw new Error('not a lathe linear model');
    return new LinearModel(j.kind, j.nFeatures, j.outputs, Float64Array.from(j.weights), Float64Array.from(j.intercept));
  }
}

/** Solves A x = b in place for symmetric positive definite A (p x p, row-major). */
export function choleskySolve(A: Float64Array, b: Float64Array, p: number): Float64Array {
  const L = new Float64Array(p * p);
  for (let i = 0; i < p; i++) {
    for (let j = 0; j <= i; j++) {
      let s = A[i * p + j];
      for (let k = 0; k < j; k++) s -= L[i * p + k] * L[j * p + k];
      if (i === j) {
        if (s <= 0) throw new Error('matrix is not positive definite');
        L[i * p + i] = Math.sqrt(s);
      } else L[i * p + j] = s / L[j * p + j];
    }
  }
  const z = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= L[i * p + k] * z[k];
    z[i] = s / L[i * p + i];
  }
  const x = new Float64Array(p);
  for (let i = p - 1; i >= 0; i--) {
    let s = z[i];
    for (let k = i + 1; k < p; k++) s -= L[k * p + i] * x[k];
    x[i] = s / L[i * p + i];
  }
  return x;
}

export function fitRidge(X: Float32Array, nRows: number, nCols: number, y: Float64Array, params: Partial<LinearParams> = {}): LinearModel {
  const { l2 } = { ...DEFAULT_LINEAR_PARAMS, ...params };
  const p = nCols;
  const mx = new Float64Array(p);
  let my = 0;
  for (let r = 0; r < nRows; r++) {
    my += y[r];
    for (let j = 0; j < p; j++) mx[j] += X[r * p + j];
  }
  my /= nRows;
  for (let j = 0; j < p; j++) mx[j] /= nRows;
  const A = new Float64Array(p * p);
  const b = new Float64Array(p);
  const xc = new Float64Array(p);
  for (let r = 0; r < nRows; r++) {
    for (let j = 0; j < p; j++) xc[j] = X[r * p + j] - mx[j];
    const yc = y[r] - my;
    for (let i = 0; i < p; i++) {
      const xi = xc[i];
      if (xi === 0) continue;
      b[i] += xi * yc;
      for (let j = 0; j <= i; j++) A[i * p + j] += xi * xc[j];
    }
  }
  // A tiny floor keeps the system positive definite when l2 = 0 and columns are collinear.
  const ridge = Math.max(l2, 1e-10);
  for (let i = 0; i < p; i++) {
    for (let j = 0; j <= i; j++) {
      A[i * p + j] /= nRows;
      A[j * p + i] = A[i * p + j];
    }
    A[i * p + i] += ridge;
    b[i] /= nRows;
  }
  const w = choleskySolve(A, b, p);
  let b0 = my;
  for (let j = 0; j < p; j++) b0 -= w[j] * mx[j];
  return new LinearModel('ridge', p, 1, w, Float64Array.of(b0));
}

/**
 * Logistic (K = 1, labels 0/1) or multinomial (K >= 3, labels 0..K-1) regression.
 * Parameters are packed as [W (K x p) | b (K)].
 */
export function fitLogistic(
  X: Float32Array, nRows: number, nCols: number, y: Float64Array, numClasses: number,
  params: Partial<LinearParams> = {}, hooks: LinearFitHooks = {},
): LinearModel {
  const { l2, maxIter } = { ...DEFAULT_LINEAR_PARAMS, ...params };
  const p = nCols;
  const multi = numClasses > 2;
  const K = multi ? numClasses : 1;
  const margins = new Float64Array(nRows * K);
  const probs = new Float64Array(nRows * K);
  const objective = (theta: Float64Array, grad: Float64Array): number => {
    grad.fill(0);
    for (let r = 0; r < nRows; r++) {
      for (let k = 0; k < K; k++) {
        let s = theta[K * p + k];
        for (let j = 0; j < p; j++) s += theta[k * p + j] * X[r * p + j];
        margins[r * K + k] = s;
      }
    }
    let loss = 0;
    if (multi) {
      softmaxRows(margins, K, probs);
      for (let r = 0; r < nRows; r++) loss -= Math.log(Math.max(probs[r * K + y[r]], 1e-300));
    } else {
      for (let r = 0; r < nRows; r++) {
        const m = margins[r];
        // log(1 + e^m) - y m, computed stably.
        loss += (m > 0 ? m + Math.log1p(Math.exp(-m)) : Math.log1p(Math.exp(m))) - y[r] * m;
        probs[r] = 1 / (1 + Math.exp(-m));
      }
    }
    for (let r = 0; r < nRows; r++) {
      for (let k = 0; k < K; k++) {
        const d = (probs[r * K + k] - (multi ? (y[r] === k ? 1 : 0) : y[r])) / nRows;
        if (d === 0) continue;
        for (let j = 0; j < p; j++) grad[k * p + j] += d * X[r * p + j];
        grad[K * p + k] += d;
      }
    }
    let pen = 0;
    for (let i = 0; i < K * p; i++) {
      pen += theta[i] * theta[i];
      grad[i] += l2 * theta[i];
    }
    return loss / nRows + 0.5 * l2 * pen;
  };
  const res = lbfgs(objective, new Float64Array(K * p + K), { maxIter, gradTol: 1e-6, ...hooks });
  return new LinearModel(multi ? 'multinomial' : 'logistic', p, K, res.x.slice(0, K * p), res.x.slice(K * p));
}
