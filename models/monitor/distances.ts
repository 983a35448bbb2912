/** Effect sizes between a reference and a current sample: PSI, Jensen–Shannon and Wasserstein-1 distances. */

/** Sample quantile at q of sorted values (linear interpolation, as numpy's default). */
export function quantileSorted(sorted: Float64Array, q: number): number {
  const pos = q * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
}

/** Inner edges of `bins` quantile bins of the reference, repeated edges dropped (ties, few distinct values). */
export function quantileEdges(refSorted: Float64Array, bins: number): number[] {
  const edges: number[] = [];
  for (let k = 1; k < bins; k++) {
    const e = quantileSorted(refSorted, k / bins);
    if (edges.length === 0 || e > edges[edges.length - 1]) edges.push(e);
  }
  return edges;
}

/** Rows ≤ x in sorted values. */
export function countAtMost(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Counts per bin (−∞, e₁], (e₁, e₂], …, (e_last, ∞) of sorted values. */
export function binCounts(sorted: Float64Array, edges: readonly number[]): Float64Array {
  const out = new Float64Array(edges.length + 1);
  let prev = 0;
  edges.forEach((e, i) => {
    const c = countAtMost(sorted, e);
    out[i] = c - prev;
    prev = c;
  });
  out[edges.length] = sorted.length - prev;
  return out;
}

function shares(counts: ArrayLike<number>): Float64Array {
  let total = 0;
  for (let i = 0; i < counts.length; i++) total += counts[i];
  const out = new Float64Array(counts.length);
  for (let i = 0; i < counts.length; i++) out[i] = total > 0 ? counts[i] / total : 0;
  return out;
}

/** Population stability index Σ (c − r)·ln(c / r) over bin shares, each share floored at epsilon. */
export function psi(refCounts: ArrayLike<number>, curCounts: ArrayLike<number>, epsilon: number): number {
  const r = shares(refCounts);
  const c = shares(curCounts);
  let s = 0;
  for (let i = 0; i < r.length; i++) {
    const a = Math.max(r[i], epsilon);
    const b = Math.max(c[i], epsilon);
    s += (b - a) * Math.log(b / a);
  }
  return s;
}

/** Jensen–Shannon distance in base 2 (0 = same shares, 1 = disjoint), as scipy's jensenshannon(p, q, base=2). */
export function jensenShannon(refCounts: ArrayLike<number>, curCounts: ArrayLike<number>): number {
  const p = shares(refCounts);
  const q = shares(curCounts);
  let js = 0;
  for (let i = 0; i < p.length; i++) {
    const m = (p[i] + q[i]) / 2;
    if (p[i] > 0) js += p[i] * Math.log(p[i] / m);
    if (q[i] > 0) js += q[i] * Math.log(q[i] / m);
  }
  return Math.sqrt(Math.max(0, js / 2 / Math.LN2));
}

/** Wasserstein-1 distance ∫|F₁ − F₂| of two sorted samples (scipy's wasserstein_distance). */
export function wasserstein1(a: Float64Array, b: Float64Array): number {
  const n1 = a.length;
  const n2 = b.length;
  if (n1 === 0 || n2 === 0) return NaN;
  let i = 0;
  let j = 0;
  let x = Math.min(a[0], b[0]);
  let w = 0;
  while (i < n1 || j < n2) {
    const next = j >= n2 || (i < n1 && a[i] <= b[j]) ? a[i] : b[j];
    w += Math.abs(i / n1 - j / n2) * (next - x);
    x = next;
    while (i < n1 && a[i] === next) i++;
    while (j < n2 && b[j] === next) j++;
  }
  return w;
}

/** Mean and sample standard deviation (n − 1). */
export function meanSd(v: Float64Array): { mean: number; sd: number } {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i];
  const mean = s / v.length;
  let ss = 0;
  for (let i = 0; i < v.length; i++) ss += (v[i] - mean) ** 2;
  return { mean, sd: v.length > 1 ? Math.sqrt(ss / (v.length - 1)) : 0 };
}
