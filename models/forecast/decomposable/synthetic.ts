/** Seeded synthetic series for the decomposable model's tests. */
import { gaussian, mulberry32 } from '../../split/prng';

export const DAY_MS = 86_400_000;
/** 2021-01-04, a Monday. */
export const START_MS = Date.UTC(2021, 0, 4);

/** y[i] = f(i) + N(0, sd), seeded. */
export function series(n: number, f: (i: number) => number, sd: number, seed: number): Float64Array {
  const rand = mulberry32(seed);
  return Float64Array.from({ length: n }, (_, i) => f(i) + sd * gaussian(rand));
}

/** Weekly shape on a daily grid (Monday-based, matching START_MS). */
export const weekly = (i: number) => [0, 1, 1.5, 1, 0, -2, -1.5][i % 7];
