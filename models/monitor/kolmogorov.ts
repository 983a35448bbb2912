/**
 * Tail probabilities of the Kolmogorov–Smirnov statistic, following the methods scipy.stats uses
 * (so its p-values can be checked against scipy's):
 * - two samples, exact: Hodges' lattice-path count, as the share of paths that leave the band
 *   (Viehmann's recursion for 1 − p, numerically stable); equal sizes by the alternating sum;
 * - asymptotic: the one-sample two-sided distribution at n = round(n₁n₂/(n₁+n₂)), its upper tail
 *   by 2·Smirnov (Birnbaum–Tingey) where n·d² ≥ 2.2 and by the Pelz–Good series below that (scipy uses
 *   Durbin's matrix or Pomeranz's recursion for some small n there: within 1e-5, at p-values above 0.02).
 */

/** P(D ≥ h/n) for two samples of n rows each. */
export function probOutsideSquare(n: number, h: number): number {
  let p = 0;
  for (let k = Math.floor(n / h); k >= 0; k--) {
    let p1 = 1;
    for (let j = 0; j < h; j++) p1 = ((n - k * h - j) * p1) / (n + k * h + j + 1);
    p = p1 * (1 - p);
  }
  return 2 * p;
}

/** P(D ≥ h/lcm) for samples of m and n rows; g = gcd(m, n). */
export function probOutsideBand(m0: number, n0: number, g: number, h: number): number {
  const m = Math.max(m0, n0);
  const n = Math.min(m0, n0);
  const mg = m / g;
  const ng = n / g;
  let minj = 0;
  let maxj = Math.min(Math.ceil(h / mg), n + 1);
  let curlen = maxj - minj;
  const a = new Float64Array(Math.min(2 * maxj + 2, n + 1)).fill(1);
  a.fill(0, minj, maxj);
  for (let i = 1; i <= m; i++) {
    const lastMin = minj;
    const lastLen = curlen;
    minj = Math.min(Math.max(Math.floor((ng * i - h) / mg) + 1, 0), n);
    maxj = Math.min(Math.ceil((ng * i + h) / mg), n + 1);
    if (maxj <= minj) return 1;
    // A[j] holds 1 − (share of paths to (i, j) that stayed inside): each column from the last.
    let val = minj === 0 ? 0 : 1;
    for (let jj = 0; jj < maxj - minj; jj++) {
      const j = jj + minj;
      val = (a[jj + minj - lastMin] * i + val * j) / (i + j);
      a[jj] = val;
    }
    curlen = maxj - minj;
    if (lastLen > curlen) a.fill(1, curlen, curlen + (lastLen - curlen));
  }
  return a[maxj - minj - 1];
}

/** P(D⁺ₙ ≥ x), Birnbaum–Tingey's finite sum in log space. */
export function smirnov(n: number, x: number): number {
  if (x <= 0) return 1;
  if (x >= 1) return 0;
  const jmax = Math.floor(n * (1 - x));
  let logBinom = 0;
  let sum = 0;
  for (let j = 0; j <= jmax; j++) {
    if (j > 0) logBinom += Math.log((n - j + 1) / j);
    const a = j / n + x;
    const b = 1 - x - j / n;
    if (b <= 0) continue;
    sum += Math.exp(logBinom + (j - 1) * Math.log(a) + (n - j) * Math.log(b));
  }
  return Math.min(1, Math.max(0, x * sum));
}

const PI2 = Math.PI ** 2;
const PI4 = Math.PI ** 4;
const PI6 = Math.PI ** 6;
const SQRT2PI = Math.sqrt(2 * Math.PI);

/** Pelz–Good approximation of P(Dₙ ≤ x). */
export function pelzGoodCdf(n: number, x: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const z = Math.sqrt(n) * x;
  const z2 = z * z, z4 = z2 * z2, z6 = z4 * z2;
  const qlog = -PI2 / 8 / z2;
  if (qlog < -708) return 0;
  let q = Math.exp(qlog);
  const k1a = -z2, k1b = PI2 / 4;
  const k2a = 6 * z6 + 2 * z4, k2b = ((2 * z4 - 5 * z2) * PI2) / 4, k2c = (PI4 * (1 - 2 * z2)) / 16;
  const k3d = (PI6 * (5 - 30 * z2)) / 64, k3c = (PI4 * (-60 * z2 + 212 * z4)) / 16;
  const k3b = (PI2 * (135 * z4 - 96 * z6)) / 4, k3a = -30 * z6 - 90 * z ** 8;
  const k = [0, 0, 0, 0];
  const maxk = Math.ceil((16 * z) / Math.PI);
  for (let i = maxk; i > 0; i--) {
    const m = 2 * i - 1;
    const m2 = m * m, m4 = m2 * m2, m6 = m4 * m2;
    const qp = q ** (8 * i);
    const c = [1, k1a + k1b * m2, k2a + k2b * m2 + k2c * m4, k3a + k3b * m2 + k3c * m4 + k3d * m6];
    for (let t = 0; t < 4; t++) k[t] = k[t] * qp + c[t];
  }
  const div = [z, 6 * z4, 72 * z ** 7, 6480 * z ** 10];
  for (let t = 0; t < 4; t++) k[t] = (k[t] * q * SQRT2PI) / div[t];
  q = Math.exp(-PI2 / 2 / z2);
  let k2extra = 0, k3extra = 0;
  const s3z = Math.sqrt(3) * z;
  for (let i = maxk; i > 0; i--) {
    const qk = q ** (i * i);
    k2extra += i * i * qk;
    k3extra += (s3z + Math.PI * i) * (s3z - Math.PI * i) * i * i * qk;
  }
  k[2] += (k2extra * PI2 * SQRT2PI) / (-36 * z ** 3);
  k[3] += (k3extra * PI2 * SQRT2PI) / (216 * z6);
  return k[0] + k[1] / Math.sqrt(n) + k[2] / n + k[3] / n ** 1.5;
}

/** P(Dₙ ≥ x) of the one-sample two-sided statistic. */
export function kolmogorovSf(n: number, x: number): number {
  if (x >= 1) return 0;
  if (x <= 0) return 1;
  const t = n * x;
  if (t <= 0.5) return 1;
  if (t >= n - 1) return Math.min(1, 2 * (1 - x) ** n);
  if (x >= 0.5) return Math.min(1, 2 * smirnov(n, x));
  const nx2 = t * x;
  if (nx2 >= 370) return 0;
  if (nx2 >= 2.2) return Math.min(1, 2 * smirnov(n, x));
  return Math.min(1, Math.max(0, 1 - pelzGoodCdf(n, x)));
}
