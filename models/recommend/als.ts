/**
 * Implicit ALS (Hu, Koren & Volinsky 2008): every (user, item) cell has preference p = 1 when the user
 * interacted with a positive weight (else 0) and confidence c = 1 + α·|weight| (1 for the cells never seen);
 * users and items are solved in turn to minimise Σ c (p − x_u·y_i)² + reg (‖X‖² + ‖Y‖²). Each row's system
 * (YᵀY + reg I + Σ_{i∈u} (c − 1) y_i y_iᵀ) x_u = Σ_{i∈u} c p y_i uses the YᵀY trick (only the user's own items
 * cost anything) and is solved by CG_STEPS conjugate-gradient steps warm-started from the last solution
 * (Takács et al. 2011, as the `implicit` library does). Ratings are used as weights too. Factors start
 * uniform in [0, 0.01) from the seed; rows without interactions end at zero. `onMetrics` gets the loss
 * above per interaction after each iteration.
 */
import { mulberry32 } from '../split/prng';
import { decodeF32, encodeF32 } from './codec';
import { choleskySolve, cosineSimilar } from './linalg';
import { recommendParams } from './params';
import { userRows, type UserRows } from './ranking';
import type { Interactions, RecommendFitOptions, Recommender, RecommenderArtifact } from './types';
import type { RecommendParams } from '../../shared/families/recommend';

type AlsParams = RecommendParams<'als'>;
const CG_STEPS = 3;

class ImplicitAls implements Recommender {
  readonly model = 'als' as const;
  readonly predictsRatings = false;
  constructor(
    readonly users: readonly string[],
    readonly items: readonly string[],
    private readonly params: AlsParams,
    private readonly X: Float32Array,
    private readonly Y: Float32Array,
  ) {}

  predict(user: number, item: number): number {
    const k = this.params.factors;
    let s = 0;
    for (let c = 0; c < k; c++) s += this.X[user * k + c] * this.Y[item * k + c];
    return s;
  }

  scoreAll(user: number, out = new Float32Array(this.items.length)): Float32Array {
    for (let i = 0; i < this.items.length; i++) out[i] = this.predict(user, i);
    return out;
  }

  /** A new user's vector solved exactly (Cholesky) from what they interacted with, items fixed. */
  scoreCold(history: ReadonlyMap<number, number>): Float32Array | null {
    if (history.size === 0) return null;
    const k = this.params.factors;
    const { alpha, regularization } = this.params;
    const A = gram(this.Y, k, regularization);
    const b = new Float64Array(k);
    for (const [i, w] of history) {
      const conf = 1 + alpha * Math.abs(w);
      for (let a = 0; a < k; a++) {
        const ya = this.Y[i * k + a];
        if (w > 0) b[a] += conf * ya;
        for (let c = 0; c < k; c++) A[a * k + c] += (conf - 1) * ya * this.Y[i * k + c];
      }
    }
    const x = choleskySolve(A, b, k);
    const out = new Float32Array(this.items.length);
    for (let i = 0; i < this.items.length; i++) {
      let s = 0;
      for (let c = 0; c < k; c++) s += x[c] * this.Y[i * k + c];
      out[i] = s;
    }
    return out;
  }

  similar(item: number, k: number): { item: number; score: number }[] {
    return cosineSimilar(this.Y, this.params.factors, item, k);
  }

  itemVectors(): { dim: number; data: Float32Array } {
    return { dim: this.params.factors, data: this.Y };
  }

  toJSON(): RecommenderArtifact {
    return { model: 'als', version: 1, users: [...this.users], items: [...this.items], params: { ...this.params }, state: { X: encodeF32(this.X), Y: encodeF32(this.Y) } };
  }
}

/** YᵀY + reg I (k × k) of an n × k matrix. */
function gram(Y: Float32Array, k: number, reg: number): Float64Array {
  const G = new Float64Array(k * k);
  const n = Y.length / k;
  for (let i = 0; i < n; i++) {
    const o = i * k;
    for (let a = 0; a < k; a++) {
      const ya = Y[o + a];
      if (ya === 0) continue;
      for (let c = a; c < k; c++) G[a * k + c] += ya * Y[o + c];
    }
  }
  for (let a = 0; a < k; a++) {
    for (let c = 0; c < a; c++) G[a * k + c] = G[c * k + a];
    G[a * k + a] += reg;
  }
  return G;
}

/**
 * Solves every row of X against the fixed Y: CG on (G + Σ (c − 1) y yᵀ) x = Σ c p y, warm-started at the
 * current x. `rows` lists each X row's interactions (column indices into Y and weights).
 */
