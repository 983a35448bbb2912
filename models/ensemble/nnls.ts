/**
 * Non-negative least squares, min ||A w - b|| subject to w >= 0, by Lawson & Hanson's active-set
 * algorithm. A is n x m row-major; m (the members) is small, so each step solves the normal
 * equations of the passive set.
 */
import { choleskySolve } from '../linear/linear';

export function nnls(A: ArrayLike<number>, n: number, m: number, b: ArrayLike<number>, maxIter = 30 * m): Float64Array {
  const AtA = new Float64Array(m * m), Atb = new Float64Array(m);
  for (let r = 0; r < n; r++) {
    for (let i = 0; i < m; i++) {
      const ai = A[r * m + i];
      Atb[i] += ai * b[r];
      for (let j = 0; j < m; j++) AtA[i * m + j] += ai * A[r * m + j];
    }
  }
  const scale = Math.max(1e-300, ...Array.from({ length: m }, (_, i) => AtA[i * m + i]));
  const tol = 1e-12 * scale;
  const w = new Float64Array(m);
  const passive = new Array<boolean>(m).fill(false);
  const gradient = () => Float64Array.from({ length: m }, (_, i) => {
    let s = Atb[i];
    for (let j = 0; j < m; j++) s -= AtA[i * m + j] * w[j];
    return s;
  });
  /** Least squares on the passive set only (the others held at 0). */
  const solvePassive = () => {
    const idx = passive.flatMap((p, i) => (p ? [i] : []));
    const k = idx.length;
    const M = new Float64Array(k * k), v = new Float64Array(k);
    idx.forEach((i, a) => {
      v[a] = Atb[i];
      idx.forEach((j, c) => { M[a * k + c] = AtA[i * m + j]; });
      M[a * k + a] += tol; // keeps collinear members solvable
    });
    const s = choleskySolve(M, v, k);
    const z = new Float64Array(m);
    idx.forEach((i, a) => { z[i] = s[a]; });
    return z;
  };
  for (let iter = 0; iter < maxIter; iter++) {
    const g = gradient();
    let best = -1;
    for (let i = 0; i < m; i++) if (!passive[i] && g[i] > tol && (best < 0 || g[i] > g[best])) best = i;
    if (best < 0) break;
    passive[best] = true;
    for (;;) {
      const z = solvePassive();
      if (passive.every((p, i) => !p || z[i] > 0)) {
        w.set(z);
        break;
      }
      // Step back to the boundary and drop the members that reached 0.
      let alpha = Infinity;
      for (let i = 0; i < m; i++) if (passive[i] && z[i] <= 0) alpha = Math.min(alpha, w[i] / (w[i] - z[i]));
      for (let i = 0; i < m; i++) {
        w[i] += alpha * (z[i] - w[i]);
        if (passive[i] && w[i] <= tol) { passive[i] = false; w[i] = 0; }
      }
    }
  }
  return w;
}
