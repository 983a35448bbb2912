/**
 * Two recommender runs compared user by user: each evaluated user's ndcg@k under A and under B, paired
 * on the users both evaluated (they must be the same users at the same k, or the comparison is refused
 * before anything is computed). A paired bootstrap of the mean difference and a paired t-test.
 */
import type { CompareResultDto, RunPredictionsDto } from '../../../shared/api/runs-dto';
import { correctedResampledT, pairedBootstrap, verdict } from '../../../models/stats/ab';

type Points = NonNullable<RunPredictionsDto['recommendPoints']>;

/** Why two runs' per-user points cannot be paired, or null when they can. */
export function differentUsers(pa: RunPredictionsDto, pb: RunPredictionsDto): string | null {
  const ua = pa.recommendPoints;
  const ub = pb.recommendPoints;
  if (!ua || !ub) return 'one of them has no per-user points (a recommender and another kind of run)';
  if (ua.k !== ub.k) return `their lists are cut at different k (${ua.k} and ${ub.k})`;
  if (ua.users.length !== ub.users.length || ua.users.some((u, i) => u !== ub.users[i])) {
    return `they evaluated different users (${ua.users.length} and ${ub.users.length}); train both on the same data, split and seed`;
  }
  return null;
}

export interface RecommendCompareOptions {
  metric?: string;
  margin: number;
  resamples: number;
  onProgress(f: number): void;
}

export function compareRecommenders(a: string, b: string, pa: RunPredictionsDto, pb: RunPredictionsDto, o: RecommendCompareOptions): CompareResultDto {
  const points = pa.recommendPoints as Points;
  const metric = o.metric ?? 'ndcg';
  const va = pa.values;
  const vb = pb.values;
  const n = va.length;
  const mean = (v: readonly number[], rows: Uint32Array) => {
    let s = 0;
    for (const r of rows) s += v[r];
    return rows.length ? s / rows.length : 0;
  };
  const all = new Uint32Array(n).map((_, i) => i);
  const difference = pairedBootstrap(n, (rows) => ({ a: mean(va, rows), b: mean(vb, rows) }), { resamples: o.resamples, seed: 20261124, onProgress: o.onProgress });
  const v = verdict(metric, difference, o.margin, (x) => x.toPrecision(3));
  const diffs = vb.map((x, i) => x - va[i]);
  const t = n > 1 ? correctedResampledT(diffs, 0) : null;
  return {
    a, b, metric, lowerIsBetter: false, valueA: mean(va, all), valueB: mean(vb, all), rows: n,
    difference: { ...difference, resamples: o.resamples }, margin: o.margin, verdict: v.verdict, text: `${v.text} (ndcg@${points.k} per user, ${n} users)`,
    mcnemar: null, correctedT: null, pairedT: t,
  };
}
