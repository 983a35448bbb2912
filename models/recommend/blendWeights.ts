/**
 * Fitting the hybrid's blend weights on a validation share of each user's training interactions.
 * Ranking weights: members' scores z-scored per user (over the whole catalogue), blended with weights on
 * the simplex, chosen on a grid to maximise mean ndcg@k (binary relevance: held-out interactions that
 * count as relevant) over the validation users (ties: the higher AUC, then the more even blend). Each
 * user is ranked over a candidate pool (every member's top CANDIDATES_PER_MEMBER unseen items and the
 * held-out ones): an item outside all of them is very unlikely to reach a blend's top k. Rating weights (explicit data only): the simplex point
 * whose blend of the members' predicted ratings has the least squared error on the held-out ratings.
 */
import { RECOMMEND_DEFAULTS } from '../../shared/families/recommend';
import { mulberry32 } from '../split/prng';
import { ndcgAt, relevanceThreshold, subsetInteractions, topK, userRows, zScore } from './ranking';
import type { Interactions, Recommender } from './types';

/** Each member's best items (by z-score) a validation user's candidates are drawn from. */
const CANDIDATES_PER_MEMBER = 100;
/** At most this many simplex points are tried (the grid step is the finest that fits). */
const MAX_GRID_POINTS = 300;

/**
 * Holds out round(share × n) of each user's interactions (at least one, never all; users with a single
 * interaction keep it), drawn with the seed.
 */
export function validationSplit(train: Interactions, share: number, seed: number): { fit: Interactions; validation: Interactions } {
  const rows = userRows(train);
  const rand = mulberry32(seed);
  const fit: number[] = [];
  const held: number[] = [];
  for (let u = 0; u < train.users.length; u++) {
    const mine = Array.from(rows.at.subarray(rows.start[u], rows.start[u + 1]));
    const n = mine.length;
    const hold = n >= 2 ? Math.min(n - 1, Math.max(1, Math.round(share * n))) : 0;
    for (let j = n - 1; j > 0; j--) {
      const r = Math.floor(rand() * (j + 1));
      [mine[j], mine[r]] = [mine[r], mine[j]];
    }
    held.push(...mine.slice(0, hold));
    fit.push(...mine.slice(hold));
  }
  const asc = (a: number, b: number) => a - b;
  return { fit: subsetInteractions(train, fit.sort(asc)), validation: subsetInteractions(train, held.sort(asc)) };
}

/** Points of the simplex with coordinates in steps of 1/g, the most even first. */
export function simplexGrid(m: number): number[][] {
  const count = (g: number) => { let c = 1; for (let j = 1; j < m; j++) c = (c * (g + j)) / j; return Math.round(c); };
  let g = 1;
  while (g < 20 && count(g + 1) <= MAX_GRID_POINTS) g++;
  const out: number[][] = [];
  const walk = (prefix: number[], left: number) => {
    if (prefix.length === m - 1) { out.push([...prefix, left].map((x) => x / g)); return; }
    for (let x = left; x >= 0; x--) walk([...prefix, x], left - x);
  };
  walk([], g);
  const spread = (w: number[]) => w.reduce((a, x) => a + (x - 1 / m) ** 2, 0);
  return out.map((w, i) => ({ w, i })).sort((a, b) => spread(a.w) - spread(b.w) || a.i - b.i).map((x) => x.w);
}

interface ValidationUser {
  /** Candidate items, and their z-scores member-major: z[m * n + c]. */
  items: number[];
  z: Float32Array;
  relevant: Set<number>;
}

