/**
 * How well a recommender does on held-out interactions.
 *
 * Rating metrics (explicit data, models whose `predict` is a rating): RMSE and MAE of `predict` over every test pair.
 * Ranking metrics at k = 1 … maxK: each evaluated user's list is the top of `scoreAll` over the FULL
 * catalogue with the user's training items left out; relevant = the user's test items (implicit) or
 * test ratings ≥ lo + relevantShare·(hi − lo) of the training scale (explicit). Per user, with hits(k)
 * the relevant items among the first k and R the relevant count:
 *   precision@k = hits(k)/k; recall@k = hits(k)/R; hitRate@k = [hits(k) > 0];
 *   ndcg@k = Σ_{rank r ≤ k, relevant} 1/log2(r+1) over the same sum for min(R, k) hits at the top;
 *   map@k = Σ_{r ≤ k, relevant} precision@r / min(R, k); mrr@k = 1/(rank of the first hit) when ≤ k, else 0;
 * averaged over users with at least one relevant test item — at most maxEvalUsers of them, a seeded
 * sample beyond that (stated in `sample`).
 * Catalogue coverage: the share of all items in at least one top-k list.
 * Popularity bias: the mean popularity percentile of the recommended items — an item's percentile is the
 * share of the other items with fewer training interactions (ties count half): 1 = only the most popular
 * item, 0.5 ≈ popularity-blind — and the average recommendation popularity (ARP: mean training
 * interactions of a recommended item).
 * Cold users (no training interactions) and cold items (none in training) are reported again on their
 * own: the users who are cold, and relevant items restricted to the cold ones.
 */
import { RECOMMEND_DEFAULTS } from '../../shared/families/recommend';
import { mulberry32 } from '../split/prng';
import { relevanceThreshold, topK, userRows } from './ranking';
import { coldOf } from './split';
import type { Interactions, Recommender } from './types';

/** Each metric at k = 1 … maxK (index k − 1). */
export interface RankingCurves {
  precision: number[];
  recall: number[];
  ndcg: number[];
  map: number[];
  hitRate: number[];
  mrr: number[];
}
export type RankingMetricName = keyof RankingCurves;

export interface RatingMetrics {
  rmse: number;
  mae: number;
  /** Test pairs scored. */
  n: number;
}

export interface MetricGroup {
  /** Users ranked in this group. */
  users: number;
  rating: RatingMetrics | null;
  ranking: RankingCurves | null;
}

export interface RecommendEvaluation {
  k: number;
  maxK: number;
  /** The value a test interaction needs to count as relevant (null: every test interaction does). */
  relevantThreshold: number | null;
  all: MetricGroup;
  coldUsers: MetricGroup | null;
  coldItems: MetricGroup | null;
  /** Share of the catalogue in at least one top-k list. */
  coverage: number;
  /** Mean popularity percentile of the recommended items (see above). */
  popularityPercentile: number;
  /** Mean training interactions of a recommended item (ARP). */
  averagePopularity: number;
  /** ndcg@k of each evaluated user, for paired comparisons of two models on the same split and seed. */
  perUser: { user: number[]; ndcg: number[] };
  sample: { eligible: number; evaluated: number; capped: boolean; seed: number };
  /**
   * Test pairs whose user or item lies beyond the model's index space (a test set mapped onto the
   * training ids appends its new ones): left out of the rating metrics. Such users are ranked from
   * `scoreCold` with no history when the model has it, else from equal scores.
   */
  outsideModel: number;
}

export interface EvaluateOptions {
  k?: number;
  maxK?: number;
  maxEvalUsers?: number;
  /** Seed of the user sample beyond maxEvalUsers (0 when not given). */
  seed?: number;
  /** Cold flags from the split; worked out from train and test when not given. */
  coldUsers?: Uint8Array;
  coldItems?: Uint8Array;
}

