/** Pearson's chi² test of homogeneity (2 × k table) and the chi² upper tail. */

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** log Γ(x) for x > 0 (Lanczos, g = 7). */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  const z = x - 1;
  let s = LANCZOS[0];
  for (let i = 1; i < 9; i++) s += LANCZOS[i] / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(s);
}

/** Regularised upper incomplete gamma Q(a, x): a series below a + 1, Lentz's continued fraction above. */
export function gammaQ(a: number, x: number): number {
  if (x <= 0) return 1;
  const lead = -x + a * Math.log(x) - logGamma(a);
  if (x < a + 1) {
    let term = 1 / a;
    let sum = term;
    for (let n = 1; n < 10_000; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * 1e-16) break;
    }
    return Math.max(0, 1 - sum * Math.exp(lead));
  }
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 10_000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-16) break;
  }
  return Math.exp(lead) * h;
}

/** P(χ²_dof ≥ x). */
export function chi2Sf(x: number, dof: number): number {
  if (dof <= 0) return 1;
  return gammaQ(dof / 2, x / 2);
}

export interface Chi2Result {
  statistic: number;
  pValue: number;
  dof: number;
}

/**
 * Homogeneity of two count vectors over the same cells (scipy.stats.chi2_contingency without
 * Yates' correction): the reference is a sample too, so its shares are estimated, not known.
 * Cells empty on both sides are dropped.
 */
export function chi2Homogeneity(ref: ArrayLike<number>, cur: ArrayLike<number>): Chi2Result {
  let nr = 0;
  let nc = 0;
  for (let i = 0; i < ref.length; i++) {
    nr += ref[i];
    nc += cur[i];
  }
  const total = nr + nc;
  let stat = 0;
  let cells = 0;
  for (let i = 0; i < ref.length; i++) {
    const col = ref[i] + cur[i];
    if (col === 0) continue;
    cells++;
    const er = (col * nr) / total;
    const ec = (col * nc) / total;
    stat += (ref[i] - er) ** 2 / er + (cur[i] - ec) ** 2 / ec;
  }
  const dof = cells - 1;
  if (dof < 1 || nr === 0 || nc === 0) return { statistic: 0, pValue: 1, dof: Math.max(0, dof) };
  return { statistic: stat, pValue: chi2Sf(stat, dof), dof };
}
