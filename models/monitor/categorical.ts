/** A categorical feature: chi² over categories (rare ones pooled, new ones in their own cell), JS distance, new categories. */
import type { MonitorOptions } from '../../shared/monitor';
import { chi2Homogeneity } from './chi2';
import { jensenShannon } from './distances';
import { categoricalDistribution } from './distribution';
import type { FeatureComparison } from './types';

function counts(values: readonly (string | null)[], rows: Uint32Array | null): { counts: Map<string, number>; present: number; total: number } {
  const out = new Map<string, number>();
  const total = rows ? rows.length : values.length;
  let present = 0;
  for (let i = 0; i < total; i++) {
    const v = values[rows ? rows[i] : i];
    if (v === null || v === '') continue;
    present++;
    out.set(v, (out.get(v) ?? 0) + 1);
  }
  return { counts: out, present, total };
}

export function compareCategorical(name: string, ref: readonly (string | null)[], cur: readonly (string | null)[], refRows: Uint32Array | null, curRows: Uint32Array | null, o: MonitorOptions): FeatureComparison {
  const r = counts(ref, refRows);
  const c = counts(cur, curRows);
  const categories = [...new Set([...r.counts.keys(), ...c.counts.keys()])].sort();
  const newOnes = categories.filter((k) => !r.counts.has(k)).sort((a, b) => c.counts.get(b)! - c.counts.get(a)! || (a < b ? -1 : 1));
  let newRows = 0;
  for (const k of newOnes) newRows += c.counts.get(k)!;
  // Chi² cells: frequent reference categories each, then '(other)' for rare ones, then '(new)'.
  const rareBelow = Math.max(o.rareCount, o.rareShare * r.present);
  const refCells: number[] = [];
  const curCells: number[] = [];
  let otherR = 0, otherC = 0;
  for (const k of categories) {
    const rn = r.counts.get(k) ?? 0;
    const cn = c.counts.get(k) ?? 0;
    if (rn === 0) continue;
    if (rn < rareBelow) {
      otherR += rn;
      otherC += cn;
    } else {
      refCells.push(rn);
      curCells.push(cn);
    }
  }
  refCells.push(otherR, 0);
  curCells.push(otherC, newRows);
  const base = {
    name, kind: 'categorical' as const, test: 'chi2' as const, psi: null, wasserstein: null, outOfRangeShare: null,
    missingReference: r.total > 0 ? 1 - r.present / r.total : 0, missingCurrent: c.total > 0 ? 1 - c.present / c.total : 0,
    newCategories: newOnes.slice(0, 10), nReference: r.present, nCurrent: c.present,
    distribution: categoricalDistribution(r.counts, r.present, c.counts, c.present),
  };
  if (r.present === 0 || c.present === 0) return { ...base, statistic: NaN, pValue: NaN, method: 'no values', js: null, newCategoryShare: null };
  const chi = chi2Homogeneity(refCells, curCells);
  return {
    ...base,
    statistic: chi.statistic,
    pValue: chi.pValue,
    method: `dof=${chi.dof}`,
    js: jensenShannon(categories.map((k) => r.counts.get(k) ?? 0), categories.map((k) => c.counts.get(k) ?? 0)),
    newCategoryShare: newRows / c.present,
  };
}
