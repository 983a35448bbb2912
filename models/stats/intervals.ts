import { mulberry32 } from '../split/prng';

/** A share or statistic with its interval. */
export interface Estimate {
  estimate: number;
  lo: number;
  hi: number;
}

/** Wilson score interval of a share: honest near 0 and 1 and for small n, where the normal one is not. */
export function wilson(successes: number, n: number, z = 1.959963984540054): Estimate {
  if (n === 0) return { estimate: NaN, lo: NaN, hi: NaN };
  const p = successes / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { estimate: p, lo: Math.max(0, centre - half), hi: Math.min(1, centre + half) };
}

/**
 * Percentile bootstrap of a statistic of one sample (seeded, so the same rows give the same
 * interval). `stat` reads the values at the resampled indices.
 */
export function bootstrapInterval(
  n: number,
  stat: (rows: Uint32Array) => number,
  opts: { resamples?: number; level?: number; seed?: number } = {},
): Estimate {
  if (n === 0) return { estimate: NaN, lo: NaN, hi: NaN };
  const resamples = opts.resamples ?? 1000;
  const level = opts.level ?? 0.95;
  const rand = mulberry32(opts.seed ?? 1);
  const estimate = stat(new Uint32Array(n).map((_, i) => i));
  const draws = new Float64Array(resamples);
  const idx = new Uint32Array(n);
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < n; i++) idx[i] = Math.floor(rand() * n);
    draws[r] = stat(idx);
  }
  draws.sort();
  const q = (p: number) => draws[Math.min(resamples - 1, Math.max(0, Math.floor(p * resamples)))];
  return { estimate, lo: q((1 - level) / 2), hi: q(1 - (1 - level) / 2) };
}
