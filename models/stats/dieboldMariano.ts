import { studentTwoSidedP } from './distributions';

export interface DieboldMarianoResult {
  /** Mean loss differential (A − B): positive means B's forecasts lose less. */
  meanDiff: number;
  /** The Harvey–Leybourne–Newbold corrected statistic, compared with Student's t on T − 1 df. */
  statistic: number;
  df: number;
  pValue: number;
  /** Forecast origins the test ran over (T). */
  origins: number;
  horizon: number;
  loss: 'squared' | 'absolute';
}

/**
 * Diebold–Mariano test of equal forecast accuracy, with the small-sample correction of Harvey,
 * Leybourne & Newbold (1997). Points are grouped by forecast origin: the loss differential is
 * averaged per origin (over steps and series), giving one value per origin; origins one step
 * apart overlap for h − 1 steps, so the long-run variance takes autocovariances up to lag h − 1.
 */
export function dieboldMariano(
  errorsA: ArrayLike<number>,
  errorsB: ArrayLike<number>,
  origin: ArrayLike<number>,
  horizon: number,
  loss: 'squared' | 'absolute' = 'squared',
): DieboldMarianoResult {
  const n = errorsA.length;
  if (errorsB.length !== n || origin.length !== n) throw new Error('errors and origins must have the same length');
  if (!Number.isInteger(horizon) || horizon < 1) throw new Error(`horizon must be a whole number ≥ 1 (got ${horizon})`);
  const L = loss === 'squared' ? (e: number) => e * e : Math.abs;
  const sums = new Map<number, { d: number; k: number }>();
  for (let i = 0; i < n; i++) {
    const a = errorsA[i];
    const b = errorsB[i];
    if (!Number.isFinite(a) || !Number.isFinite(b)) continue;
    const s = sums.get(origin[i]) ?? { d: 0, k: 0 };
    s.d += L(a) - L(b);
    s.k++;
    sums.set(origin[i], s);
  }
  const d = [...sums.entries()].sort((x, y) => x[0] - y[0]).map(([, s]) => s.d / s.k);
  const T = d.length;
  const h = Math.min(horizon, Math.max(1, T - 1));
  const mean = d.reduce((s, v) => s + v, 0) / Math.max(T, 1);
  const base = { meanDiff: mean, origins: T, horizon, loss, df: Math.max(T - 1, 0) };
  if (T < 2) return { ...base, statistic: NaN, pValue: NaN };
  const gamma = (k: number) => {
    let s = 0;
    for (let t = k; t < T; t++) s += (d[t] - mean) * (d[t - k] - mean);
    return s / T;
  };
  let v = gamma(0);
  for (let k = 1; k < h; k++) v += 2 * gamma(k);
  // A negative long-run variance (possible with the truncated sum) falls back to the plain variance.
  if (!(v > 0)) v = gamma(0);
  if (!(v > 0)) return { ...base, statistic: mean === 0 ? 0 : Infinity * Math.sign(mean), pValue: mean === 0 ? 1 : 0 };
  const dm = mean / Math.sqrt(v / T);
  const hln = Math.sqrt(Math.max(0, (T + 1 - 2 * h + (h * (h - 1)) / T) / T));
  const statistic = dm * hln;
  return { ...base, statistic, pValue: studentTwoSidedP(statistic, T - 1) };
}
