/**
 * L2-regularised logistic regression on CSR features, fitted with the engine's L-BFGS (models/linear):
 * binary (one logit, sigmoid) or multinomial (K logits, softmax). The objective is scikit-learn's,
 * C · Σ loss + ½‖W‖², divided by n; intercepts are not penalised. C can be chosen by inner
 * cross-validation over a grid (warm-started from the previous C on each fold).
 */
import { lbfgs } from '../linear/lbfgs';
import { kFold } from '../split/split';
import { selectRows, type Csr } from './sparse';

export interface LogisticWeights {
  /** Logits: 1 for two classes (class 1 vs 0), else one per class. */
  outputs: number;
  nFeatures: number;
  /** Row-major outputs × nFeatures. */
  weights: Float64Array;
  intercept: Float64Array;
}

export interface LogisticOptions {
  C: number;
  maxIter: number;
  shouldStop?: () => boolean;
  onIteration?: (iter: number, loss: number) => void;
  /** Starting point (same shape), e.g. the fit at a neighbouring C. */
  init?: LogisticWeights;
}

/** Logits, n × outputs. */
export function decision(m: LogisticWeights, X: Csr): Float64Array {
  const K = m.outputs, p = m.nFeatures;
  const out = new Float64Array(X.nRows * K);
  for (let r = 0; r < X.nRows; r++) {
    for (let k = 0; k < K; k++) {
      let s = m.intercept[k];
      for (let q = X.indptr[r]; q < X.indptr[r + 1]; q++) s += m.weights[k * p + X.indices[q]] * X.data[q];
      out[r * K + k] = s;
    }
  }
  return out;
}

/** Class probabilities, n × nClasses (two columns for a binary model). */
export function probabilities(m: LogisticWeights, X: Csr): Float64Array {
  const z = decision(m, X);
  if (m.outputs === 1) {
    const out = new Float64Array(X.nRows * 2);
    for (let r = 0; r < X.nRows; r++) {
      const p1 = 1 / (1 + Math.exp(-z[r]));
      out[2 * r] = 1 - p1;
      out[2 * r + 1] = p1;
    }
    return out;
  }
  const K = m.outputs;
  for (let r = 0; r < X.nRows; r++) {
    let max = -Infinity;
    for (let k = 0; k < K; k++) max = Math.max(max, z[r * K + k]);
    let sum = 0;
    for (let k = 0; k < K; k++) sum += (z[r * K + k] = Math.exp(z[r * K + k] - max));
    for (let k = 0; k < K; k++) z[r * K + k] /= sum;
  }
  return z;
}

export function fitLogistic(X: Csr, y: Int32Array, nClasses: number, opts: LogisticOptions): LogisticWeights {
  const n = X.nRows, p = X.nCols;
  const K = nClasses === 2 ? 1 : nClasses;
  const l2 = 1 / (opts.C * n);
  const size = K * (p + 1); // weights, then intercepts
  const z = new Float64Array(n * K);
  const f = (x: Float64Array, g: Float64Array): number => {
    g.fill(0);
    let loss = 0;
    for (let r = 0; r < n; r++) {
      for (let k = 0; k < K; k++) {
        let s = x[K * p + k];
        for (let q = X.indptr[r]; q < X.indptr[r + 1]; q++) s += x[k * p + X.indices[q]] * X.data[q];
        z[r * K + k] = s;
      }
      if (K === 1) {
        const s = z[r], t = y[r];
        // log(1 + e^s) - t s, computed stably.
        loss += (s > 0 ? s + Math.log1p(Math.exp(-s)) : Math.log1p(Math.exp(s))) - t * s;
        z[r] = 1 / (1 + Math.exp(-s)) - t;
      } else {
        let max = -Infinity;
        for (let k = 0; k < K; k++) max = Math.max(max, z[r * K + k]);
        let sum = 0;
        for (let k = 0; k < K; k++) sum += Math.exp(z[r * K + k] - max);
        loss += max + Math.log(sum) - z[r * K + y[r]];
        for (let k = 0; k < K; k++) z[r * K + k] = Math.exp(z[r * K + k] - max) / sum - (y[r] === k ? 1 : 0);
      }
      for (let k = 0; k < K; k++) {
        const e = z[r * K + k] / n;
        if (e === 0) continue;
        g[K * p + k] += e;
        for (let q = X.indptr[r]; q < X.indptr[r + 1]; q++) g[k * p + X.indices[q]] += e * X.data[q];
      }
    }
    let reg = 0;
    for (let j = 0; j < K * p; j++) {
      reg += x[j] * x[j];
      g[j] += l2 * x[j];
    }
    return loss / n + 0.5 * l2 * reg;
  };
  const x0 = new Float64Array(size);
  if (opts.init) {
    x0.set(opts.init.weights, 0);
    x0.set(opts.init.intercept, K * p);
  }
  const res = lbfgs(f, x0, { maxIter: opts.maxIter, gradTol: 1e-5, shouldStop: opts.shouldStop, onIteration: opts.onIteration });
  return { outputs: K, nFeatures: p, weights: res.x.slice(0, K * p), intercept: res.x.slice(K * p) };
}

export interface TuneOptions {
  grid: number[];
  folds: number;
  seed: number;
  maxIter: number;
  shouldStop?: () => boolean;
  onStep?: (done: number, total: number) => void;
  /** Features for one inner fold, when they depend on the training rows (NBSVM's ratios); default: the rows of X. */
  foldFeatures?: (train: Uint32Array, test: Uint32Array) => { train: Csr; test: Csr };
}

export interface TuneResult {
  C: number;
  /** Mean inner-fold accuracy per grid value. */
  scores: { C: number; accuracy: number; logLoss: number }[];
}

/** Picks C by mean inner-fold accuracy (ties: lower log loss). */
export function tuneC(X: Csr, y: Int32Array, nClasses: number, opts: TuneOptions): TuneResult {
  const grid = [...opts.grid].sort((a, b) => a - b);
  const acc = new Float64Array(grid.length), ll = new Float64Array(grid.length);
  const folds = kFold(X.nRows, Math.min(opts.folds, X.nRows), opts.seed);
  let done = 0;
  for (const fold of folds) {
    const feats = opts.foldFeatures?.(fold.train, fold.test) ?? { train: selectRows(X, fold.train), test: selectRows(X, fold.test) };
    const yTrain = Int32Array.from(fold.train, (r) => y[r]);
    let prev: LogisticWeights | undefined;
    grid.forEach((C, g) => {
      if (opts.shouldStop?.()) return;
      prev = fitLogistic(feats.train, yTrain, nClasses, { C, maxIter: opts.maxIter, init: prev, shouldStop: opts.shouldStop });
      const P = probabilities(prev, feats.test);
      fold.test.forEach((r, i) => {
        let best = 0;
        for (let k = 1; k < nClasses; k++) if (P[i * nClasses + k] > P[i * nClasses + best]) best = k;
        if (best === y[r]) acc[g] += 1 / X.nRows;
        ll[g] -= Math.log(Math.max(P[i * nClasses + y[r]], 1e-15)) / X.nRows;
      });
      opts.onStep?.(++done, folds.length * grid.length);
    });
  }
  let best = 0;
  grid.forEach((_, g) => {
    if (acc[g] > acc[best] + 1e-12 || (Math.abs(acc[g] - acc[best]) <= 1e-12 && ll[g] < ll[best])) best = g;
  });
  return { C: grid[best], scores: grid.map((C, g) => ({ C, accuracy: acc[g], logLoss: ll[g] })) };
}
