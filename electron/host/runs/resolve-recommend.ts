/**
 * Turns what a user asked for (dialog, CLI, re-run) into the complete recommender run the worker fits:
 * datasets by id, every column checked (types, event types against their weights, feature keys that
 * reach the interactions), the split made explicit, and every model parameter resolved from its schema.
 * Each refusal names the field at fault. Stored as is.
 */
import { ApiError } from '../../../shared/api/errors';
import type { RecommendArgs } from '../../../shared/api/methods/recommend';
import type { RecommendJobArgs } from '../../../shared/api/jobs';
import { RECOMMEND_MODEL_SPECS } from '../../../shared/families/recommend';
import { anyKeyMatches, checkRecommendColumns, distinctText, valueRole, type RecommendRoles } from '../../data/recommend/columns';
import { featureKey, type FeatureRole } from '../../data/recommend/features';
import type { HostContext } from '../handlers/types';
import { resolveRecommendWarmStart } from './warm-start';
import { resolveRecommendParams, type ResolvedRecommendParams } from './recommend-params';
import { canonicalNcfArch, readNcfArch } from '../../../shared/nn/families';

export type ResolvedRecommend = Omit<RecommendJobArgs, 'runId'>;

/** Event types read to check the weights (an event column with more is not a column of event types). */
const MAX_EVENT_TYPES = 1000;

export function rolesOf(a: Pick<RecommendArgs, 'user' | 'item' | 'rating' | 'event' | 'count' | 'time'>): RecommendRoles {
  return { user: a.user, item: a.item, rating: a.rating, event: a.event, count: a.count, time: a.time };
}

export function resolveRecommend(ctx: HostContext, args: RecommendArgs): ResolvedRecommend {
  const datasets = ctx.repos.datasets;
  const datasetId = datasets.resolve(args.dataset, 'dataset');
  const testDatasetId = args.testDataset ? datasets.resolve(args.testDataset, 'testDataset') : null;
  // A test dataset is the held-out interactions: the split is 'test' whatever else was asked.
  const split = testDatasetId ? 'test' : args.split;
  if (split === 'test' && !testDatasetId) throw new ApiError('bad_request', "The 'test' split needs a test dataset", { field: 'testDataset' });
  const roles = rolesOf(args);
  const cols = checkRecommendColumns(datasets.columns(datasetId), roles);
  if (testDatasetId) checkRecommendColumns(datasets.columns(testDatasetId), { ...roles, time: undefined }, 'testDataset');
  const value = valueRole(roles);
  if (value === 'event') checkWeights(ctx, datasetId, args, cols.get(args.event!)!);
  else if (args.weights !== undefined) throw new ApiError('bad_request', 'Weights apply to an event column; give --event too, or leave the weights out', { field: 'weights' });
  if ((split === 'last' || split === 'time') && !args.time) throw new ApiError('bad_request', `The '${split}' split orders interactions by time: give a time column`, { field: 'time' });
  const itemFeaturesId = featureDataset(ctx, args, 'itemFeatures', datasetId, cols.get(args.item)!);
  const userFeaturesId = featureDataset(ctx, args, 'userFeatures', datasetId, cols.get(args.user)!);
  const spec = RECOMMEND_MODEL_SPECS[args.model];
  if (spec.needsItemFeatures && !itemFeaturesId) throw new ApiError('bad_request', `The ${spec.label} model needs an item features dataset`, { field: 'itemFeatures' });
  const params = withCheckedNcfArch(args.model, resolveRecommendParams(args.model, args.params));
  if (args.model === 'popularity' && Number(params.halfLifeDays) > 0 && !args.time) {
    throw new ApiError('bad_request', 'A half-life weighs interactions by their age: give a time column, or set halfLifeDays to 0', { field: 'params.halfLifeDays' });
  }
  const warmStartFrom = args.warmStartFrom ? resolveRecommendWarmStart(ctx, args.warmStartFrom, args) : undefined;
  // Field by field: a caller's object may carry more than the contract.
  return {
    dataset: datasetId, datasetId, testDataset: testDatasetId ?? undefined, testDatasetId,
    user: args.user, item: args.item, rating: args.rating, event: args.event, weights: args.weights, count: args.count, time: args.time,
    itemFeatures: itemFeaturesId ?? undefined, itemFeaturesId, itemKey: itemFeaturesId ? args.itemKey : undefined,
    userFeatures: userFeaturesId ?? undefined, userFeaturesId, userKey: userFeaturesId ? args.userKey : undefined,
    model: args.model, split, k: args.k, params, seed: args.seed, warmStartFrom,
  };
}