function solveRows(X: Float32Array, Y: Float32Array, rows: UserRows, k: number, reg: number, alpha: number): void {
  const G = gram(Y, k, reg);
  const x = new Float64Array(k);
  const r = new Float64Array(k);
  const p = new Float64Array(k);
  const Ap = new Float64Array(k);
  const nRows = rows.start.length - 1;
  for (let u = 0; u < nRows; u++) {
    const from = rows.start[u];
    const to = rows.start[u + 1];
    const xo = u * k;
    if (from === to) {
      X.fill(0, xo, xo + k);
      continue;
    }
    for (let c = 0; c < k; c++) x[c] = X[xo + c];
    // r = b − A x
    for (let a = 0; a < k; a++) {
      let s = 0;
      for (let c = 0; c < k; c++) s -= G[a * k + c] * x[c];
      r[a] = s;
    }
    for (let q = from; q < to; q++) {
      const yo = rows.item[q] * k;
      const w = rows.value[q];
      const conf = 1 + alpha * Math.abs(w);
      let yx = 0;
      for (let c = 0; c < k; c++) yx += Y[yo + c] * x[c];
      const coef = (w > 0 ? conf : 0) - (conf - 1) * yx;
      for (let c = 0; c < k; c++) r[c] += coef * Y[yo + c];
    }
    let rsOld = 0;
    for (let c = 0; c < k; c++) {
      p[c] = r[c];
      rsOld += r[c] * r[c];
    }
    for (let step = 0; step < CG_STEPS && rsOld > 1e-20; step++) {
      for (let a = 0; a < k; a++) {
        let s = 0;
        for (let c = 0; c < k; c++) s += G[a * k + c] * p[c];
        Ap[a] = s;
      }
      for (let q = from; q < to; q++) {
        const yo = rows.item[q] * k;
        const conf = 1 + alpha * Math.abs(rows.value[q]);
        let yp = 0;
        for (let c = 0; c < k; c++) yp += Y[yo + c] * p[c];
        const coef = (conf - 1) * yp;
        for (let c = 0; c < k; c++) Ap[c] += coef * Y[yo + c];
      }
      let pAp = 0;
      for (let c = 0; c < k; c++) pAp += p[c] * Ap[c];
      if (!(pAp > 0)) break;
      const step_ = rsOld / pAp;
      let rsNew = 0;
      for (let c = 0; c < k; c++) {
        x[c] += step_ * p[c];
        r[c] -= step_ * Ap[c];
        rsNew += r[c] * r[c];
      }
      for (let c = 0; c < k; c++) p[c] = r[c] + (rsNew / rsOld) * p[c];
      rsOld = rsNew;
    }
    for (let c = 0; c < k; c++) X[xo + c] = x[c];
  }
}

/** The objective per interaction: Σ_u [x_uᵀ YᵀY x_u + Σ_{i∈u} (c (p − s)² − s²)] + reg (‖X‖² + ‖Y‖²), s = x_u·y_i. */
function loss(X: Float32Array, Y: Float32Array, rows: UserRows, k: number, reg: number, alpha: number): number {
  const G = gram(Y, k, 0);
  let total = 0;
  const nRows = rows.start.length - 1;
  for (let u = 0; u < nRows; u++) {
    const xo = u * k;
    for (let a = 0; a < k; a++) {
      let s = 0;
      for (let c = 0; c < k; c++) s += G[a * k + c] * X[xo + c];
      total += X[xo + a] * s;
    }
    for (let q = rows.start[u]; q < rows.start[u + 1]; q++) {
      const yo = rows.item[q] * k;
      const w = rows.value[q];
      let s = 0;
      for (let c = 0; c < k; c++) s += X[xo + c] * Y[yo + c];
      const d = (w > 0 ? 1 : 0) - s;
      total += (1 + alpha * Math.abs(w)) * d * d - s * s;
    }
  }
  let norms = 0;
  for (const v of X) norms += v * v;
  for (const v of Y) norms += v * v;
  return (total + reg * norms) / Math.max(1, rows.item.length);
}

export function fitAls(train: Interactions, opts: RecommendFitOptions = {}): Recommender {
  const params = recommendParams('als', opts.params);
  const k = params.factors;
  const rand = mulberry32(opts.seed ?? 0);
  const X = new Float32Array(train.users.length * k);
  const Y = new Float32Array(train.items.length * k);
  for (let i = 0; i < X.length; i++) X[i] = rand() * 0.01;
  for (let i = 0; i < Y.length; i++) Y[i] = rand() * 0.01;
  const byUser = userRows(train);
  const byItem = userRows({ ...train, users: train.items, items: train.users, user: train.item, item: train.user });
  for (let it = 0; it < params.iterations; it++) {
    if (opts.shouldStop?.()) break;
    solveRows(X, Y, byUser, k, params.regularization, params.alpha);
    solveRows(Y, X, byItem, k, params.regularization, params.alpha);
    if (opts.onMetrics) opts.onMetrics(it + 1, { loss: loss(X, Y, byUser, k, params.regularization, params.alpha) });
    opts.onProgress?.((it + 1) / params.iterations, `iteration ${it + 1} of ${params.iterations}`);
  }
  return new ImplicitAls(train.users, train.items, params, X, Y);
}

export function loadAls(artifact: RecommenderArtifact): Recommender {
  const s = artifact.state as { X: string; Y: string };
  return new ImplicitAls(artifact.users, artifact.items, recommendParams('als', artifact.params), decodeF32(s.X), decodeF32(s.Y));
}
