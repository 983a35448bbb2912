import { EtsRecursion, type EtsParams, type EtsState } from './recursion';
import type { EtsSpec } from './spec';

export interface EtsLikelihood {
  /** Gaussian log-likelihood with σ² at its maximum (SSE/n), constants included. */
  loglik: number;
  /** Sum of squared errors (relative errors for multiplicative models). */
  sse: number;
  /** Observations scored (missing values are not). */
  n: number;
  /** State after the last observation. */
  final: EtsState;
}

/**
 * Runs the recursion over y and scores it (Hyndman et al. 2008, eq. 5.3): for multiplicative errors the
 * likelihood carries the Jacobian Σ log|ŷ|. Returns null where the model breaks down (a forecast ≤ 0 with
 * multiplicative parts, or one that is not finite). `errors`, when given, receives each step's error (NaN if missing).
 */
export function etsLikelihood(y: ArrayLike<number>, spec: EtsSpec, params: EtsParams, init: EtsState, errors?: Float64Array): EtsLikelihood | null {
  const rec = new EtsRecursion(spec, params, init);
  const positive = spec.error === 'M' || spec.season === 'M';
  let sse = 0;
  let logJacobian = 0;
  let n = 0;
  for (let t = 0; t < y.length; t++) {
    const yhat = rec.predict();
    if (!Number.isFinite(yhat) || (positive && yhat <= 0)) return null;
    const e = rec.observe(y[t], yhat);
    if (errors) errors[t] = Number.isNaN(y[t]) ? NaN : e;
    if (Number.isNaN(y[t])) continue;
    sse += e * e;
    if (spec.error === 'M') logJacobian += Math.log(yhat);
    n++;
  }
  if (!Number.isFinite(sse)) return null;
  // A perfect fit would give an infinite likelihood; a floor keeps the optimiser's comparisons finite.
  const sigma2 = Math.max(sse / n, 1e-300);
  const loglik = -0.5 * n * (Math.log(2 * Math.PI * sigma2) + 1) - logJacobian;
  return { loglik, sse, n, final: rec.state() };
}
