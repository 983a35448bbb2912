/**
 * Continuing a recommender from an earlier run's model on new interactions (warm start). The result lives in
 * the new interactions' index space (their users and items, as evaluation and queries read them):
 * - als: users and items the earlier model knew keep its factors; new items are solved in closed form with the
 *   users fixed, then new users with the items fixed (the same weighted least squares as training, exact);
 * - mf: known users and items keep their biases and vectors (μ too); a new item's bias and vector are a ridge
 *   regression on its ratings with users fixed, then a new user's with items fixed (SVD++: their implicit term
 *   from the items' y, new items' y zero); the interaction model folds new users in (mf-interaction.ts) and
 *   gives new items the lowest bias of the known ones and a zero vector, until a full refit learns them;
 * - popularity, item-knn: recount on the new interactions (nothing else of them carries over);
 * - content, ncf, hybrid cannot continue (shared/families/warm-start.ts).
 * Known users and items are not refitted on their new interactions: a fold-in only adds what was unknown.
 */
import { RECOMMEND_WARM_START } from '../../shared/families/warm-start';
import { recommendParams } from './params';
import { choleskySolve } from './linalg';
import { decodeF32, decodeF64, encodeF32, encodeF64 } from './codec';
import { decodeInteraction, encodeInteraction, foldInInteraction, isPositive, type InteractionState } from './mf-interaction';
import { fitRecommender, loadRecommender } from './fit';
import type { Interactions, RecommendFitOptions, Recommender, RecommenderArtifact } from './types';
import type { MfState } from './mf';

export interface FoldInResult {
  model: Recommender;
  /** Users and items of the new interactions the earlier model did not know (folded in). */
  newUsers: number;
  newItems: number;
  /** Users and items of the earlier model absent from the new interactions (left out of the result). */
  droppedUsers: number;
  droppedItems: number;
}

/** Index in the earlier model of each id of the new interactions, −1 when it is new. */
function carried(ids: readonly string[], before: readonly string[]): Int32Array {
  const at = new Map(before.map((id, i) => [id, i]));
  return Int32Array.from(ids, (id) => at.get(id) ?? -1);
}

/** Per row (user or item) of the new index space: the positions of its interactions. */
function byRow(index: Int32Array, n: number): number[][] {
  const rows: number[][] = Array.from({ length: n }, () => []);
  for (let t = 0; t < index.length; t++) rows[index[t]].push(t);
  return rows;
}

function copyRows(dst: Float32Array | Float64Array, src: Float32Array | Float64Array, map: Int32Array, k: number): void {
  for (let r = 0; r < map.length; r++) if (map[r] >= 0) dst.set(src.subarray(map[r] * k, (map[r] + 1) * k), r * k);
}

/** Exact weighted least squares of one row against fixed vectors V (rows listed with their weights), as ALS solves it. */
function alsRow(V: Float32Array, k: number, G: Float64Array, others: number[], weights: number[], alpha: number): Float64Array {
  const A = Float64Array.from(G);
  const b = new Float64Array(k);
  others.forEach((o, n) => {
    const w = weights[n];
    const conf = 1 + alpha * Math.abs(w);
    for (let a = 0; a < k; a++) {
      const va = V[o * k + a];
      if (w > 0) b[a] += conf * va;
      for (let c = 0; c < k; c++) A[a * k + c] += (conf - 1) * va * V[o * k + c];
    }
  });
  return choleskySolve(A, b, k);
}

function gram(V: Float32Array, k: number, reg: number): Float64Array {
  const G = new Float64Array(k * k);
  for (let o = 0; o < V.length; o += k) for (let a = 0; a < k; a++) for (let c = 0; c < k; c++) G[a * k + c] += V[o + a] * V[o + c];
  for (let a = 0; a < k; a++) G[a * k + a] += reg;
  return G;
}

function foldAls(from: RecommenderArtifact, train: Interactions, uMap: Int32Array, iMap: Int32Array): RecommenderArtifact {
  const p = recommendParams('als', from.params);
  const k = p.factors;
  const s = from.state as { X: string; Y: string };
  const X0 = decodeF32(s.X), Y0 = decodeF32(s.Y);
  const X = new Float32Array(train.users.length * k), Y = new Float32Array(train.items.length * k);
  copyRows(X, X0, uMap, k);
  copyRows(Y, Y0, iMap, k);
  const users = byRow(train.user, train.users.length), items = byRow(train.item, train.items.length);
  // New items against the known users, then new users against every item.
  const Gx = gram(X, k, p.regularization);
  for (let i = 0; i < items.length; i++) {
    if (iMap[i] >= 0 || items[i].length === 0) continue;
    Y.set(alsRow(X, k, Gx, items[i].map((t) => train.user[t]), items[i].map((t) => train.value[t]), p.alpha), i * k);
  }
  const Gy = gram(Y, k, p.regularization);
  for (let u = 0; u < users.length; u++) {
    if (uMap[u] >= 0 || users[u].length === 0) continue;
    X.set(alsRow(Y, k, Gy, users[u].map((t) => train.item[t]), users[u].map((t) => train.value[t]), p.alpha), u * k);
  }
  return { ...from, users: [...train.users], items: [...train.items], state: { X: encodeF32(X), Y: encodeF32(Y) } };
}

