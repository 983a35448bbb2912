import type { EtsParams, EtsState } from './recursion';
import type { EtsSpec } from './spec';

/**
 * The log-likelihood of one series under one ETS model, for the optimiser's inner loop: the recursion of
 * EtsRecursion written out flat, with the model's shape in numbers and the Jacobian's logarithm taken once per
 * ~1e200 of product instead of once per step (about three times faster). Tested against etsLikelihood.
 */
export class EtsScorer {
  private readonly multiplicativeError: boolean;
  private readonly trended: boolean;
  /** 0 none, 1 additive, 2 multiplicative. */
  private readonly season: 0 | 1 | 2;
  private readonly positive: boolean;
  private readonly ring: Float64Array;

  constructor(
    spec: EtsSpec,
    private readonly y: ArrayLike<number>,
    m: number,
  ) {
    this.multiplicativeError = spec.error === 'M';
    this.trended = spec.trend !== 'N';
    this.season = spec.season === 'N' ? 0 : spec.season === 'A' ? 1 : 2;
    this.positive = spec.error === 'M' || spec.season === 'M';
    this.ring = new Float64Array(this.season === 0 ? 0 : m);
  }

  /** Gaussian log-likelihood at σ² = SSE/n; −Infinity where the model breaks down. */
  loglik(p: EtsParams, init: EtsState): number {
    const { y, ring, season, positive, multiplicativeError } = this;
    const { alpha, beta, gamma, phi } = p;
    const m = ring.length;
    if (m > 0) ring.set(init.season);
    let level = init.level;
    let trend = this.trended ? init.trend : 0;
    let ptr = 0;
    let sse = 0;
    let logJacobian = 0;
    let product = 1;
    let n = 0;
    for (let t = 0; t < y.length; t++) {
      const q = level + phi * trend;
      const s = m > 0 ? ring[ptr] : 0;
      const yhat = season === 2 ? q * s : q + s;
      if (positive ? !(yhat > 0) : !Number.isFinite(yhat)) return -Infinity;
      const yt = y[t];
      if (yt !== yt) {
        // Missing: the state moves on as forecast.
        level = q;
        trend *= phi;
      } else {
        const innovation = (season === 1 ? yt - s : season === 2 ? yt / s : yt) - q;
        level = q + alpha * innovation;
        trend = phi * trend + beta * innovation;
        if (m > 0) ring[ptr] = s + gamma * ((season === 1 ? yt - q : yt / q) - s);
        const e = multiplicativeError ? (yt - yhat) / yhat : yt - yhat;
        sse += e * e;
        if (multiplicativeError) {
          product *= yhat;
          if (product > 1e200 || product < 1e-200) {
            logJacobian += Math.log(product);
            product = 1;
          }
        }
        n++;
      }
      if (m > 0 && ++ptr === m) ptr = 0;
    }
    if (!Number.isFinite(sse)) return -Infinity;
    logJacobian += Math.log(product);
    const sigma2 = Math.max(sse / n, 1e-300);
    return -0.5 * n * (Math.log(2 * Math.PI * sigma2) + 1) - logJacobian;
  }
}
