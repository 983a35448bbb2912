/** Limited-memory BFGS with a backtracking (Armijo) line search, for smooth convex objectives. */
export interface LbfgsOptions {
  maxIter: number;
  /** Stop when the gradient's max-norm drops below this. */
  gradTol: number;
  memory: number;
  onIteration?: (iter: number, loss: number) => void;
  shouldStop?: () => boolean;
}

export interface LbfgsResult {
  x: Float64Array;
  loss: number;
  iterations: number;
  converged: boolean;
}

/** `f` returns the objective at x and writes its gradient into `grad`. */
export type Objective = (x: Float64Array, grad: Float64Array) => number;

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

export function lbfgs(f: Objective, x0: Float64Array, opts: Partial<LbfgsOptions> = {}): LbfgsResult {
  const { maxIter = 200, gradTol = 1e-6, memory = 10 } = opts;
  const n = x0.length;
  let x = Float64Array.from(x0);
  let g = new Float64Array(n);
  let loss = f(x, g);
  const S: Float64Array[] = [], Y: Float64Array[] = [], rho: number[] = [];
  const dir = new Float64Array(n);
  const alpha = new Float64Array(memory);
  const xNew = new Float64Array(n);
  let gNew = new Float64Array(n);
  let iter = 0;
  let converged = false;
  for (; iter < maxIter; iter++) {
    let gmax = 0;
    for (let i = 0; i < n; i++) gmax = Math.max(gmax, Math.abs(g[i]));
    if (gmax < gradTol) {
      converged = true;
      break;
    }
    if (opts.shouldStop?.()) break;
    // Two-loop recursion: dir = -H g.
    for (let i = 0; i < n; i++) dir[i] = -g[i];
    for (let k = S.length - 1; k >= 0; k--) {
      alpha[k] = rho[k] * dot(S[k], dir);
      for (let i = 0; i < n; i++) dir[i] -= alpha[k] * Y[k][i];
    }
    if (S.length) {
      const last = S.length - 1;
      const gamma = dot(S[last], Y[last]) / dot(Y[last], Y[last]);
      for (let i = 0; i < n; i++) dir[i] *= gamma;
    } else {
      // First step: scale so the initial move is modest.
      const s = 1 / Math.max(1, Math.sqrt(dot(g, g)));
      for (let i = 0; i < n; i++) dir[i] *= s;
    }
    for (let k = 0; k < S.length; k++) {
      const beta = rho[k] * dot(Y[k], dir);
      for (let i = 0; i < n; i++) dir[i] += S[k][i] * (alpha[k] - beta);
    }
    let slope = dot(g, dir);
    if (slope >= 0) {
      // Not a descent direction (numerical trouble): restart from steepest descent.
      S.length = Y.length = rho.length = 0;
      for (let i = 0; i < n; i++) dir[i] = -g[i];
      slope = dot(g, dir);
    }
    let step = 1;
    let newLoss = Infinity;
    for (let ls = 0; ls < 40; ls++) {
      for (let i = 0; i < n; i++) xNew[i] = x[i] + step * dir[i];
      newLoss = f(xNew, gNew);
      if (newLoss <= loss + 1e-4 * step * slope) break;
      step *= 0.5;
    }
    if (!(newLoss <= loss)) break; // line search failed: no further progress possible
    const s = new Float64Array(n), y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      s[i] = xNew[i] - x[i];
      y[i] = gNew[i] - g[i];
    }
    const sy = dot(s, y);
    if (sy > 1e-12) {
      if (S.length === memory) {
        S.shift();
        Y.shift();
        rho.shift();
      }
      S.push(s);
      Y.push(y);
      rho.push(1 / sy);
    }
    const improvement = loss - newLoss;
    x = Float64Array.from(xNew);
    const tmp = g;
    g = gNew;
    gNew = tmp;
    loss = newLoss;
    opts.onIteration?.(iter, loss);
    if (improvement <= 1e-12 * Math.max(1, Math.abs(loss))) {
      converged = true;
      iter++;
      break;
    }
  }
  return { x, loss, iterations: iter, converged };
}
