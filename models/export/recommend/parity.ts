/**
 * Compares a recommender graph with the app's model on a sample of users: the graph's masked top k against
 * the engine's (topK of scoreAll without the user's training items), and every item's score. The ONNX
 * runtime is injected as `run`, as for the other exports.
 */
import { topK } from '../../recommend/ranking';
import type { Recommender } from '../../recommend/types';
import type { RecommendOnnx } from './export';
import { recommendFeeds, type RecommendFeed } from './feeds';
import type { SeenRows } from './seen';

export type RecommendRun = (feeds: Record<string, RecommendFeed>) => Promise<Record<string, { data: ArrayLike<unknown> }>>;

/** Scores this close (relative) are a tie: either order of the two items is the app's list. */
export const TIE_TOLERANCE = 1e-6;
/** Denominator floor of relative errors, so a constant list of zeros does not divide by zero. */
const REL_FLOOR = 1e-6;

export interface RecommendParity {
  users: number;
  k: number;
  /** Top-k positions holding another item than the app's, ties (within TIE_TOLERANCE) aside. */
  itemMismatches: number;
  /** Positions where two items the app scores as tied came in the other order. */
  tiesSwapped: number;
  /**
   * Max |graph − app| over the top-k scores, and relative to max(|app score|, the standard deviation of the
   * user's scores, 1e-6): blends of z-scores cross 0, where a score's own size says nothing of its precision.
   */
  maxAbs: number;
  maxRel: number;
  /** Max |graph − app| over every item's score of the sampled users. */
  allScoresMaxAbs: number;
}

const rel = (d: number, w: number, spread = 0) => d / Math.max(Math.abs(w), spread, REL_FLOOR);

/** Population standard deviation of the finite scores. */
function spreadOf(scores: Float32Array): number {
  let n = 0, mean = 0, m2 = 0;
  for (const s of scores) {
    if (!Number.isFinite(s)) continue;
    const d = s - mean;
    mean += d / ++n;
    m2 += d * (s - mean);
  }
  return n > 1 ? Math.sqrt(m2 / n) : 0;
}

export async function checkRecommendParity(model: Recommender, exported: RecommendOnnx, seen: SeenRows, run: RecommendRun, opts: { users: readonly number[]; k: number; batch?: number }): Promise<RecommendParity> {
  const nItems = model.items.length;
  const k = Math.min(opts.k, nItems);
  const out: RecommendParity = { users: opts.users.length, k, itemMismatches: 0, tiesSwapped: 0, maxAbs: 0, maxRel: 0, allScoresMaxAbs: 0 };
  const batch = opts.batch ?? 16;
  for (let from = 0; from < opts.users.length; from += batch) {
    const users = opts.users.slice(from, from + batch);
    const got = await run(recommendFeeds(exported.inputs, seen, users, k, nItems));
    const scores = got.scores.data as Float32Array;
    const items = got.top_items.data as BigInt64Array;
    const tops = got.top_scores.data as Float32Array;
    users.forEach((u, r) => {
      const app = model.scoreAll(u);
      for (let i = 0; i < nItems; i++) out.allScoresMaxAbs = Math.max(out.allScoresMaxAbs, Math.abs(scores[r * nItems + i] - app[i]) || 0);
      const seenSet = new Set(seen.items.subarray(seen.indptr[u], seen.indptr[u + 1]));
      const want = topK(app, k, seenSet);
      const spread = spreadOf(app);
      for (let p = 0; p < k; p++) {
        const item = Number(items[r * k + p]);
        const score = tops[r * k + p];
        if (p >= want.length) {
          // The app's list ran out (everything else seen): the graph may only fill with masked items.
          if (score !== -Infinity) out.itemMismatches++;
          continue;
        }
        const d = Math.abs(score - app[item]);
        out.maxAbs = Math.max(out.maxAbs, Number.isNaN(d) ? Infinity : d);
        out.maxRel = Math.max(out.maxRel, Number.isNaN(d) ? Infinity : rel(d, app[item], spread));
        if (item === want[p]) continue;
        const tied = !seenSet.has(item) && rel(Math.abs(app[item] - app[want[p]]), app[want[p]]) <= TIE_TOLERANCE;
        if (tied) out.tiesSwapped++;
        else out.itemMismatches++;
      }
    });
  }
  return out;
}
