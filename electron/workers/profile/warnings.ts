import type { ColumnType } from '../../../shared/api/datasets-dto';
import { WARNING_THRESHOLDS as T, type ProfileWarningDto } from '../../../shared/profile-warnings';
import type { Shape } from './shape';

/** What the profile's pass learned of one column that the warnings look at. */
export interface ColumnFacts {
  type: ColumnType;
  /** Values present. */
  count: number;
  missing: number;
  distinct: number;
  distinctCapped: boolean;
  idLike: boolean;
  /** The single value, as text, when there is exactly one. */
  onlyValue: string | null;
  /** Numeric columns only. */
  shape: Shape | null;
  /** Value → occurrences (the first distinct values, up to the profile's cap). */
  counts: ReadonlyMap<string | number, number>;
}

const ORDER: ProfileWarningDto['kind'][] = ['constant', 'idLike', 'missing', 'capped', 'skewed', 'correlated'];

/**
 * The most frequent of the `capNeighbours` distinct values just below the maximum (1 when none
 * was counted: past the distinct cap, values are rarely repeated).
 */
function neighbourCount(counts: ReadonlyMap<string | number, number>, max: number): number {
  const below = [...counts.keys()].filter((k): k is number => typeof k === 'number' && k < max).sort((a, b) => b - a);
  return Math.max(1, ...below.slice(0, T.capNeighbours).map((k) => counts.get(k)!));
}

function cap(facts: ColumnFacts, column: number): ProfileWarningDto | null {
  const s = facts.shape;
  if (!s || s.n === 0 || facts.distinct < T.capMinDistinct || s.maxCount < T.capMinCount) return null;
  const ratio = s.maxCount / neighbourCount(facts.counts, s.max);
  return ratio >= T.capRatio ? { kind: 'capped', column, value: s.max, count: s.maxCount, ratio: Math.round(ratio * 10) / 10 } : null;
}

/** Every warning of a profile, column by column in a fixed order of kinds. */
export function detectWarnings(
  rows: number,
  columns: readonly ColumnFacts[],
  correlation: { positions: readonly number[]; matrix: readonly (readonly number[])[] },
): ProfileWarningDto[] {
  const out: ProfileWarningDto[] = [];
  columns.forEach((c, column) => {
    const constant = c.count > 0 && c.distinct === 1 && !c.distinctCapped;
    if (constant) out.push({ kind: 'constant', column, value: c.onlyValue ?? '' });
    if (c.idLike) out.push({ kind: 'idLike', column });
    if (rows > 0 && c.missing / rows > T.missingShare) out.push({ kind: 'missing', column, share: c.missing / rows });
    if (constant || (c.type !== 'integer' && c.type !== 'float')) return;
    const capped = cap(c, column);
    if (capped) out.push(capped);
    const skew = c.shape?.skewness ?? NaN;
    if (c.count >= T.skewMinValues && Math.abs(skew) > T.skewness) out.push({ kind: 'skewed', column, skewness: Math.round(skew * 100) / 100 });
  });
  const { positions, matrix } = correlation;
  for (let i = 0; i < positions.length; i++) {
    for (let j = i + 1; j < positions.length; j++) {
      const r = matrix[i]?.[j];
      if (r !== undefined && Math.abs(r) > T.correlation) out.push({ kind: 'correlated', columns: [positions[i], positions[j]], r });
    }
  }
  const rank = (w: ProfileWarningDto) => ORDER.indexOf(w.kind);
  return out.sort((a, b) => rank(a) - rank(b));
}
