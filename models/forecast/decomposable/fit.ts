/**
 * Maximum a posteriori fit of the decomposable model, Prophet's priors on Prophet's scaled data:
 *   y ~ N(g(t)·(1 + X_m β) + X_a β, σ),  g(t) = k t + m + Σ δ_j max(0, t − s_j)
 *   k, m ~ N(0, 5), δ ~ Laplace(0, τ), β_j ~ N(0, scale_j), σ ~ half-N(0, 0.5).
 * For a fixed σ the posterior mode is a lasso/ridge problem (after linearizing when seasons multiply), solved
 * exactly by coordinate descent with active-set Newton steps; σ then has a closed form. The two alternate
 * until the log posterior settles.
 */
import { featureCount, featureRow, rampRow, scaledTime, seasonalCount, type Design } from './design';
import type { DecomposableParams } from './params';
import { Gram, minimizePenalized } from './solve';
import type { Timeline } from '../types';

export interface MapFit {
  k: number;
  m: number;
  delta: number[];
  /** Feature coefficients in design order: seasons, holidays, regressors. */
  beta: number[];
  /** Residual scale (of the scaled y): the posterior mode, which the fit weighs residuals by. */
  sigma: number;
  /** √(SSR / (n − active coefficients)): the noise of the prediction intervals, counting what the fit spent. */
  residualSd: number;
  /** Steps (penalized least squares, then σ) until the log posterior settled. */
  iterations: number;
}

/** Observed rows of the scaled problem, flattened for the inner loops. */
export interface Rows {
  n: number;
  t: Float64Array;
  y: Float64Array;
  /** n × C trend ramps. */
  ramps: Float64Array;
  /** n × F features. */
  x: Float64Array;
}

const SIGMA_FLOOR = 1e-9;
const MAX_OUTER = 200;
const MAX_SWEEPS = 2_000;
/** Relative change of the log posterior at which the alternation stops. */
const OBJECTIVE_TOL = 1e-11;

export function buildRows(y: Float64Array, yScale: number, d: Design, timeline: Timeline): Rows {
  const idx: number[] = [];
  for (let i = 0; i < y.length; i++) if (!Number.isNaN(y[i])) idx.push(i);
  const n = idx.length, C = d.changepoints.length, F = featureCount(d);
  const rows: Rows = { n, t: new Float64Array(n), y: new Float64Array(n), ramps: new Float64Array(n * C), x: new Float64Array(n * F) };
  idx.forEach((i, r) => {
    rows.t[r] = scaledTime(d, timeline, i);
    rows.y[r] = y[i] / yScale;
    rampRow(d, rows.t[r], rows.ramps.subarray(r * C, (r + 1) * C));
    featureRow(d, timeline, i, rows.x.subarray(r * F, (r + 1) * F));
  });
  return rows;
}

export interface FitHooks {
  onProgress?: (fraction: number, message: string) => void;
  shouldStop?: () => boolean;
}

