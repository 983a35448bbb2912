/** Linear extrapolation of time left; null until there is enough progress to say anything. */
export function estimateEta(fraction: number, elapsedMs: number): number | null {
  if (!(fraction > 0.01) || elapsedMs < 200) return null;
  if (fraction >= 1) return 0;
  return Math.round((elapsedMs * (1 - fraction)) / fraction);
}