/** One user's ranking curves (k = 1 … maxK) for a ranked list and the relevant items. */
export function rankingCurves(ranked: ArrayLike<number>, relevant: ReadonlySet<number>, maxK: number): RankingCurves {
  const out: RankingCurves = { precision: [], recall: [], ndcg: [], map: [], hitRate: [], mrr: [] };
  const R = relevant.size;
  let hits = 0;
  let dcg = 0;
  let idcg = 0;
  let apSum = 0;
  let firstHit = 0;
  for (let k = 1; k <= maxK; k++) {
    if (k <= ranked.length && relevant.has(ranked[k - 1])) {
      hits++;
      dcg += 1 / Math.log2(k + 1);
      apSum += hits / k;
      if (!firstHit) firstHit = k;
    }
    if (k <= R) idcg += 1 / Math.log2(k + 1);
    out.precision.push(hits / k);
    out.recall.push(R ? hits / R : 0);
    out.ndcg.push(idcg ? dcg / idcg : 0);
    out.map.push(R ? apSum / Math.min(R, k) : 0);
    out.hitRate.push(hits > 0 ? 1 : 0);
    out.mrr.push(firstHit ? 1 / firstHit : 0);
  }
  return out;
}

class CurveMean {
  readonly sum: RankingCurves;
  users = 0;
  constructor(private readonly maxK: number) {
    const z = () => new Array<number>(maxK).fill(0);
    this.sum = { precision: z(), recall: z(), ndcg: z(), map: z(), hitRate: z(), mrr: z() };
  }
  add(c: RankingCurves): void {
    this.users++;
    for (const key of Object.keys(this.sum) as RankingMetricName[]) for (let k = 0; k < this.maxK; k++) this.sum[key][k] += c[key][k];
  }
  mean(): RankingCurves | null {
    if (!this.users) return null;
    const out = {} as RankingCurves;
    for (const key of Object.keys(this.sum) as RankingMetricName[]) out[key] = this.sum[key].map((s) => s / this.users);
    return out;
  }
}

class ErrorMean {
  sq = 0;
  abs = 0;
  n = 0;
  add(err: number): void {
    this.sq += err * err;
    this.abs += Math.abs(err);
    this.n++;
  }
  result(): RatingMetrics | null {
    return this.n ? { rmse: Math.sqrt(this.sq / this.n), mae: this.abs / this.n, n: this.n } : null;
  }
}

/** Each item's share of the other items with fewer training interactions (ties count half). */
export function popularityPercentiles(counts: Float64Array): Float64Array {
  const n = counts.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => counts[a] - counts[b]);
  const out = new Float64Array(n);
  for (let lo = 0; lo < n; ) {
    let hi = lo;
    while (hi + 1 < n && counts[order[hi + 1]] === counts[order[lo]]) hi++;
    const p = n > 1 ? (lo + (hi - lo) / 2) / (n - 1) : 0.5;
    for (let j = lo; j <= hi; j++) out[order[j]] = p;
    lo = hi + 1;
  }
  return out;
}

/** Up to `cap` of the users, a seeded sample when there are more, in index order. */
function sampleUsers(users: number[], cap: number, seed: number): number[] {
  if (users.length <= cap) return users;
  const rand = mulberry32(seed);
  const pool = users.slice();
  for (let k = 0; k < cap; k++) {
    const j = k + Math.floor(rand() * (pool.length - k));
    [pool[k], pool[j]] = [pool[j], pool[k]];
  }
  return pool.slice(0, cap).sort((a, b) => a - b);
}

