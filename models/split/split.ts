import { mulberry32, range, shuffleInPlace } from './prng';

export interface SplitIndices {
  train: Uint32Array;
  test: Uint32Array;
}

function sorted(a: Uint32Array): Uint32Array {
  return a.sort();
}

function testCount(n: number, testFraction: number): number {
  if (!(testFraction > 0 && testFraction < 1)) throw new Error('testFraction must be in (0, 1)');
  return Math.min(n - 1, Math.max(1, Math.round(n * testFraction)));
}

/**
 * Seeded random split. When `strata` (class labels per row) is given, each
 * class contributes its own share to the test set so class ratios match.
 * Indices are returned in ascending order.
 */
export function randomSplit(
  n: number,
  testFraction: number,
  seed: number,
  strata?: ArrayLike<number>,
): SplitIndices {
  const rand = mulberry32(seed);
  if (!strata) {
    const perm = shuffleInPlace(range(n), rand);
    const k = testCount(n, testFraction);
    return { train: sorted(perm.slice(k)), test: sorted(perm.slice(0, k)) };
  }
  const groups = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const g = groups.get(strata[i]);
    if (g) g.push(i);
    else groups.set(strata[i], [i]);
  }
  const train: number[] = [];
  const test: number[] = [];
  for (const key of [...groups.keys()].sort((a, b) => a - b)) {
    const rows = shuffleInPlace(Uint32Array.from(groups.get(key)!), rand);
    // Singleton classes stay in train so the model at least sees them once.
    const k = rows.length < 2 ? 0 : Math.max(1, Math.round(rows.length * testFraction));
    for (let i = 0; i < rows.length; i++) (i < k ? test : train).push(rows[i]);
  }
  return { train: sorted(Uint32Array.from(train)), test: sorted(Uint32Array.from(test)) };
}

/**
 * Time-ordered split: rows sorted by `time` (missing times first, ties by row
 * index), the last `testFraction` of rows become the test set.
 */
export function timeSplit(time: Float64Array, testFraction: number): SplitIndices {
  const n = time.length;
  const order = Array.from(range(n)).sort((a, b) => {
    const ta = Number.isNaN(time[a]) ? -Infinity : time[a];
    const tb = Number.isNaN(time[b]) ? -Infinity : time[b];
    return ta - tb || a - b;
  });
  const k = testCount(n, testFraction);
  return { train: Uint32Array.from(order.slice(0, n - k)), test: Uint32Array.from(order.slice(n - k)) };
}

/** Seeded k-fold: every row is in exactly one test fold. */
export function kFold(n: number, k: number, seed: number): SplitIndices[] {
  if (!(k >= 2 && k <= n)) throw new Error('k must be between 2 and the row count');
  const perm = shuffleInPlace(range(n), mulberry32(seed));
  const folds: SplitIndices[] = [];
  for (let f = 0; f < k; f++) {
    const lo = Math.floor((f * n) / k);
    const hi = Math.floor(((f + 1) * n) / k);
    const test = perm.slice(lo, hi);
    const train = new Uint32Array(n - test.length);
    train.set(perm.subarray(0, lo), 0);
    train.set(perm.subarray(hi), lo);
    folds.push({ train: sorted(train), test: sorted(test) });
  }
  return folds;
}
