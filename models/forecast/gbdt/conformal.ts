/**
 * Split-conformal intervals per horizon step: the absolute errors of the model's own multi-step forecasts from
 * several origins on the training tail (scaled units), one sorted list per step.
 */

/** Sorted absolute errors, NaN (missing actual values) left out. */
export function sortedScores(errors: readonly number[]): number[] {
  return errors.filter((e) => !Number.isNaN(e)).map(Math.abs).sort((a, b) => a - b);
}

/**
 * The half-width that covers `level` percent of new errors: the ⌈(N + 1)·level⌉-th smallest of N scores (the
 * finite-sample correction). With too few scores for that rank it is the largest score, which covers a little
 * less than asked; NaN when there are none.
 */
export function conformalHalfWidth(sorted: readonly number[], level: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const rank = Math.ceil((n + 1) * (level / 100));
  return sorted[Math.min(n, Math.max(1, rank)) - 1];
}

/**
 * Half-width at step j (0-based) of a forecast: the step's own scores within the calibrated horizon; past it,
 * the last step's widened by √((j + 1) / H), as a random walk's would be.
 */
export function stepHalfWidth(scores: readonly (readonly number[])[], j: number, level: number): number {
  const H = scores.length;
  if (j < H) return conformalHalfWidth(scores[j], level);
  return conformalHalfWidth(scores[H - 1], level) * Math.sqrt((j + 1) / H);
}