export function evaluateRecommender(model: Recommender, train: Interactions, test: Interactions, options: EvaluateOptions = {}): RecommendEvaluation {
  const maxK = options.maxK ?? RECOMMEND_DEFAULTS.maxK;
  const k = Math.min(options.k ?? RECOMMEND_DEFAULTS.k, maxK);
  const seed = options.seed ?? 0;
  const nItems = model.items.length;
  const nModelUsers = model.users.length;
  const cold = options.coldUsers && options.coldItems ? { coldUsers: options.coldUsers, coldItems: options.coldItems } : coldOf(train, test);
  const threshold = relevanceThreshold(train);
  const explicit = train.explicit && test.explicit && model.predictsRatings !== false;

  // Rating metrics over every test pair.
  const errAll = new ErrorMean();
  const errColdU = new ErrorMean();
  const errColdI = new ErrorMean();
  let outsideModel = 0;
  if (explicit)
    for (let r = 0; r < test.user.length; r++) {
      const u = test.user[r];
      const i = test.item[r];
      if (u >= nModelUsers || i >= nItems) {
        outsideModel++;
        continue;
      }
      const err = model.predict(u, i) - test.value[r];
      errAll.add(err);
      if (cold.coldUsers[u]) errColdU.add(err);
      if (cold.coldItems[i]) errColdI.add(err);
    }

  // Ranking metrics over a sample of the users with something relevant in test.
  const testRows = userRows(test);
  const trainRows = userRows(train);
  const eligible: number[] = [];
  for (let u = 0; u < test.users.length; u++)
    for (let p = testRows.start[u]; p < testRows.start[u + 1]; p++)
      if (testRows.value[p] >= threshold) {
        eligible.push(u);
        break;
      }
  const maxEvalUsers = options.maxEvalUsers ?? RECOMMEND_DEFAULTS.maxEvalUsers;
  const evaluated = sampleUsers(eligible, maxEvalUsers, seed);

  const counts = new Float64Array(nItems);
  for (let r = 0; r < train.item.length; r++) counts[train.item[r]]++;
  const percentile = popularityPercentiles(counts);
  const rankAll = new CurveMean(maxK);
  const rankColdU = new CurveMean(maxK);
  const rankColdI = new CurveMean(maxK);
  const covered = new Uint8Array(nItems);
  let recommended = 0;
  let percentileSum = 0;
  let popularitySum = 0;
  const perUser = { user: [] as number[], ndcg: [] as number[] };
  const scores = new Float32Array(nItems);
  for (const u of evaluated) {
    if (u < nModelUsers) model.scoreAll(u, scores);
    else scores.set(model.scoreCold?.(new Map()) ?? new Float32Array(nItems));
    if (u < train.users.length) for (let p = trainRows.start[u]; p < trainRows.start[u + 1]; p++) scores[trainRows.item[p]] = -Infinity;
    const ranked = topK(scores, maxK);
    const relevant = new Set<number>();
    const relevantCold = new Set<number>();
    for (let p = testRows.start[u]; p < testRows.start[u + 1]; p++)
      if (testRows.value[p] >= threshold) {
        relevant.add(testRows.item[p]);
        if (cold.coldItems[testRows.item[p]]) relevantCold.add(testRows.item[p]);
      }
    const curves = rankingCurves(ranked, relevant, maxK);
    rankAll.add(curves);
    if (cold.coldUsers[u]) rankColdU.add(curves);
    if (relevantCold.size) rankColdI.add(rankingCurves(ranked, relevantCold, maxK));
    perUser.user.push(u);
    perUser.ndcg.push(curves.ndcg[k - 1]);
    for (let r = 0; r < Math.min(k, ranked.length); r++) {
      const i = ranked[r];
      covered[i] = 1;
      recommended++;
      percentileSum += percentile[i];
      popularitySum += counts[i];
    }
  }

  let nCovered = 0;
  for (let i = 0; i < nItems; i++) nCovered += covered[i];
  const group = (users: CurveMean, err: ErrorMean): MetricGroup => ({ users: users.users, rating: err.result(), ranking: users.mean() });
  const anyColdU = cold.coldUsers.some((c) => c === 1);
  const anyColdI = cold.coldItems.some((c) => c === 1);
  return {
    k,
    maxK,
    relevantThreshold: Number.isFinite(threshold) ? threshold : null,
    all: group(rankAll, errAll),
    coldUsers: anyColdU ? group(rankColdU, errColdU) : null,
    coldItems: anyColdI ? group(rankColdI, errColdI) : null,
    coverage: nItems ? nCovered / nItems : 0,
    popularityPercentile: recommended ? percentileSum / recommended : 0,
    averagePopularity: recommended ? popularitySum / recommended : 0,
    perUser,
    sample: { eligible: eligible.length, evaluated: evaluated.length, capped: evaluated.length < eligible.length, seed },
    outsideModel,
  };
}

/** The value of one ranking metric at k (k within 1 … maxK). */
export function metricAt(curves: RankingCurves, metric: RankingMetricName, k: number): number {
  return curves[metric][k - 1];
}
