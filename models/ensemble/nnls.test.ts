import { describe, expect, it } from 'vitest';
import { nnls } from './nnls';

describe('nnls', () => {
  it('recovers non-negative weights exactly when the fit is exact', () => {
    const n = 50, m = 3;
    const A = Float64Array.from({ length: n * m }, (_, i) => Math.sin(i * 1.7) + (i % m));
    const b = Float64Array.from({ length: n }, (_, r) => 0.2 * A[r * m] + 0.8 * A[r * m + 2]);
    const w = nnls(A, n, m, b);
    expect(w[0]).toBeCloseTo(0.2, 8);
    expect(w[1]).toBeCloseTo(0, 8);
    expect(w[2]).toBeCloseTo(0.8, 8);
  });

  it('keeps a weight at 0 where least squares would make it negative', () => {
    // b = x0 - 0.5 x1: the unconstrained solution has a negative weight.
    const n = 40, m = 2;
    const A = Float64Array.from({ length: n * m }, (_, i) => Math.cos(i * 0.9) + (i % 2 ? 0.3 : 0));
    const b = Float64Array.from({ length: n }, (_, r) => A[r * m] - 0.5 * A[r * m + 1]);
    const w = nnls(A, n, m, b);
    expect(Math.min(...w)).toBeGreaterThanOrEqual(0);
    expect(w[1]).toBe(0);
    // With w1 = 0, w0 is the one-column least squares solution.
    let num = 0, den = 0;
    for (let r = 0; r < n; r++) { num += A[r * m] * b[r]; den += A[r * m] ** 2; }
    expect(w[0]).toBeCloseTo(num / den, 10);
  });
});