/** Ridge regression of [bias, vector] on (1, fixed vector) rows: Σ (target − x·θ)² + reg·n ‖θ‖², as mf's fold-in of a new user. */
function ridge(rows: { v: ArrayLike<number>; vo: number; target: number }[], k: number, reg: number): Float64Array {
  const n = k + 1;
  const A = new Float64Array(n * n), b = new Float64Array(n), x = new Float64Array(n);
  for (const r of rows) {
    x[0] = 1;
    for (let c = 0; c < k; c++) x[c + 1] = r.v[r.vo + c];
    for (let a = 0; a < n; a++) {
      b[a] += x[a] * r.target;
      for (let c = 0; c < n; c++) A[a * n + c] += x[a] * x[c];
    }
  }
  for (let a = 0; a < n; a++) A[a * n + a] += reg * rows.length;
  return choleskySolve(A, b, n);
}

function foldMf(from: RecommenderArtifact, train: Interactions, uMap: Int32Array, iMap: Int32Array): RecommenderArtifact {
  const params = recommendParams('mf', from.params);
  const k = params.factors;
  const s = from.state as MfState;
  const nU = train.users.length, nI = train.items.length;
  const bu = new Float64Array(nU), bi = new Float64Array(nI);
  copyRows(bu, decodeF64(s.bu), uMap, 1);
  copyRows(bi, decodeF64(s.bi), iMap, 1);
  const p = new Float32Array(nU * k), q = new Float32Array(nI * k);
  copyRows(p, decodeF32(s.p), uMap, k);
  copyRows(q, decodeF32(s.q), iMap, k);
  const y = s.y ? new Float32Array(nI * k) : null;
  if (y) copyRows(y, decodeF32(s.y!), iMap, k);
  const users = byRow(train.user, nU), items = byRow(train.item, nI);
  const reg = params.regularization;
  // New items from the ratings of known users (users' vectors hold their implicit term already).
  for (let i = 0; i < nI; i++) {
    if (iMap[i] >= 0) continue;
    const rows = items[i].filter((t) => uMap[train.user[t]] >= 0).map((t) => ({ v: p, vo: train.user[t] * k, target: train.value[t] - s.mu - bu[train.user[t]] }));
    if (rows.length === 0) continue;
    const sol = ridge(rows, k, reg);
    bi[i] = sol[0];
    for (let c = 0; c < k; c++) q[i * k + c] = sol[c + 1];
  }
  // New users from their ratings of every item, with SVD++'s implicit term folded into the vector.
  for (let u = 0; u < nU; u++) {
    if (uMap[u] >= 0 || users[u].length === 0) continue;
    const implicit = new Float64Array(k);
    if (y) for (const t of users[u]) for (let c = 0; c < k; c++) implicit[c] += y[train.item[t] * k + c] / Math.sqrt(users[u].length);
    const rows = users[u].map((t) => {
      let base = s.mu + bi[train.item[t]];
      for (let c = 0; c < k; c++) base += q[train.item[t] * k + c] * implicit[c];
      return { v: q, vo: train.item[t] * k, target: train.value[t] - base };
    });
    const sol = ridge(rows, k, reg);
    bu[u] = sol[0];
    for (let c = 0; c < k; c++) p[u * k + c] = sol[c + 1] + implicit[c];
  }
  let interaction: InteractionState | null = null;
  if (s.interaction) {
    const g0 = decodeInteraction(s.interaction);
    const d = g0.dim;
    const g = { dim: d, bias: new Float64Array(nI), p: new Float32Array(nU * d), q: new Float32Array(nI * d) };
    copyRows(g.p, g0.p, uMap, d);
    copyRows(g.q, g0.q, iMap, d);
    copyRows(g.bias, g0.bias, iMap, 1);
    let low = Infinity;
    for (const v of g0.bias) low = Math.min(low, v);
    for (let i = 0; i < nI; i++) if (iMap[i] < 0) g.bias[i] = Number.isFinite(low) ? low : 0;
    const settings = { negatives: params.negatives, regularization: params.interactionRegularization };
    for (let u = 0; u < nU; u++) {
      if (uMap[u] >= 0) continue;
      const positives = users[u].filter((t) => isPositive(train.explicit, train.value[t])).map((t) => train.item[t]);
      if (positives.length) g.p.set(foldInInteraction(g, positives, settings), u * d);
    }
    interaction = encodeInteraction(g);
  }
  const state: MfState = { mu: s.mu, scale: s.scale, bu: encodeF64(bu), bi: encodeF64(bi), p: encodeF32(p), q: encodeF32(q), y: y ? encodeF32(y) : null, interaction };
  return { ...from, users: [...train.users], items: [...train.items], state };
}

/** The earlier model continued on `train` as its model's rule says; throws for a model that cannot continue. */
export async function foldInRecommender(from: RecommenderArtifact, train: Interactions, opts: RecommendFitOptions = {}): Promise<FoldInResult> {
  const rule = RECOMMEND_WARM_START[from.model];
  if (rule.mode === 'none') throw new Error(`${from.model} cannot continue from an earlier run: ${rule.how}`);
  const uMap = carried(train.users, from.users), iMap = carried(train.items, from.items);
  const known = (m: Int32Array) => m.reduce((n, v) => n + (v >= 0 ? 1 : 0), 0);
  const counts = {
    newUsers: uMap.length - known(uMap), newItems: iMap.length - known(iMap),
    droppedUsers: from.users.length - known(uMap), droppedItems: from.items.length - known(iMap),
  };
  opts.onProgress?.(0, 'folding in new users and items');
  let model: Recommender;
  if (from.model === 'als') model = await loadRecommender(foldAls(from, train, uMap, iMap));
  else if (from.model === 'mf') model = await loadRecommender(foldMf(from, train, uMap, iMap));
  // Recounted on the new interactions.
  else model = await fitRecommender(from.model, train, opts);
  opts.onProgress?.(1, 'folded in');
  return { model, ...counts };
}
