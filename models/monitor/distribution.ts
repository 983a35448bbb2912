/**
 * What a drift page draws for one feature: both sides' shares over the same bins (numbers) or
 * categories, so the two distributions overlay. Shares are of each side's non-missing values.
 */
import type { DriftDistributionDto } from '../../shared/api/monitor-dto';
import { countAtMost, quantileSorted } from './distances';

/** Equal-width bins across both sides. */
export const HISTOGRAM_BINS = 24;
/** Categories drawn one by one, the most common first; the rest share one bar. */
export const SHOWN_CATEGORIES = 12;
export const OTHER_CATEGORY = '(other)';

const shares = (counts: number[], total: number) => counts.map((c) => (total > 0 ? c / total : 0));

/**
 * Equal-width bins from the lower to the upper 0.5 % quantile of both sides together, so one far
 * outlier does not squeeze every other value into a bar; values beyond fall into the end bins.
 */
export function numericDistribution(ref: Float64Array, cur: Float64Array, bins = HISTOGRAM_BINS): DriftDistributionDto {
  if (ref.length === 0 && cur.length === 0) return { kind: 'numeric', edges: [], reference: [], current: [] };
  const sides = [ref, cur].filter((s) => s.length > 0);
  const lo = Math.min(...sides.map((s) => quantileSorted(s, 0.005)));
  const hi = Math.max(...sides.map((s) => quantileSorted(s, 0.995)));
  const n = hi > lo ? bins : 1;
  const width = hi > lo ? (hi - lo) / n : 0;
  const edges = Array.from({ length: n + 1 }, (_, i) => (i === n ? hi : lo + i * width));
  const count = (sorted: Float64Array) => {
    const out: number[] = [];
    let prev = 0;
    for (let i = 1; i <= n; i++) {
      const upTo = i === n ? sorted.length : countAtMost(sorted, edges[i]);
      out.push(upTo - prev);
      prev = upTo;
    }
    return shares(out, sorted.length);
  };
  return { kind: 'numeric', edges, reference: count(ref), current: count(cur) };
}

/** The categories that matter most on either side, then '(other)' when some are left. */
export function categoricalDistribution(ref: Map<string, number>, refTotal: number, cur: Map<string, number>, curTotal: number, shown = SHOWN_CATEGORIES): DriftDistributionDto {
  const share = (m: Map<string, number>, total: number, k: string) => (total > 0 ? (m.get(k) ?? 0) / total : 0);
  const all = [...new Set([...ref.keys(), ...cur.keys()])];
  const weight = (k: string) => Math.max(share(ref, refTotal, k), share(cur, curTotal, k));
  all.sort((a, b) => weight(b) - weight(a) || (a < b ? -1 : 1));
  const categories = all.slice(0, shown);
  const reference = categories.map((k) => share(ref, refTotal, k));
  const current = categories.map((k) => share(cur, curTotal, k));
  if (all.length > shown) {
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    categories.push(OTHER_CATEGORY);
    reference.push(refTotal > 0 ? Math.max(0, 1 - sum(reference)) : 0);
    current.push(curTotal > 0 ? Math.max(0, 1 - sum(current)) : 0);
  }
  return { kind: 'categorical', categories, reference, current };
}
