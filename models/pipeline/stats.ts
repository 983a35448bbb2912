/** Small statistics helpers shared by pipeline steps. */

/** Median of the non-NaN values among `rows`; NaN when none are observed. */
export function medianOf(values: Float64Array, rows: ArrayLike<number>): number {
  const buf: number[] = [];
  for (let i = 0; i < rows.length; i++) {
    const v = values[rows[i]];
    if (!Number.isNaN(v)) buf.push(v);
  }
  if (buf.length === 0) return NaN;
  const s = Float64Array.from(buf).sort();
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Mean and standard deviation of the non-NaN values (population sd). */
export function meanStd(values: ArrayLike<number>): { mean: number; std: number } {
  let n = 0, sum = 0, sq = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isNaN(v)) continue;
    n++;
    sum += v;
  }
  const mean = n ? sum / n : 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isNaN(v)) sq += (v - mean) * (v - mean);
  }
  const std = n ? Math.sqrt(sq / n) : 0;
  return { mean, std };
}

/** Category counts over `rows`, sorted by count desc then value asc (deterministic). */
export function categoryCounts(values: (string | null)[], rows: ArrayLike<number>): [string, number][] {
  const counts = new Map<string, number>();
  for (let i = 0; i < rows.length; i++) {
    const v = values[rows[i]];
    if (v !== null) counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}
