/**
 * Loss functions for boosting. Margins are row-major (r * K + k) with K = 1
 * except softmax. Absolute and quantile losses use sign gradients with unit
 * hessians to grow the structure; their leaf values are then re-fitted as
 * residual quantiles by the trainer.
 */
import { GbdtLoss } from './params';

export function outputCount(loss: GbdtLoss, numClasses: number): number {
  return loss === 'softmax' ? numClasses : 1;
}

export function quantile(values: Float64Array, alpha: number): number {
  if (values.length === 0) return 0;
  const s = Float64Array.from(values).sort();
  const pos = alpha * (s.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(s.length - 1, lo + 1);
  return s[lo] + (s[hi] - s[lo]) * (pos - lo);
}

export function baseScore(loss: GbdtLoss, y: Float64Array, K: number, alpha: number): number[] {
  const n = y.length;
  switch (loss) {
    case 'squared': {
      let s = 0;
      for (let i = 0; i < n; i++) s += y[i];
      return [n ? s / n : 0];
    }
    case 'absolute':
      return [quantile(y, 0.5)];
    case 'quantile':
      return [quantile(y, alpha)];
    case 'logloss': {
      let s = 0;
      for (let i = 0; i < n; i++) s += y[i];
      const p = Math.min(1 - 1e-6, Math.max(1e-6, n ? s / n : 0.5));
      return [Math.log(p / (1 - p))];
    }
    case 'softmax': {
      const counts = new Float64Array(K);
      for (let i = 0; i < n; i++) counts[y[i]]++;
      return Array.from(counts, (c) => Math.log(Math.max(c, 1) / Math.max(n, 1)));
    }
  }
}

const sigmoid = (m: number) => 1 / (1 + Math.exp(-m));

/** Softmax of each row's margins, written into probs (same layout). */
export function softmaxRows(margins: Float64Array, K: number, probs: Float64Array): void {
  const n = margins.length / K;
  for (let r = 0; r < n; r++) {
    const o = r * K;
    let max = -Infinity;
    for (let k = 0; k < K; k++) if (margins[o + k] > max) max = margins[o + k];
    let sum = 0;
    for (let k = 0; k < K; k++) {
      const e = Math.exp(margins[o + k] - max);
      probs[o + k] = e;
      sum += e;
    }
    for (let k = 0; k < K; k++) probs[o + k] /= sum;
  }
}

/**
 * Gradients/hessians of output k for every row. For softmax `probs` must hold
 * the softmax of the round's starting margins (all classes use the same state).
 */
export function computeGradients(
  loss: GbdtLoss, y: Float64Array, margins: Float64Array, probs: Float64Array | null,
  K: number, k: number, alpha: number, grad: Float64Array, hess: Float64Array,
): void {
  const n = y.length;
  switch (loss) {
    case 'squared':
      for (let i = 0; i < n; i++) {
        grad[i] = margins[i] - y[i];
        hess[i] = 1;
      }
      break;
    case 'absolute':
      for (let i = 0; i < n; i++) {
        const d = margins[i] - y[i];
        grad[i] = d > 0 ? 1 : d < 0 ? -1 : 0;
        hess[i] = 1;
      }
      break;
    case 'quantile':
      for (let i = 0; i < n; i++) {
        grad[i] = y[i] > margins[i] ? -alpha : 1 - alpha;
        hess[i] = 1;
      }
      break;
    case 'logloss':
      for (let i = 0; i < n; i++) {
        const p = 1 / (1 + Math.exp(-margins[i]));
        grad[i] = p - y[i];
        hess[i] = Math.max(p * (1 - p), 1e-16);
      }
      break;
    case 'softmax':
      for (let i = 0; i < n; i++) {
        const p = probs![i * K + k];
        grad[i] = p - (y[i] === k ? 1 : 0);
        hess[i] = Math.max(p * (1 - p), 1e-16);
      }
      break;
  }
}

/**
 * Logloss of the current margins and, from the same sigmoid, the gradients and
 * hessians for the next round. `expNeg` holds exp(-margin) per row, which the
 * trainer keeps up to date by multiplying with exp(-leaf value): one exp per
 * leaf instead of one per row and round, the bulk of a logloss round's cost
 * otherwise. The product drifts from exp(-margin) by about an ulp per round
 * (harmless); a cached value outside the normal range, from which products
 * could not come back, is recomputed from the margin. With exact exp(-margin)
 * values the gradients equal computeGradients'. The loss takes one log per 16
 * rows (of the product of their clamped probabilities, >= 1e-240, so no
 * underflow); it matches evalLoss to ~1e-15.
 */
export function logisticLossAndGradients(
  y: Float64Array, margins: Float64Array, expNeg: Float64Array, grad: Float64Array, hess: Float64Array,
): number {
  const n = y.length;
  if (n === 0) return NaN;
  let s = 0;
  let prod = 1;
  for (let i = 0; i < n; i++) {
    let e = expNeg[i];
    if (!(e > 1e-300 && e < 1e300)) e = expNeg[i] = Math.exp(-margins[i]);
    const p = 1 / (1 + e);
    const yi = y[i];
    grad[i] = p - yi;
    const ph = p * (1 - p);
    hess[i] = ph > 1e-16 ? ph : 1e-16;
    const pc = p < 1e-15 ? 1e-15 : p > 1 - 1e-15 ? 1 - 1e-15 : p;
    prod *= yi === 1 ? pc : 1 - pc;
    if ((i & 15) === 15) {
      s -= Math.log(prod);
      prod = 1;
    }
  }
  s -= Math.log(prod);
  return s / n;
}

/**
 * Squared loss as evalLoss reports it (rmse of the current margins) and, in
 * the same pass, the next round's gradients (the same as computeGradients').
 */
export function squaredLossAndGradients(y: Float64Array, margins: Float64Array, grad: Float64Array, hess: Float64Array): number {
  const n = y.length;
  if (n === 0) return NaN;
  let s = 0;
  for (let i = 0; i < n; i++) {
    const d = margins[i] - y[i];
    s += d ** 2;
    grad[i] = d;
    hess[i] = 1;
  }
  return Math.sqrt(s / n);
}

/** Evaluation value (lower is better): rmse, mae, pinball, logloss or multiclass logloss. */
export function evalLoss(loss: GbdtLoss, y: Float64Array, margins: Float64Array, K: number, alpha: number): number {
  const n = y.length;
  if (n === 0) return NaN;
  let s = 0;
  switch (loss) {
    case 'squared':
      for (let i = 0; i < n; i++) s += (margins[i] - y[i]) ** 2;
      return Math.sqrt(s / n);
    case 'absolute':
      for (let i = 0; i < n; i++) s += Math.abs(margins[i] - y[i]);
      return s / n;
    case 'quantile':
      for (let i = 0; i < n; i++) {
        const d = y[i] - margins[i];
        s += d >= 0 ? alpha * d : (alpha - 1) * d;
      }
      return s / n;
    case 'logloss':
      for (let i = 0; i < n; i++) {
        const p = Math.min(1 - 1e-15, Math.max(1e-15, sigmoid(margins[i])));
        s -= y[i] === 1 ? Math.log(p) : Math.log(1 - p);
      }
      return s / n;
    case 'softmax': {
      const probs = new Float64Array(margins.length);
      softmaxRows(margins, K, probs);
      for (let i = 0; i < n; i++) s -= Math.log(Math.max(1e-15, probs[i * K + y[i]]));
      return s / n;
    }
  }
}

/** Margins -> outputs: identity for regression, probability of class 1 for logloss, class probabilities for softmax. */
export function transformMargins(loss: GbdtLoss, margins: Float64Array, K: number): Float64Array {
  const out = new Float64Array(margins.length);
  if (loss === 'logloss') for (let i = 0; i < out.length; i++) out[i] = sigmoid(margins[i]);
  else if (loss === 'softmax') softmaxRows(margins, K, out);
  else out.set(margins);
  return out;
}