/** Every event type in the column needs a weight, and a weight for a type the column lacks is a typo. */
function checkWeights(ctx: HostContext, datasetId: string, args: RecommendArgs, column: Parameters<typeof distinctText>[2]): void {
  const weights = args.weights ?? {};
  if (Object.keys(weights).length === 0) throw new ApiError('bad_request', `The event column '${args.event}' needs a weight for each event type, e.g. view=1,purchase=5`, { field: 'weights' });
  const types = distinctText(ctx.db, datasetId, column, MAX_EVENT_TYPES + 1);
  if (types.length > MAX_EVENT_TYPES) throw new ApiError('bad_request', `'${args.event}' has more than ${MAX_EVENT_TYPES} different values: not a column of event types`, { field: 'event' });
  const unweighted = types.filter((t) => !Object.prototype.hasOwnProperty.call(weights, t));
  if (unweighted.length) {
    throw new ApiError('bad_request', `The event column '${args.event}' has types without a weight: ${unweighted.slice(0, 10).join(', ')}${unweighted.length > 10 ? ', …' : ''}`, { field: 'weights', missing: unweighted.slice(0, 50) });
  }
  const unseen = Object.keys(weights).filter((w) => !types.includes(w));
  if (unseen.length) throw new ApiError('bad_request', `Weights name event types '${args.event}' never holds: ${unseen.join(', ')} (it holds ${types.join(', ')})`, { field: 'weights' });
}

/** An item or user features dataset: resolved, its key present and matching some interaction ids. */
function featureDataset(ctx: HostContext, args: RecommendArgs, role: FeatureRole, datasetId: string, idColumn: Parameters<typeof anyKeyMatches>[4]): string | null {
  const keyField = role === 'itemFeatures' ? 'itemKey' : 'userKey';
  const ref = args[role];
  const key = args[keyField];
  const what = role === 'itemFeatures' ? 'item' : 'user';
  if (!ref) {
    if (key !== undefined) throw new ApiError('bad_request', `A ${keyField} joins ${what} features: give the ${what} features dataset too`, { field: role });
    return null;
  }
  const id = ctx.repos.datasets.resolve(ref, role);
  if (key === undefined) throw new ApiError('bad_request', `The ${what} features need the column that holds the ${what} id (${keyField})`, { field: keyField });
  const keyCol = featureKey(ctx.repos.datasets.columns(id), key, role);
  if (!anyKeyMatches(ctx.db, id, keyCol, datasetId, idColumn)) {
    throw new ApiError('bad_request', `No value of '${key}' in the ${what} features matches a ${what} of '${what === 'item' ? args.item : args.user}' in the interactions`, { field: keyField });
  }
  return id;
}

/**
 * ncf's own architecture, checked before anything is recorded (each problem names the layer) and stored
 * with every default filled and no input (the data's users and items set it), so a re-run builds that network.
 */
function withCheckedNcfArch(model: RecommendArgs['model'], params: ResolvedRecommendParams): ResolvedRecommendParams {
  if (model !== 'ncf' || typeof params.arch !== 'string' || !params.arch.trim()) return params;
  const r = readNcfArch(params.arch);
  if (!r.ok) throw new ApiError('bad_request', `Invalid ncf architecture: ${r.problems.map((p) => p.message).join('; ')}`, { field: 'params.arch', problems: r.problems });
  return { ...params, arch: canonicalNcfArch(params.arch) };
}
