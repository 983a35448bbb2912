/**
 * Split-conformal prediction intervals for regression: residuals on a
 * calibration set the model never trained on give a symmetric half-width q
 * such that [pred - q, pred + q] covers a new target with probability
 * >= coverage (finite-sample guarantee under exchangeability).
 */
export interface ConformalInterval {
  coverage: number;
  halfWidth: number;
  calibrationSize: number;
}

/** q = the ceil((n+1) * coverage)-th smallest |residual|; Infinity when n is too small for the coverage. */
export function fitConformal(calibrationResiduals: ArrayLike<number>, coverage: number): ConformalInterval {
  if (!(coverage > 0 && coverage < 1)) throw new Error('coverage must be in (0, 1)');
  const abs = Float64Array.from(calibrationResiduals, Math.abs).sort();
  const n = abs.length;
  const k = Math.ceil((n + 1) * coverage);
  return { coverage, halfWidth: k > n ? Infinity : abs[k - 1], calibrationSize: n };
}

/** Fraction of targets inside pred +- halfWidth. */
export function measuredCoverage(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, halfWidth: number): number {
  let inside = 0;
  for (let i = 0; i < yTrue.length; i++) if (Math.abs(yTrue[i] - yPred[i]) <= halfWidth) inside++;
  return yTrue.length ? inside / yTrue.length : NaN;
}
