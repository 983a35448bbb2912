import { mulberry32 } from '../split/prng';
import { binomialTwoSidedP, erfc, studentTwoSidedP } from './distributions';

/** Metrics where a smaller value is better. */
export const LOWER_IS_BETTER = new Set(['rmse', 'mae', 'mape', 'logloss']);

export interface Interval {
  estimate: number;
  lo: number;
  hi: number;
  level: number;
}

/**
 * Paired bootstrap of a metric difference (B − A): both models are scored on the same
 * resampled rows each time, so row difficulty cancels out. Percentile interval.
 *
 * `clusters` (an id in 0 … C − 1 per row) resamples whole clusters instead of rows: rows that share a
 * cluster are not independent evidence (a forecast's points for one series and time, made from several
 * overlapping origins, share the actual value), and resampling them one by one makes the interval too
 * narrow. With one row per cluster it draws exactly what the row bootstrap draws.
 */
export function pairedBootstrap(
  n: number,
  metric: (rows: Uint32Array) => { a: number; b: number },
  opts: { resamples?: number; level?: number; seed?: number; onProgress?: (f: number) => void; clusters?: ArrayLike<number> } = {},
): Interval {
  const resamples = opts.resamples ?? 1000;
  const level = opts.level ?? 0.95;
  const rand = mulberry32(opts.seed ?? 1);
  const all = new Uint32Array(n).map((_, i) => i);
  const observed = metric(all);
  const diffs = new Float64Array(resamples);
  const draw = opts.clusters ? clusterDraw(n, opts.clusters, rand) : rowDraw(n, rand);
  for (let r = 0; r < resamples; r++) {
    const m = metric(draw());
    diffs[r] = m.b - m.a;
    if (opts.onProgress && (r & 31) === 0) opts.onProgress(r / resamples);
  }
  diffs.sort();
  const q = (p: number) => diffs[Math.min(resamples - 1, Math.max(0, Math.floor(p * resamples)))];
  return { estimate: observed.b - observed.a, lo: q((1 - level) / 2), hi: q(1 - (1 - level) / 2), level };
}

/** n rows drawn with replacement. */
function rowDraw(n: number, rand: () => number): () => Uint32Array {
  const idx = new Uint32Array(n);
  return () => {
    for (let i = 0; i < n; i++) idx[i] = Math.floor(rand() * n);
    return idx;
  };
}

/** As many clusters as there are, drawn with replacement; every row of a drawn cluster, once per draw. */
function clusterDraw(n: number, clusters: ArrayLike<number>, rand: () => number): () => Uint32Array {
  if (clusters.length !== n) throw new Error(`expected a cluster for each of the ${n} rows, got ${clusters.length}`);
  let C = 0;
  for (let i = 0; i < n; i++) {
    const c = clusters[i];
    if (!(Number.isInteger(c) && c >= 0)) throw new Error(`cluster ids must be whole numbers >= 0 (row ${i}: ${c})`);
    C = Math.max(C, c + 1);
  }
  // Rows grouped by cluster: cluster c holds members[start[c] … start[c + 1]).
  const start = new Uint32Array(C + 1);
  for (let i = 0; i < n; i++) start[clusters[i] + 1]++;
  for (let c = 0; c < C; c++) start[c + 1] += start[c];
  const members = new Uint32Array(n);
  const fill = start.slice(0, C);
  for (let i = 0; i < n; i++) members[fill[clusters[i]]++] = i;
  let largest = 0;
  for (let c = 0; c < C; c++) largest = Math.max(largest, start[c + 1] - start[c]);
  const idx = new Uint32Array(C * largest);
  return () => {
    let m = 0;
    for (let d = 0; d < C; d++) {
      const c = Math.floor(rand() * C);
      for (let j = start[c]; j < start[c + 1]; j++) idx[m++] = members[j];
    }
    return idx.subarray(0, m);
  };
}

/**
 * Bootstrap of a metric difference (B − A) between two independent samples, as an A/B split's arms are: each
 * arm resampled on its own rows. Percentile interval; the counterpart of pairedBootstrap where rows are not shared.
 */
