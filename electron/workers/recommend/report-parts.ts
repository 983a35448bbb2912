/** The engine's evaluation as the report's and the CLI's shapes. */
import type { RankingAtKDto, RecommendMetricsDto, RecommendReportDto, RecommendSliceDto } from '../../../shared/api/recommend-dto';
import type { RunPredictionsDto } from '../../../shared/api/runs-dto';
import type { MetricGroup, RecommendEvaluation } from '../../../models/recommend/metrics';
import type { Interactions, Recommender, RecommenderArtifact } from '../../../models/recommend/types';
import type { RecommendModelId } from '../../../shared/families/recommend';

/** Metric keys at k, as `--json` prints them: precisionAt10, ndcgAt10, … */
export const atKey = (metric: string, k: number) => `${metric}At${k}`;

function rankingAt(group: MetricGroup, maxK: number): RankingAtKDto[] {
  const r = group.ranking;
  if (!r) return [];
  return Array.from({ length: maxK }, (_, j) => ({
    k: j + 1, precision: r.precision[j], recall: r.recall[j], ndcg: r.ndcg[j], map: r.map[j], hitRate: r.hitRate[j], mrr: r.mrr[j],
  }));
}

export function sliceOf(group: MetricGroup | null, maxK: number): RecommendSliceDto | null {
  if (!group) return null;
  const out: RecommendSliceDto = { users: group.users, atK: rankingAt(group, maxK) };
  if (group.rating) {
    out.rmse = group.rating.rmse;
    out.mae = group.rating.mae;
  }
  return out;
}

/** The headline metrics at the run's k; rating metrics only with ratings. */
export function metricsOf(ev: RecommendEvaluation): RecommendMetricsDto {
  const m: RecommendMetricsDto = { coverage: ev.coverage, popularityBias: ev.popularityPercentile };
  if (ev.all.rating) {
    m.rmse = ev.all.rating.rmse;
    m.mae = ev.all.rating.mae;
  }
  const r = ev.all.ranking;
  for (const name of ['precision', 'recall', 'ndcg', 'map', 'hitRate', 'mrr'] as const) m[atKey(name, ev.k)] = r ? r[name][ev.k - 1] : 0;
  // Key order as printed: rating metrics, the ranking ones, then coverage and bias.
  const { coverage, popularityBias, ...rest } = m;
  return { ...rest, coverage, popularityBias };
}

/** Metrics as the run row stores them (finite numbers only). */
export function storedMetrics(m: RecommendMetricsDto): Record<string, number> {
  return Object.fromEntries(Object.entries(m).filter((e): e is [string, number] => typeof e[1] === 'number' && Number.isFinite(e[1])));
}

/** Each evaluated user's ndcg@k, by user id, for paired comparisons (compare-task). */
export function perUserPoints(ev: RecommendEvaluation, test: Interactions, relevantCount: (u: number) => number): RunPredictionsDto {
  const n = ev.perUser.user.length;
  return {
    rows: Array.from({ length: n }, (_, i) => i),
    actual: ev.perUser.user.map(relevantCount),
    values: ev.perUser.ndcg,
    probabilities: null,
    classes: null,
    recommendPoints: { users: ev.perUser.user.map((u) => test.users[u]), k: ev.k, metric: 'ndcg' },
  };
}

/** A hybrid's fitted blend weights, read from its artifact (the members it stores, with their weights). */
export function blendOf(model: Recommender, artifact: RecommenderArtifact): RecommendReportDto['blend'] {
  if (model.model !== 'hybrid') return null;
  const members = (artifact.state as { members?: { weight?: unknown; artifact?: { model?: unknown } }[] } | null)?.members;
  if (!Array.isArray(members)) return null;
  return members.map((m) => ({ member: String(m.artifact?.model) as RecommendModelId, weight: Number(m.weight) }));
}
