/**
 * Benjamini–Hochberg adjusted p-values: p₍ᵢ₎·m/i made monotone from the largest down, capped at 1
 * (as statsmodels' multipletests(method='fdr_bh')). NaN stays NaN and does not count in m.
 */
export function benjaminiHochberg(p: readonly number[]): number[] {
  const idx = p.map((_, i) => i).filter((i) => Number.isFinite(p[i]));
  const m = idx.length;
  idx.sort((a, b) => p[a] - p[b]);
  const out = p.map(() => NaN);
  let min = 1;
  for (let r = m - 1; r >= 0; r--) {
    const i = idx[r];
    min = Math.min(min, (p[i] * m) / (r + 1));
    out[i] = min;
  }
  return out;
}
