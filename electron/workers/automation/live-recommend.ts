/**
 * A recommender champion's live quality for the metric trigger: ndcg@k (its run's k) for the users it knows,
 * on the relevant interactions of the data that are not among its training pairs (new interactions, and its
 * own held-out ones), ranking over the items it knows with those it trained on for the user left out, as its
 * run measured it; the baseline is that run's ndcg. Users it does not know are left out (their only history
 * would be the interactions being judged).
 */
import type { Database } from 'better-sqlite3';
import type { RunsRepo } from '../../data/db/repos/runs-repo';
import { DatasetVersions } from '../../data/db/repos/dataset-versions';
import { ApiError } from '../../../shared/api/errors';
import { PAIRED_METRIC } from '../../../shared/api/compare-rows';
import type { RunDetailDto } from '../../../shared/api/runs-dto';
import type { PlanLiveMetricDto } from '../../../shared/automation/evaluate';
import { RECOMMEND_DEFAULTS, recommendMetricKey } from '../../../shared/families/recommend';
import { loadRecommender } from '../../../models/recommend/fit';
import { rankingCurves } from '../../../models/recommend/metrics';
import { relevanceThreshold, topK } from '../../../models/recommend/ranking';
import type { RecommenderArtifact } from '../../../models/recommend/types';
import { mulberry32 } from '../../../models/split/prng';
import { readRecommendInput } from '../recommend/read-input';
import type { TaskContext } from '../protocol';
import { byUser, jobArgs, scorer } from './recommend-lists';

export async function liveRecommendMetric(db: Database, repo: RunsRepo, champion: RunDetailDto, datasetId: string, ctx: Pick<TaskContext, 'cancelled' | 'progress'>): Promise<PlanLiveMetricDto> {
  const artifact = repo.artifact<RecommenderArtifact>(champion.id, 'model');
  if (!artifact) throw new ApiError('bad_request', 'The champion has no stored recommender model');
  const metric = PAIRED_METRIC.recommend;
  const k = champion.recommendSpec!.k;
  const out: PlanLiveMetricDto = { metric, lowerIsBetter: false, value: null, baseline: champion.metrics?.[recommendMetricKey(metric, k)] ?? null, rows: 0, unit: 'users' };
  const trainedRows = champion.datasetId ? new DatasetVersions(db).rows(champion.datasetId, champion.datasetVersion ?? 1).rows : 0;
  const { train } = readRecommendInput(db, jobArgs(champion), trainedRows).split;
  const seen = byUser(train);
  const now = readRecommendInput(db, { ...jobArgs(champion), datasetId, testDatasetId: null }).all;
  const threshold = relevanceThreshold(train);
  const model = await loadRecommender(artifact);
  const known = new Set(model.users);
  const relevant = new Map<string, Set<string>>();
  for (let r = 0; r < now.user.length; r++) {
    const u = now.users[now.user[r]];
    const item = now.items[now.item[r]];
    if (!known.has(u) || seen.get(u)?.has(item) || now.value[r] < threshold) continue;
    if (!relevant.has(u)) relevant.set(u, new Set());
    relevant.get(u)!.add(item);
  }
  let users = [...relevant.keys()].sort();
  if (users.length === 0) return out;
  if (users.length > RECOMMEND_DEFAULTS.maxEvalUsers) {
    const rand = mulberry32(champion.recommendSpec!.seed);
    for (let i = 0; i < RECOMMEND_DEFAULTS.maxEvalUsers; i++) {
      const j = i + Math.floor(rand() * (users.length - i));
      [users[i], users[j]] = [users[j], users[i]];
    }
    users = users.slice(0, RECOMMEND_DEFAULTS.maxEvalUsers).sort();
  }
  ctx.progress(0.2, `ranking for ${users.length.toLocaleString('en-US')} users with the champion`);
  const catalogue = now.items;
  const itemIndex = new Map(catalogue.map((it, i) => [it, i]));
  const score = scorer(model, catalogue);
  const none = new Map<string, number>();
  let sum = 0;
  for (const u of users) {
    if (ctx.cancelled()) return out;
    const history = seen.get(u) ?? none;
    const exclude = new Set<number>();
    for (const item of history.keys()) if (itemIndex.has(item)) exclude.add(itemIndex.get(item)!);
    const rel = new Set([...relevant.get(u)!].map((item) => itemIndex.get(item)!));
    sum += rankingCurves(topK(score(u, history), k, exclude), rel, k)[metric][k - 1];
  }
  return { ...out, value: sum / users.length, rows: users.length };
}
