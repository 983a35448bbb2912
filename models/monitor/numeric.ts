/** A numeric feature: KS test, PSI and JS over the reference's quantile bins, standardised Wasserstein-1, range check. */
import type { MonitorOptions } from '../../shared/monitor';
import { binCounts, jensenShannon, meanSd, psi, quantileEdges, wasserstein1 } from './distances';
import { numericDistribution } from './distribution';
import { ksTest } from './ks';
import type { FeatureComparison } from './types';

/** Finite values at the picked rows (all rows when `rows` is null), sorted; and the missing share. */
export function presentSorted(values: Float64Array, rows: Uint32Array | null): { sorted: Float64Array; missing: number } {
  const n = rows ? rows.length : values.length;
  const out = new Float64Array(n);
  let k = 0;
  for (let i = 0; i < n; i++) {
    const v = values[rows ? rows[i] : i];
    if (Number.isFinite(v)) out[k++] = v;
  }
  const sorted = out.subarray(0, k).sort();
  return { sorted, missing: n > 0 ? (n - k) / n : 0 };
}

export function compareNumeric(name: string, ref: Float64Array, cur: Float64Array, refRows: Uint32Array | null, curRows: Uint32Array | null, o: MonitorOptions): FeatureComparison {
  const r = presentSorted(ref, refRows);
  const c = presentSorted(cur, curRows);
  const base = {
    name, kind: 'numeric' as const, test: 'ks' as const, newCategoryShare: null, newCategories: [],
    missingReference: r.missing, missingCurrent: c.missing, nReference: r.sorted.length, nCurrent: c.sorted.length,
    distribution: numericDistribution(r.sorted, c.sorted),
  };
  if (r.sorted.length === 0 || c.sorted.length === 0) {
    return { ...base, statistic: NaN, pValue: NaN, method: 'no values', psi: null, wasserstein: null, js: null, outOfRangeShare: null };
  }
  const ks = ksTest(r.sorted, c.sorted, o.exactKsCells);
  const edges = quantileEdges(r.sorted, o.psiBins);
  const rc = binCounts(r.sorted, edges);
  const cc = binCounts(c.sorted, edges);
  const { sd } = meanSd(r.sorted);
  const w = wasserstein1(r.sorted, c.sorted);
  const lo = r.sorted[0];
  const hi = r.sorted[r.sorted.length - 1];
  let outside = 0;
  for (let i = 0; i < c.sorted.length; i++) if (c.sorted[i] < lo || c.sorted[i] > hi) outside++;
  return {
    ...base,
    statistic: ks.statistic,
    pValue: ks.pValue,
    method: ks.method,
    psi: psi(rc, cc, o.psiEpsilon),
    js: jensenShannon(rc, cc),
    // A constant reference has no spread to measure by: any move is a whole "sd".
    wasserstein: sd > 0 ? w / sd : w > 0 ? 1 : 0,
    outOfRangeShare: outside / c.sorted.length,
  };
}
