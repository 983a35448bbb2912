/**
 * Penalized least squares by cyclic coordinate descent on the Gram matrix:
 *   minimize ½ θᵀGθ − bᵀθ + Σ ½ ridge_j θ_j² + Σ l1_j |θ_j|
 * Exact soft-thresholding gives the Laplace prior's true zeros; with the Gram matrix each sweep costs O(P²),
 * whatever the number of rows.
 */

/** Accumulates G = ZᵀZ and b = Zᵀy one row of Z at a time. */
export class Gram {
  readonly g: Float64Array;
  readonly b: Float64Array;
  constructor(readonly p: number) {
    this.g = new Float64Array(p * p);
    this.b = new Float64Array(p);
  }

  add(z: Float64Array, target: number): void {
    const { p, g, b } = this;
    for (let i = 0; i < p; i++) {
      const zi = z[i];
      if (zi === 0) continue;
      b[i] += zi * target;
      const o = i * p;
      for (let j = i; j < p; j++) g[o + j] += zi * z[j];
    }
  }

  /** Mirrors the upper triangle (call once after the last row). */
  finish(): this {
    const { p, g } = this;
    for (let i = 0; i < p; i++) for (let j = i + 1; j < p; j++) g[j * p + i] = g[i * p + j];
    return this;
  }
}

export interface Penalty {
  ridge: Float64Array;
  l1: Float64Array;
}

/**
 * Improves θ in place: coordinate sweeps find the active set and signs, and a Newton step on that set (a
 * Cholesky solve, stopped where a coefficient would change sign) finishes what sweeps alone would do slowly
 * for correlated columns such as neighbouring trend ramps. Stops when no coordinate moves its column's fit by
 * more than `tol` (in norm). Returns the number of sweeps.
 */
export function minimizePenalized(gram: Gram, pen: Penalty, theta: Float64Array, tol: number, maxSweeps: number): number {
  const gt = new Float64Array(gram.p);
  let sweeps = 0;
  while (sweeps < maxSweeps) {
    multiply(gram, theta, gt);
    sweeps++;
    if (sweep(gram, pen, theta, gt) <= tol) break;
    // Newton steps until one lands inside the sign pattern: each short one drops a coefficient to zero.
    for (let drops = 0; drops <= gram.p && newtonOnActiveSet(gram, pen, theta) < 1; drops++);
  }
  return sweeps;
}

function multiply(gram: Gram, theta: Float64Array, out: Float64Array): void {
  const { p, g } = gram;
  for (let i = 0; i < p; i++) {
    let s = 0;
    for (let j = 0; j < p; j++) s += g[i * p + j] * theta[j];
    out[i] = s;
  }
}

/** One cyclic pass of exact coordinate minimization; `gt` = Gθ kept current. Returns the largest move. */
function sweep(gram: Gram, pen: Penalty, theta: Float64Array, gt: Float64Array): number {
  const { p, g, b } = gram;
  let biggest = 0;
  for (let j = 0; j < p; j++) {
    const gjj = g[j * p + j];
    const denom = gjj + pen.ridge[j];
    const old = theta[j];
    let next = 0;
    if (denom > 0) {
      const z = b[j] - gt[j] + gjj * old;
      const shrunk = Math.abs(z) <= pen.l1[j] ? 0 : z - Math.sign(z) * pen.l1[j];
      next = shrunk / denom;
    }
    const step = next - old;
    if (step === 0) continue;
    theta[j] = next;
    const o = j * p;
    for (let i = 0; i < p; i++) gt[i] += step * g[o + i];
    biggest = Math.max(biggest, Math.abs(step) * Math.sqrt(gjj));
  }
  return biggest;
}

/**
 * With the signs fixed the objective is quadratic on the active set: step to its minimum, or to the first sign
 * change. Returns the share of the full step taken (1: the minimum; 0: none, e.g. a singular system).
 */
function newtonOnActiveSet(gram: Gram, pen: Penalty, theta: Float64Array): number {
  const { p, g, b } = gram;
  const active: number[] = [];
  for (let j = 0; j < p; j++) if (g[j * p + j] + pen.ridge[j] > 0 && (theta[j] !== 0 || pen.l1[j] === 0)) active.push(j);
  const a = active.length;
  if (a === 0) return 1;
  const m = new Float64Array(a * a);
  const rhs = new Float64Array(a);
  active.forEach((j, u) => {
    for (let v = 0; v < a; v++) m[u * a + v] = g[j * p + active[v]];
    m[u * a + u] += pen.ridge[j];
    rhs[u] = b[j] - pen.l1[j] * Math.sign(theta[j]);
  });
  if (!choleskySolve(m, rhs, a)) return 1;
  let alpha = 1;
  active.forEach((j, u) => {
    if (pen.l1[j] > 0 && Math.sign(rhs[u]) !== Math.sign(theta[j])) alpha = Math.min(alpha, theta[j] / (theta[j] - rhs[u]));
  });
  active.forEach((j, u) => {
    const next = theta[j] + alpha * (rhs[u] - theta[j]);
    theta[j] = pen.l1[j] > 0 && (Math.sign(next) !== Math.sign(theta[j]) || Math.abs(next) < 1e-15) ? 0 : next;
  });
  return alpha;
}

/** Solves M x = rhs in place (x in rhs) for symmetric positive definite M; false when M is not. */
function choleskySolve(m: Float64Array, rhs: Float64Array, n: number): boolean {
  for (let j = 0; j < n; j++) {
    let d = m[j * n + j];
    for (let k = 0; k < j; k++) d -= m[j * n + k] ** 2;
    if (!(d > 1e-14 * Math.abs(m[j * n + j]))) return false;
    const l = Math.sqrt(d);
    m[j * n + j] = l;
    for (let i = j + 1; i < n; i++) {
      let s = m[i * n + j];
      for (let k = 0; k < j; k++) s -= m[i * n + k] * m[j * n + k];
      m[i * n + j] = s / l;
    }
  }
  for (let i = 0; i < n; i++) {
    let s = rhs[i];
    for (let k = 0; k < i; k++) s -= m[i * n + k] * rhs[k];
    rhs[i] = s / m[i * n + i];
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = rhs[i];
    for (let k = i + 1; k < n; k++) s -= m[k * n + i] * rhs[k];
    rhs[i] = s / m[i * n + i];
  }
  return true;
}