export function fitMap(rows: Rows, d: Design, params: DecomposableParams, hooks: FitHooks = {}): MapFit {
  const C = d.changepoints.length, F = featureCount(d), S = seasonalCount(d);
  const { n, t, y, ramps, x } = rows;
  const multiplicative = params.seasonalityMode === 'multiplicative';
  // θ = [k, m, δ_1..δ_C, β_1..β_F]; seasons follow the mode, holidays and regressors always add.
  const P = 2 + C + F;
  const feature0 = 2 + C;
  const isMult = (q: number) => multiplicative && q >= feature0 && q < feature0 + S;
  const priorVar = Float64Array.from({ length: P }, (_, q) =>
    q < 2 ? 25 : q < feature0 ? Infinity : (q - feature0 < S ? params.seasonalityPriorScale : params.holidaysPriorScale) ** 2,
  );
  const isDelta = (q: number) => q >= 2 && q < feature0;

  const theta = new Float64Array(P);
  // Prophet's start: the line through the first and last observations.
  const dt = t[n - 1] - t[0];
  theta[0] = dt > 0 ? (y[n - 1] - y[0]) / dt : 0;
  theta[1] = y[0] - theta[0] * t[0];

  const g = new Float64Array(n), w = new Float64Array(n), mu = new Float64Array(n);
  const refresh = (): number => {
    let ssr = 0;
    for (let r = 0; r < n; r++) {
      let gr = theta[0] * t[r] + theta[1];
      for (let j = 0; j < C; j++) gr += theta[2 + j] * ramps[r * C + j];
      let sm = 0, sa = 0;
      for (let j = 0; j < F; j++) {
        const v = x[r * F + j] * theta[feature0 + j];
        if (isMult(feature0 + j)) sm += v;
        else sa += v;
      }
      g[r] = gr;
      w[r] = 1 + sm;
      mu[r] = gr * w[r] + sa;
      ssr += (y[r] - mu[r]) ** 2;
    }
    return ssr;
  };
  /** Column q of the model, linear in θ_q with the other block held. */
  const column = (q: number, r: number): number => {
    if (q === 0) return t[r] * w[r];
    if (q === 1) return w[r];
    if (q < feature0) return ramps[r * C + q - 2] * w[r];
    const xv = x[r * F + q - feature0];
    return isMult(q) ? g[r] * xv : xv;
  };
  const priorTerm = (): number => {
    let s = 0;
    for (let q = 0; q < P; q++) s += isDelta(q) ? Math.abs(theta[q]) / params.changepointPriorScale : (theta[q] * theta[q]) / (2 * priorVar[q]);
    return s;
  };
  const negLogPosterior = (ssr: number, sigma: number) => ssr / (2 * sigma * sigma) + n * Math.log(sigma) + 2 * sigma * sigma + priorTerm();
  // σ minimizing SSR/2σ² + n log σ + 2σ² (the half-normal prior): 4σ⁴ + nσ² − SSR = 0.
  const bestSigma = (ssr: number) => Math.max(SIGMA_FLOOR, Math.sqrt((-n + Math.sqrt(n * n + 16 * ssr)) / 8));

  // Seasons that multiply make μ bilinear: each step solves the penalized least squares of its linearization
  // (Gauss–Newton; exact when everything adds, so that Gram matrix is built once) and backs off if it overshoots.
  const all = Array.from({ length: P }, (_, q) => q);
  let additiveGram: Gram | null = null;
  const z = new Float64Array(P);
  const linearizedGram = (): Gram => {
    if (additiveGram) return additiveGram;
    const gram = new Gram(P);
    for (let r = 0; r < n; r++) {
      let linear = 0;
      for (let q = 0; q < P; q++) {
        z[q] = column(q, r);
        linear += z[q] * theta[q];
      }
      gram.add(z, y[r] - mu[r] + linear);
    }
    gram.finish();
    if (!multiplicative) additiveGram = gram;
    return gram;
  };

  let ssr = refresh();
  let sigma = bestSigma(ssr);
  let objective = negLogPosterior(ssr, sigma);
  let iterations = 0;
  while (iterations < MAX_OUTER && !hooks.shouldStop?.()) {
    iterations++;
    const gram = linearizedGram();
    const s2 = sigma * sigma;
    const ridge = Float64Array.from(all, (q) => (Number.isFinite(priorVar[q]) ? s2 / priorVar[q] : 0));
    const l1 = Float64Array.from(all, (q) => (isDelta(q) ? s2 / params.changepointPriorScale : 0));
    const before = Float64Array.from(theta);
    const target = Float64Array.from(theta);
    minimizePenalized(gram, { ridge, l1 }, target, 1e-7 * Math.sqrt(n), MAX_SWEEPS);
    let next = Infinity;
    for (let alpha = 1; alpha > 1e-3; alpha /= 2) {
      for (let q = 0; q < P; q++) theta[q] = before[q] + alpha * (target[q] - before[q]);
      ssr = refresh();
      next = negLogPosterior(ssr, sigma);
      if (next <= objective) break;
    }
    if (!(next <= objective)) {
      theta.set(before);
      ssr = refresh();
    }
    sigma = bestSigma(ssr);
    next = negLogPosterior(ssr, sigma);
    const settled = Math.abs(objective - next) <= OBJECTIVE_TOL * Math.max(1, Math.abs(next));
    objective = next;
    hooks.onProgress?.(iterations / MAX_OUTER, `MAP fit, step ${iterations}`);
    if (settled) break;
  }
  hooks.onProgress?.(1, `MAP fit done in ${iterations} steps`);
  const active = theta.reduce((c, v) => c + (v !== 0 ? 1 : 0), 0);
  return {
    residualSd: n - active > 0 ? Math.sqrt(ssr / (n - active)) : sigma,
    k: theta[0],
    m: theta[1],
    delta: Array.from(theta.subarray(2, feature0)),
    beta: Array.from(theta.subarray(feature0)),
    sigma,
    iterations,
  };
}
