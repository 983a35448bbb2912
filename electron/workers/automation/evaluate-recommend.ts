/**
 * Champion against challenger for recommenders, on held-out interactions neither trained on: the
 * challenger's held-out interactions (its split of the new data, read again) less every (user, item) pair
 * in the champion's training split (its version's rows, split as it split them). Each user with a
 * relevant such interaction gets one list from each model over the same catalogue, the items either model
 * trained on for that user left out; a model that does not know the user scores them from their history
 * (cold start) as the app would. Paired per user by the family's paired metric at the run's k.
 */
import type { Database } from 'better-sqlite3';
import type { RunsRepo } from '../../data/db/repos/runs-repo';
import { DatasetVersions } from '../../data/db/repos/dataset-versions';
import { ApiError } from '../../../shared/api/errors';
import { PAIRED_METRIC } from '../../../shared/api/compare-rows';
import type { RunDetailDto } from '../../../shared/api/runs-dto';
import type { PlanAbDto } from '../../../shared/automation/dto';
import type { PlanEvaluateArgs } from '../../../shared/automation/evaluate';
import { RECOMMEND_DEFAULTS } from '../../../shared/families/recommend';
import { loadRecommender } from '../../../models/recommend/fit';
import { rankingCurves } from '../../../models/recommend/metrics';
import { relevanceThreshold, topK } from '../../../models/recommend/ranking';
import type { RecommenderArtifact } from '../../../models/recommend/types';
import { mulberry32 } from '../../../models/split/prng';
import { readRecommendInput } from '../recommend/read-input';
import type { TaskContext } from '../protocol';
import { pairedAb } from './paired-ab';
import { byUser, jobArgs, scorer } from './recommend-lists';

export async function evaluateRecommend(db: Database, repo: RunsRepo, champion: RunDetailDto, challenger: RunDetailDto, args: PlanEvaluateArgs, ctx: TaskContext): Promise<PlanAbDto | null> {
  const artA = repo.artifact<RecommenderArtifact>(champion.id, 'model');
  const artB = repo.artifact<RecommenderArtifact>(challenger.id, 'model');
  if (!artA || !artB) throw new ApiError('bad_request', `The ${artA ? 'challenger' : 'champion'} has no stored recommender model`);
  // What the champion trained on: its version's rows (a file that grows keeps its older rows first), split as its run split them.
  const trainedRows = champion.datasetId ? new DatasetVersions(db).rows(champion.datasetId, champion.datasetVersion ?? 1).rows : 0;
  const seenA = byUser(readRecommendInput(db, jobArgs(champion), trainedRows).split.train);
  const input = readRecommendInput(db, jobArgs(challenger));
  const { train, test } = input.split;
  const seenB = byUser(train);
  const threshold = relevanceThreshold(train);
  const relevant = new Map<string, Set<string>>();
  let heldOut = 0;
  for (let r = 0; r < test.user.length; r++) {
    const u = test.users[test.user[r]];
    const item = test.items[test.item[r]];
    if (seenA.get(u)?.has(item)) continue;
    heldOut++;
    if (test.value[r] < threshold) continue;
    if (!relevant.has(u)) relevant.set(u, new Set());
    relevant.get(u)!.add(item);
  }
  let users = [...relevant.keys()].sort();
  const eligible = users.length;
  if (eligible === 0) throw new ApiError('conflict', `No held-out interaction is unseen by both models (the champion trained on ${trainedRows.toLocaleString('en-US')} rows); add new interactions to the source`);
  if (users.length > RECOMMEND_DEFAULTS.maxEvalUsers) {
    const rand = mulberry32(challenger.recommendSpec!.seed);
    for (let k = 0; k < RECOMMEND_DEFAULTS.maxEvalUsers; k++) {
      const j = k + Math.floor(rand() * (users.length - k));
      [users[k], users[j]] = [users[j], users[k]];
    }
    users = users.slice(0, RECOMMEND_DEFAULTS.maxEvalUsers).sort();
  }
  if (ctx.cancelled()) return null;
  ctx.progress(0.1, `ranking for ${users.length.toLocaleString('en-US')} users with both models`);
  const [modelA, modelB] = [await loadRecommender(artA), await loadRecommender(artB)];
  const catalogue = input.all.items;
  const [scoreA, scoreB] = [scorer(modelA, catalogue), scorer(modelB, catalogue)];
  const k = challenger.recommendSpec!.k;
  const metric = PAIRED_METRIC.recommend;
  const itemIndex = new Map(catalogue.map((it, i) => [it, i]));
  const none = new Map<string, number>();
  const perA: number[] = [];
  const perB: number[] = [];
  for (const u of users) {
    const history = seenB.get(u) ?? none;
    const exclude = new Set<number>();
    for (const seen of [seenA.get(u), history]) for (const item of seen?.keys() ?? []) if (itemIndex.has(item)) exclude.add(itemIndex.get(item)!);
    const rel = new Set([...relevant.get(u)!].map((item) => itemIndex.get(item)!));
    for (const [score, out] of [[scoreA, perA], [scoreB, perB]] as const) {
      out.push(rankingCurves(topK(score(u, history), k, exclude), rel, k)[metric][k - 1]);
    }
  }
  const mean = (v: number[], units: Uint32Array) => {
    let s = 0;
    for (const i of units) s += v[i];
    return units.length ? s / units.length : 0;
  };
  const n = users.length;
  const rowsNote = `${n.toLocaleString('en-US')} users with a relevant held-out interaction neither model trained on (${heldOut.toLocaleString('en-US')} of the challenger's ${test.user.length.toLocaleString('en-US')} held-out interactions are not among the champion's training pairs)` +
    (n < eligible ? `, a seeded sample of the ${eligible.toLocaleString('en-US')} eligible` : '') + `; ${metric}@${k} per user, items either model trained on for the user left out`;
  return pairedAb({ championRunId: champion.id, challengerRunId: challenger.id, metric, n, rowsNote, unit: 'users', score: (units) => ({ a: mean(perA, units), b: mean(perB, units) }) }, args, ctx);
}
