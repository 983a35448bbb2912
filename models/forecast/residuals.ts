import { ForecastInputError } from './errors';

/** Index of the last non-missing value, or -1. */
export function lastObservedIndex(y: ArrayLike<number>): number {
  for (let i = y.length - 1; i >= 0; i--) if (!Number.isNaN(y[i])) return i;
  return -1;
}

export function countObserved(y: ArrayLike<number>): number {
  let n = 0;
  for (let i = 0; i < y.length; i++) if (!Number.isNaN(y[i])) n++;
  return n;
}

export function requireObserved(y: ArrayLike<number>, min: number, why: string): void {
  const n = countObserved(y);
  if (n < min) throw new ForecastInputError('values', `has ${n} non-missing values; ${why} needs at least ${min}`);
}

/**
 * Residual standard deviation √(Σe² / (T − K − M)) (FPP3 §5.5): T − M is the number of residuals that exist
 * (`e` skips NaN), K the number of estimated parameters.
 */
export function residualSd(e: ArrayLike<number>, k: number): number {
  let ss = 0;
  let n = 0;
  for (let i = 0; i < e.length; i++) {
    if (Number.isNaN(e[i])) continue;
    ss += e[i] * e[i];
    n++;
  }
  return n - k > 0 ? Math.sqrt(ss / (n - k)) : NaN;
}
