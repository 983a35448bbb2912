/**
 * Split-conformal intervals per forecast step: the absolute errors of forecasts made on the validation tail
 * (in each series' scaled units, so series of any size pool), and at level L the ⌈(m + 1)·L⌉-th smallest of
 * the m errors — the finite-sample quantile that covers a new error with probability ≥ L when errors are
 * exchangeable. With too few errors for a level, the largest is used and `short` says so.
 */

/** Sorted absolute errors of one step, thinned to at most MAX_KEPT evenly spaced order statistics. */
export interface StepScores {
  /** How many errors there were. */
  count: number;
  sorted: number[];
}

const MAX_KEPT = 1000;

export function stepScores(errors: readonly number[]): StepScores {
  const all = errors.map(Math.abs).sort((a, b) => a - b);
  if (all.length <= MAX_KEPT) return { count: all.length, sorted: all };
  const kept = Array.from({ length: MAX_KEPT }, (_, i) => all[Math.round((i * (all.length - 1)) / (MAX_KEPT - 1))]);
  return { count: all.length, sorted: kept };
}

/** The half-width at `level` percent, and whether there were too few errors for its guarantee. */
export function conformalHalfWidth(s: StepScores, level: number): { width: number; short: boolean } {
  if (s.count === 0) return { width: NaN, short: true };
  const rank = Math.ceil(((s.count + 1) * level) / 100);
  const short = rank > s.count;
  const k = Math.min(rank, s.count) - 1;
  const i = s.sorted.length === s.count ? k : Math.round((k * (s.sorted.length - 1)) / (s.count - 1));
  return { width: s.sorted[i], short };
}

/** The fewest errors any step has: the coverage levels it can honour go up to m / (m + 1). */
export function fewestScores(steps: readonly StepScores[]): number {
  return steps.reduce((m, s) => Math.min(m, s.count), Infinity);
}