function gatherUsers(members: Recommender[], fit: Interactions, validation: Interactions, seed: number): ValidationUser[] {
  const fitRows = userRows(fit);
  const valRows = userRows(validation);
  const cut = relevanceThreshold(fit);
  let users = [...Array(fit.users.length).keys()].filter((u) => {
    for (let p = valRows.start[u]; p < valRows.start[u + 1]; p++) if (valRows.value[p] >= cut) return true;
    return false;
  });
  if (users.length > RECOMMEND_DEFAULTS.maxEvalUsers) {
    const rand = mulberry32(seed ^ 0x5bd1e995);
    for (let j = users.length - 1; j > 0; j--) { const r = Math.floor(rand() * (j + 1)); [users[j], users[r]] = [users[r], users[j]]; }
    users = users.slice(0, RECOMMEND_DEFAULTS.maxEvalUsers).sort((a, b) => a - b);
  }
  const nItems = fit.items.length;
  const raw = new Float32Array(nItems);
  const zs = members.map(() => new Float32Array(nItems));
  return users.map((u) => {
    const seen = new Set<number>();
    for (let p = fitRows.start[u]; p < fitRows.start[u + 1]; p++) seen.add(fitRows.item[p]);
    const relevant = new Set<number>();
    for (let p = valRows.start[u]; p < valRows.start[u + 1]; p++) if (valRows.value[p] >= cut) relevant.add(valRows.item[p]);
    const pool = new Set<number>(relevant);
    members.forEach((m, j) => {
      zScore(m.scoreAll(u, raw), zs[j]);
      for (const i of topK(zs[j], CANDIDATES_PER_MEMBER, seen)) pool.add(i);
    });
    const items = [...pool].sort((a, b) => a - b);
    const z = new Float32Array(members.length * items.length);
    members.forEach((_, j) => items.forEach((i, c) => (z[j * items.length + c] = zs[j][i])));
    return { items, z, relevant };
  });
}

/**
 * Mean ndcg@k over the validation users and, to break its frequent ties (binary gains over few held-out
 * items), the mean share of candidates each relevant item outscores (an AUC).
 */
function evaluate(users: ValidationUser[], w: number[], k: number): { ndcg: number; auc: number } {
  let ndcg = 0;
  let auc = 0;
  for (const v of users) {
    const n = v.items.length;
    const blend = new Float32Array(n);
    for (let j = 0; j < w.length; j++) {
      if (w[j] === 0) continue;
      for (let c = 0; c < n; c++) blend[c] += w[j] * v.z[j * n + c];
    }
    ndcg += ndcgAt(topK(blend, k).map((c) => v.items[c]), v.relevant, k);
    let below = 0;
    for (let c = 0; c < n; c++) {
      if (!v.relevant.has(v.items[c])) continue;
      for (let d = 0; d < n; d++) if (blend[d] < blend[c]) below++;
    }
    auc += below / (v.relevant.size * Math.max(1, n - 1));
  }
  return users.length ? { ndcg: ndcg / users.length, auc: auc / users.length } : { ndcg: 0, auc: 0 };
}

export interface BlendFit {
  /** Ranking weights per member (sum 1). */
  weights: number[];
  /** Validation ndcg@k of the chosen blend and of each member alone. */
  ndcg: number;
  memberNdcg: number[];
  /** Explicit data: rating weights per member (sum 1) and the validation RMSE of that blend; else null. */
  ratingWeights: number[] | null;
  rmse: number | null;
  validationUsers: number;
}

export function fitBlend(members: Recommender[], fit: Interactions, validation: Interactions, seed: number): BlendFit {
  const k = RECOMMEND_DEFAULTS.k;
  const users = gatherUsers(members, fit, validation, seed);
  const grid = simplexGrid(members.length);
  let best = grid[0];
  let bestScore = { ndcg: -Infinity, auc: -Infinity };
  for (const w of grid) {
    const s = evaluate(users, w, k);
    if (s.ndcg > bestScore.ndcg + 1e-12 || (Math.abs(s.ndcg - bestScore.ndcg) <= 1e-12 && s.auc > bestScore.auc + 1e-12)) { bestScore = s; best = w; }
  }
  const memberNdcg = members.map((_, j) => evaluate(users, members.map((__, q) => (q === j ? 1 : 0)), k).ndcg);
  let ratingWeights: number[] | null = null;
  let rmse: number | null = null;
  if (fit.explicit && validation.user.length > 0) {
    const preds = members.map((m) => Float64Array.from(validation.user, (u, r) => m.predict(u, validation.item[r])));
    for (const w of grid) {
      let se = 0;
      for (let r = 0; r < validation.user.length; r++) {
        let p = 0;
        for (let j = 0; j < w.length; j++) if (w[j] > 0) p += w[j] * preds[j][r];
        se += (p - validation.value[r]) ** 2;
      }
      const e = Math.sqrt(se / validation.user.length);
      if (Number.isFinite(e) && (rmse === null || e < rmse)) { rmse = e; ratingWeights = w; }
    }
  }
  return { weights: best, ndcg: bestScore.ndcg, memberNdcg, ratingWeights, rmse, validationUsers: users.length };
}