export function independentBootstrap(
  nA: number,
  nB: number,
  metric: (rowsA: Uint32Array, rowsB: Uint32Array) => { a: number; b: number },
  opts: { resamples?: number; level?: number; seed?: number } = {},
): Interval {
  const resamples = opts.resamples ?? 1000;
  const level = opts.level ?? 0.95;
  const rand = mulberry32(opts.seed ?? 1);
  const observed = metric(new Uint32Array(nA).map((_, i) => i), new Uint32Array(nB).map((_, i) => i));
  const diffs = new Float64Array(resamples);
  const ia = new Uint32Array(nA);
  const ib = new Uint32Array(nB);
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < nA; i++) ia[i] = Math.floor(rand() * nA);
    for (let i = 0; i < nB; i++) ib[i] = Math.floor(rand() * nB);
    const m = metric(ia, ib);
    diffs[r] = m.b - m.a;
  }
  diffs.sort();
  const q = (p: number) => diffs[Math.min(resamples - 1, Math.max(0, Math.floor(p * resamples)))];
  return { estimate: observed.b - observed.a, lo: q((1 - level) / 2), hi: q(1 - (1 - level) / 2), level };
}

export interface McNemarResult {
  /** A right, B wrong. */
  onlyA: number;
  /** A wrong, B right. */
  onlyB: number;
  statistic: number;
  pValue: number;
  exact: boolean;
}

/** McNemar's test on paired correctness; exact binomial below 25 discordant pairs. */
export function mcnemar(correctA: ArrayLike<boolean>, correctB: ArrayLike<boolean>): McNemarResult {
  let onlyA = 0;
  let onlyB = 0;
  for (let i = 0; i < correctA.length; i++) {
    if (correctA[i] && !correctB[i]) onlyA++;
    else if (!correctA[i] && correctB[i]) onlyB++;
  }
  const n = onlyA + onlyB;
  if (n < 25) return { onlyA, onlyB, statistic: Math.min(onlyA, onlyB), pValue: binomialTwoSidedP(onlyA, n), exact: true };
  const statistic = (Math.abs(onlyA - onlyB) - 1) ** 2 / n;
  return { onlyA, onlyB, statistic, pValue: erfc(Math.sqrt(statistic / 2)), exact: false };
}

export interface CorrectedTResult {
  meanDiff: number;
  t: number;
  df: number;
  pValue: number;
  lo: number;
  hi: number;
}

/**
 * Nadeau & Bengio's corrected resampled t-test for two models scored on the same k folds:
 * the variance is inflated by n_test/n_train because the folds' training sets overlap.
 */
export function correctedResampledT(diffs: number[], testTrainRatio: number, tCrit95?: number): CorrectedTResult {
  const k = diffs.length;
  const mean = diffs.reduce((a, b) => a + b, 0) / k;
  const variance = diffs.reduce((a, d) => a + (d - mean) ** 2, 0) / (k - 1);
  const se = Math.sqrt((1 / k + testTrainRatio) * variance);
  const t = se > 0 ? mean / se : mean === 0 ? 0 : Infinity * Math.sign(mean);
  const crit = tCrit95 ?? tQuantile975(k - 1);
  return { meanDiff: mean, t, df: k - 1, pValue: se > 0 ? studentTwoSidedP(t, k - 1) : mean === 0 ? 1 : 0, lo: mean - crit * se, hi: mean + crit * se };
}

/** 97.5 % quantile of Student's t by bisection on its CDF. */
export function tQuantile975(df: number): number {
  let lo = 0;
  let hi = 100;
  for (let i = 0; i < 80; i++) {
    const mid = (lo + hi) / 2;
    if (studentTwoSidedP(mid, df) > 0.05) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

export type Verdict = 'b-better' | 'a-better' | 'equivalent' | 'inconclusive';

/**
 * Reads an interval of B − A against a practical-equivalence margin, in plain words.
 * `improvement` is oriented so that positive means B is better.
 */
export function verdict(metric: string, diff: Interval, margin: number, fmt: (x: number) => string = (x) => x.toPrecision(3)): { verdict: Verdict; text: string } {
  const lower = LOWER_IS_BETTER.has(metric);
  const lo = lower ? -diff.hi : diff.lo;
  const hi = lower ? -diff.lo : diff.hi;
  const name = metric.toUpperCase();
  const how = lower ? 'lower' : 'higher';
  if (lo > margin) return { verdict: 'b-better', text: `B is better: ${name} ${how} by ${fmt(lo)}–${fmt(hi)}` };
  if (hi < -margin) return { verdict: 'a-better', text: `A is better: ${name} ${how} by ${fmt(-hi)}–${fmt(-lo)}` };
  if (lo >= -margin && hi <= margin) return { verdict: 'equivalent', text: `No meaningful difference: ${name} differs by less than ${fmt(margin)}` };
  return {
    verdict: 'inconclusive',
    text: `Inconclusive: B's improvement in ${name} is between ${fmt(lo)} and ${fmt(hi)}, which straddles the ±${fmt(margin)} margin`,
  };
}
