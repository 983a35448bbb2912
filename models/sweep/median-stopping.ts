/**
 * Median stopping rule: a trial is stopped when its best validation loss so far is worse than
 * the median of what finished trials had reached by the same step. Needs a few finished trials
 * and some progress first, so early noise does not kill good trials.
 */
export function shouldStopEarly(current: number[], finished: number[][], opts: { minFinished?: number; minStep?: number } = {}): boolean {
  const step = current.length - 1;
  if (step < (opts.minStep ?? 10) || finished.length < (opts.minFinished ?? 3)) return false;
  const bestSoFar = (curve: number[], upTo: number) => {
    let b = Infinity;
    for (let i = 0; i <= Math.min(upTo, curve.length - 1); i++) if (curve[i] < b) b = curve[i];
    return b;
  };
  const others = finished.filter((c) => c.length > step).map((c) => bestSoFar(c, step)).sort((a, b) => a - b);
  if (others.length < (opts.minFinished ?? 3)) return false;
  const median = others[Math.floor(others.length / 2)];
  return bestSoFar(current, step) > median;
}
