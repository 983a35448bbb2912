/**
 * Small ranking tools the blend, cold start and group recommendations share: top-k selection, a binary-gain
 * ndcg@k, per-user z-scores and each user's training items as one CSR-like table.
 */
import { RECOMMEND_DEFAULTS } from '../../shared/families/recommend';
import type { Interactions } from './types';

/** The k best items by score (ties: lower index first), skipping excluded and non-finite scores. */
export function topK(scores: ArrayLike<number>, k: number, exclude?: ReadonlySet<number>): number[] {
  const best: number[] = [];
  if (k <= 0) return best;
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i];
    if (!Number.isFinite(s) || exclude?.has(i)) continue;
    if (best.length === k && s <= scores[best[k - 1]]) continue;
    let at = best.length === k ? k - 1 : best.length;
    if (best.length < k) best.push(i);
    while (at > 0 && scores[best[at - 1]] < s) {
      best[at] = best[at - 1];
      at--;
    }
    best[at] = i;
  }
  return best;
}

/** ndcg@k with binary gains: DCG of the list over the DCG of an ideal list of min(|relevant|, k) hits. */
export function ndcgAt(ranked: readonly number[], relevant: ReadonlySet<number>, k: number): number {
  if (relevant.size === 0) return 0;
  let dcg = 0;
  for (let r = 0; r < Math.min(k, ranked.length); r++) if (relevant.has(ranked[r])) dcg += 1 / Math.log2(r + 2);
  let ideal = 0;
  for (let r = 0; r < Math.min(k, relevant.size); r++) ideal += 1 / Math.log2(r + 2);
  return dcg / ideal;
}

/** (s − mean) / std over the finite scores; a constant vector becomes zeros, non-finite stays as it is. */
export function zScore(scores: Float32Array, out = new Float32Array(scores.length)): Float32Array {
  let n = 0;
  let mean = 0;
  let m2 = 0;
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i];
    if (!Number.isFinite(s)) continue;
    n++;
    const d = s - mean;
    mean += d / n;
    m2 += d * (s - mean);
  }
  const std = n > 1 ? Math.sqrt(m2 / n) : 0;
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i];
    out[i] = !Number.isFinite(s) ? s : std > 0 ? (s - mean) / std : 0;
  }
  return out;
}

/** Each user's interactions, grouped: rows start[u] .. start[u + 1] of item / value / at (index into the input). */
export interface UserRows {
  start: Int32Array;
  item: Int32Array;
  value: Float32Array;
  at: Int32Array;
}

export function userRows(data: Interactions): UserRows {
  const nUsers = data.users.length;
  const start = new Int32Array(nUsers + 1);
  for (let i = 0; i < data.user.length; i++) start[data.user[i] + 1]++;
  for (let u = 0; u < nUsers; u++) start[u + 1] += start[u];
  const fill = start.slice(0, nUsers);
  const item = new Int32Array(data.user.length);
  const value = new Float32Array(data.user.length);
  const at = new Int32Array(data.user.length);
  for (let i = 0; i < data.user.length; i++) {
    const p = fill[data.user[i]]++;
    item[p] = data.item[i];
    value[p] = data.value[i];
    at[p] = i;
  }
  return { start, item, value, at };
}

/** The items of user u in `rows`, as a set. */
export function itemsOf(rows: UserRows, u: number): Set<number> {
  const out = new Set<number>();
  for (let p = rows.start[u]; p < rows.start[u + 1]; p++) out.add(rows.item[p]);
  return out;
}

/**
 * The value at or above which an interaction counts as relevant: a rating at relevantShare of the scale
 * (explicit), any interaction (implicit).
 */
export function relevanceThreshold(data: Pick<Interactions, 'explicit' | 'scale'>): number {
  if (!data.explicit || !data.scale) return -Infinity;
  const [lo, hi] = data.scale;
  return lo + RECOMMEND_DEFAULTS.relevantShare * (hi - lo);
}

/** Interactions keeping only the rows at the given indices (same users and items). */
export function subsetInteractions(data: Interactions, rows: ArrayLike<number>): Interactions {
  const n = rows.length;
  const user = new Int32Array(n);
  const item = new Int32Array(n);
  const value = new Float32Array(n);
  const time = data.time ? new Float64Array(n) : null;
  for (let i = 0; i < n; i++) {
    const r = rows[i];
    user[i] = data.user[r];
    item[i] = data.item[r];
    value[i] = data.value[r];
    if (time) time[i] = data.time![r];
  }
  return { ...data, user, item, value, time };
}
