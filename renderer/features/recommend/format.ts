import type { RecommendArgs } from '../../../shared/api/methods/recommend';
import type { RecommendMetricsDto, RecommendReportDto } from '../../../shared/api/recommend-dto';
import type { RunDetailDto } from '../../../shared/api/runs-dto';
import { RECOMMEND_MODEL_SPECS, type RecommendModelId } from '../../../shared/families/recommend';
import { formatMetric } from '../experiments/format';

/** Recommender runs get their own page instead of the tabular report. */
export const isRecommendRun = (run: Pick<RunDetailDto, 'task'>) => run.task === 'recommend';

export const recommendReportOf = (run: RunDetailDto): RecommendReportDto | null => run.recommend ?? null;
export const recommendSpecOf = (run: RunDetailDto): RecommendArgs | null => run.recommendSpec ?? null;

export const modelLabel = (id: string | null | undefined) => (id && RECOMMEND_MODEL_SPECS[id as RecommendModelId]?.label) || id || 'recommender';

/** The model the run asked for: the report's once done, the stored arguments' before. */
export const recommendModelOf = (run: RunDetailDto): string => recommendReportOf(run)?.model ?? recommendSpecOf(run)?.model ?? run.family ?? 'recommender';

/** One headline figure: its key in the metrics, its name and what it means. */
export interface HeadlineMetric {
  key: string;
  label: string;
  title: string;
  value: string;
}

const share = (v: number | undefined) => (v === undefined || !Number.isFinite(v) ? '—' : `${(v * 100).toFixed(1)} %`);

/** The headline figures in the order the page shows them; RMSE and MAE only with ratings. */
export function headlineMetrics(m: RecommendMetricsDto, k: number): HeadlineMetric[] {
  const at = (name: string) => m[`${name}At${k}`];
  const out: HeadlineMetric[] = [
    { key: 'ndcg', label: `nDCG@${k}`, title: 'Normalised discounted cumulative gain: relevant items near the top count most (1 = ideal order).', value: formatMetric(at('ndcg')) },
    { key: 'precision', label: `Precision@${k}`, title: `Share of the ${k} recommended items that were relevant.`, value: formatMetric(at('precision')) },
    { key: 'recall', label: `Recall@${k}`, title: `Share of each user’s relevant held-out items found in the top ${k}.`, value: formatMetric(at('recall')) },
    { key: 'map', label: `MAP@${k}`, title: 'Mean average precision: precision at each hit, averaged.', value: formatMetric(at('map')) },
    { key: 'hitRate', label: `Hit rate@${k}`, title: `Share of users with at least one relevant item in their top ${k}.`, value: formatMetric(at('hitRate')) },
    { key: 'mrr', label: `MRR@${k}`, title: 'Mean reciprocal rank of the first relevant item.', value: formatMetric(at('mrr')) },
  ];
  if (m.rmse !== undefined) out.push({ key: 'rmse', label: 'RMSE', title: 'Root mean squared error of the predicted ratings on held-out interactions.', value: formatMetric(m.rmse) });
  if (m.mae !== undefined) out.push({ key: 'mae', label: 'MAE', title: 'Mean absolute error of the predicted ratings.', value: formatMetric(m.mae) });
  out.push(
    { key: 'coverage', label: 'Coverage', title: `Share of the catalogue that appears in some evaluated user’s top ${k}.`, value: share(m.coverage) },
    { key: 'popularityBias', label: 'Popularity bias', title: 'Mean popularity percentile of recommended items: 50 % is what random lists score, near 100 % recommends only the best-sellers.', value: share(m.popularityBias) },
  );
  return out;
}

/** A 0..1 share as a percentage with one decimal. */
export const formatShare = share;

/** "1 user" / "1,204 users". */
export const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString()} ${n === 1 ? one : many}`;
