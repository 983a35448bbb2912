/** Small dense linear algebra for the factor models: row-major n × n systems. */

/**
 * Solves A x = b for a symmetric positive-definite A by Cholesky (A is overwritten by its factor).
 * A pivot that is not positive (a singular system) is nudged to a tiny positive value, so an
 * unregularized fold-in still answers.
 */
export function choleskySolve(A: Float64Array, b: Float64Array, n: number): Float64Array {
  for (let j = 0; j < n; j++) {
    let d = A[j * n + j];
    for (let k = 0; k < j; k++) d -= A[j * n + k] * A[j * n + k];
    d = Math.sqrt(d > 1e-12 ? d : 1e-12);
    A[j * n + j] = d;
    for (let i = j + 1; i < n; i++) {
      let s = A[i * n + j];
      for (let k = 0; k < j; k++) s -= A[i * n + k] * A[j * n + k];
      A[i * n + j] = s / d;
    }
  }
  const x = Float64Array.from(b);
  for (let i = 0; i < n; i++) {
    let s = x[i];
    for (let k = 0; k < i; k++) s -= A[i * n + k] * x[k];
    x[i] = s / A[i * n + i];
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = x[i];
    for (let k = i + 1; k < n; k++) s -= A[k * n + i] * x[k];
    x[i] = s / A[i * n + i];
  }
  return x;
}

/** The k rows most cosine-similar to row `item` of an n × dim matrix, best first (the row itself left out). */
export function cosineSimilar(data: Float32Array, dim: number, item: number, k: number): { item: number; score: number }[] {
  const n = data.length / dim;
  const norm = (i: number) => {
    let s = 0;
    for (let f = 0; f < dim; f++) s += data[i * dim + f] * data[i * dim + f];
    return Math.sqrt(s);
  };
  const ni = norm(item);
  const scored: { item: number; score: number }[] = [];
  if (ni === 0) return scored;
  for (let j = 0; j < n; j++) {
    if (j === item) continue;
    const nj = norm(j);
    if (nj === 0) continue;
    let dot = 0;
    for (let f = 0; f < dim; f++) dot += data[item * dim + f] * data[j * dim + f];
    scored.push({ item: j, score: dot / (ni * nj) });
  }
  return scored.sort((a, b) => b.score - a.score || a.item - b.item).slice(0, k);
}

/** p[po .. po + k) · q[qo .. qo + k), in four partial sums (independent adds the CPU overlaps: the SGD loops' hot spot). */
export function dotAt(p: Float32Array, po: number, q: Float32Array, qo: number, k: number): number {
  let d0 = 0, d1 = 0, d2 = 0, d3 = 0;
  let c = 0;
  for (; c + 3 < k; c += 4) {
    d0 += p[po + c] * q[qo + c];
    d1 += p[po + c + 1] * q[qo + c + 1];
    d2 += p[po + c + 2] * q[qo + c + 2];
    d3 += p[po + c + 3] * q[qo + c + 3];
  }
  for (; c < k; c++) d0 += p[po + c] * q[qo + c];
  return d0 + d1 + (d2 + d3);
}

/** One SGD step on a pair of factor vectors, both from their old values: p ← keep·p + step·q, q ← keep·q + step·p. */
export function sgdPairStep(p: Float32Array, po: number, q: Float32Array, qo: number, k: number, keep: number, step: number): void {
  for (let c = 0; c < k; c++) {
    const pf = p[po + c];
    const qf = q[qo + c];
    p[po + c] = keep * pf + step * qf;
    q[qo + c] = keep * qf + step * pf;
  }
}

