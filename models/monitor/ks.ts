/** Two-sample Kolmogorov–Smirnov test on sorted samples (two-sided), p-values as scipy's ks_2samp. */
import { kolmogorovSf, probOutsideBand, probOutsideSquare } from './kolmogorov';

export type KsMethod = 'exact' | 'asymptotic';

export interface KsResult {
  statistic: number;
  pValue: number;
  method: KsMethod;
}

/** Largest gap between the two empirical CDFs; both inputs sorted ascending, without NaN. */
export function ksStatistic(a: Float64Array, b: Float64Array): number {
  const n1 = a.length;
  const n2 = b.length;
  let i = 0;
  let j = 0;
  let d = 0;
  while (i < n1 && j < n2) {
    // Step past every copy of the smaller value on both sides, so ties move together.
    const x = a[i] <= b[j] ? a[i] : b[j];
    while (i < n1 && a[i] === x) i++;
    while (j < n2 && b[j] === x) j++;
    const gap = Math.abs(i / n1 - j / n2);
    if (gap > d) d = gap;
  }
  return d;
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/**
 * The p-value of statistic d: exact when both sides have at most 10,000 rows (scipy's 'auto') or
 * n₁·n₂ ≤ exactCells and the path count stays in range; asymptotic otherwise.
 */
export function ksPValue(d: number, n1: number, n2: number, exactCells: number): { pValue: number; method: KsMethod; statistic: number } {
  const g = gcd(n1, n2);
  const lcm = (n1 / g) * n2;
  const exact = (Math.max(n1, n2) <= 10_000 || n1 * n2 <= exactCells) && n1 / g < 2_147_483_647 / (n2 / g);
  if (exact) {
    // As scipy: the statistic is a multiple of 1/lcm; rounding it there keeps float noise out of the count.
    const h = Math.round(d * lcm);
    const dq = h / lcm;
    if (h === 0) return { pValue: 1, method: 'exact', statistic: dq };
    const p = n1 === n2 ? probOutsideSquare(n1, h) : probOutsideBand(n1, n2, g, h);
    if (p >= 0 && p <= 1) return { pValue: p, method: 'exact', statistic: dq };
  }
  const m = Math.max(n1, n2);
  const n = Math.min(n1, n2);
  const en = Math.round((m * n) / (m + n));
  return { pValue: Math.min(1, Math.max(0, kolmogorovSf(en, d))), method: 'asymptotic', statistic: d };
}

export function ksTest(a: Float64Array, b: Float64Array, exactCells: number): KsResult {
  return ksPValue(ksStatistic(a, b), a.length, b.length, exactCells);
}
