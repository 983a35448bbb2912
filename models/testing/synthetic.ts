/** Seeded synthetic data sets shared by the model tests. */
import { mulberry32, gaussian } from '../split/prng';

export interface Dataset {
  X: Float32Array;
  y: Float64Array;
  nRows: number;
  nCols: number;
}

function build(n: number, nCols: number, seed: number, row: (x: number[], rand: () => number) => number, lo = -1, hi = 1): Dataset {
  const rand = mulberry32(seed);
  const X = new Float32Array(n * nCols);
  const y = new Float64Array(n);
  const x = new Array<number>(nCols);
  for (let r = 0; r < n; r++) {
    for (let j = 0; j < nCols; j++) {
      x[j] = Math.fround(lo + (hi - lo) * rand());
      X[r * nCols + j] = x[j];
    }
    y[r] = row(x, rand);
  }
  return { X, y, nRows: n, nCols };
}

/** y = 3 x0 - 2 x1 + noise; x2 is irrelevant. */
export function linearRegression(n: number, seed: number, noise = 0.1): Dataset {
  return build(n, 3, seed, (x, rand) => 3 * x[0] - 2 * x[1] + noise * gaussian(rand));
}

/** Label 1 when x0 and x1 share a sign (XOR-like); x2 is irrelevant. */
export function xorClassification(n: number, seed: number): Dataset {
  return build(n, 3, seed, (x) => (x[0] * x[1] > 0 ? 1 : 0));
}

/** Label 1 when 2 x0 - x1 > 0.2 (linearly separable). */
export function thresholdClassification(n: number, seed: number): Dataset {
  return build(n, 3, seed, (x) => (2 * x[0] - x[1] > 0.2 ? 1 : 0));
}

/** K well separated gaussian blobs in 2-D plus one noise feature; label = blob index. */
export function blobs(n: number, K: number, seed: number): Dataset {
  const rand = mulberry32(seed);
  const X = new Float32Array(n * 3);
  const y = new Float64Array(n);
  for (let r = 0; r < n; r++) {
    const k = r % K;
    const angle = (2 * Math.PI * k) / K;
    X[r * 3] = 3 * Math.cos(angle) + 0.5 * gaussian(rand);
    X[r * 3 + 1] = 3 * Math.sin(angle) + 0.5 * gaussian(rand);
    X[r * 3 + 2] = gaussian(rand);
    y[r] = k;
  }
  return { X, y, nRows: n, nCols: 3 };
}

export function sliceRows(d: Dataset, from: number, to: number): Dataset {
  return { X: d.X.slice(from * d.nCols, to * d.nCols), y: d.y.slice(from, to), nRows: to - from, nCols: d.nCols };
}

export function accuracy(y: ArrayLike<number>, pred: ArrayLike<number>): number {
  let c = 0;
  for (let i = 0; i < y.length; i++) if (y[i] === pred[i]) c++;
  return c / y.length;
}
