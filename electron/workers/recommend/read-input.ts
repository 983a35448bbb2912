/**
 * A recommender run's data, read once from the database: the interactions (and the test dataset's),
 * built into the engine's index space and split, plus the item and user features along that space.
 */
import type { Database } from 'better-sqlite3';
import { ApiError } from '../../../shared/api/errors';
import type { RecommendJobArgs } from '../../../shared/api/jobs';
import { RECOMMEND_DEFAULTS } from '../../../shared/families/recommend';
import { buildInteractions, RecommendDataError, type BuildResult, type InteractionInput } from '../../../models/recommend/data';
import { coldOf, splitInteractions, type InteractionSplit } from '../../../models/recommend/split';
import type { Interactions, ItemFeatures, UserFeatures } from '../../../models/recommend/types';
import { readInteractionRows, type InteractionRows, type RecommendDatasetRole } from '../../data/recommend/columns';
import { readItemFeatures, readUserFeatures, type FeatureRead } from '../../data/recommend/features';

export interface RecommendInput {
  all: Interactions;
  split: InteractionSplit;
  itemFeatures: FeatureRead<ItemFeatures> | null;
  userFeatures: FeatureRead<UserFeatures> | null;
  /** Rows read from the dataset (and the test dataset). */
  rows: number;
  merged: number;
  skipped: BuildResult['skipped'];
  timeUnit: InteractionRows['timeUnit'];
}

function asInput(a: RecommendJobArgs, rows: InteractionRows): InteractionInput {
  const valueName = a.rating ?? a.event ?? a.count;
  const value = valueName && rows.value ? { name: valueName, values: rows.value } : undefined;
  return {
    user: { name: a.user, values: rows.user },
    item: { name: a.item, values: rows.item },
    rating: a.rating ? value : undefined,
    event: a.event ? value : undefined,
    count: a.count ? value : undefined,
    time: a.time && rows.time ? { name: a.time, values: rows.time } : undefined,
  };
}

/** The engine's data errors name a column; the user sees the field that column was given for. */
function build(a: RecommendJobArgs, rows: InteractionRows, role: RecommendDatasetRole, into?: Interactions): BuildResult {
  try {
    return buildInteractions(asInput(a, rows), { eventWeights: a.weights, users: into?.users, items: into?.items });
  } catch (e) {
    if (!(e instanceof RecommendDataError)) throw e;
    const byColumn: Record<string, string> = { [a.user]: 'user', [a.item]: 'item' };
    for (const k of ['rating', 'event', 'count', 'time'] as const) if (a[k]) byColumn[a[k]!] = k;
    const field = role === 'testDataset' ? 'testDataset' : (byColumn[e.field] ?? e.field);
    throw new ApiError('bad_request', `${role === 'testDataset' ? 'The test dataset: ' : ''}${e.message}`, { field });
  }
}

/** Rows of the dataset cut to the first `limit` (an earlier version of a file that grows keeps its rows first). */
function firstRows(r: InteractionRows, limit: number | undefined): InteractionRows {
  if (limit === undefined || limit >= r.rows) return r;
  return { ...r, rows: limit, user: r.user.slice(0, limit), item: r.item.slice(0, limit), value: r.value?.slice(0, limit) ?? null, time: r.time?.slice(0, limit) ?? null };
}

/** `limit`: read only the dataset's first rows (what a run on an earlier version of it read). */
export function readRecommendInput(db: Database, a: RecommendJobArgs, limit?: number): RecommendInput {
  const roles = { user: a.user, item: a.item, rating: a.rating, event: a.event, count: a.count, time: a.time };
  const trainRows = firstRows(readInteractionRows(db, a.datasetId, roles), limit);
  const built = build(a, trainRows, 'dataset');
  let all = built.interactions;
  let split: InteractionSplit;
  let rows = trainRows.rows;
  let merged = built.merged;
  const skipped = { ...built.skipped };
  if (a.testDatasetId) {
    const testRows = readInteractionRows(db, a.testDatasetId, { ...roles, time: undefined }, 'testDataset');
    const test = build(a, { ...testRows, time: null }, 'testDataset', all);
    // The test set's new users and items join the index space; training never saw them (cold).
    const t = test.interactions;
    all = { ...all, users: t.users, items: t.items };
    const testSet: Interactions = { ...t, time: null, explicit: all.explicit, scale: all.scale };
    split = { train: all, test: testSet, ...coldOf(all, testSet) };
    rows += testRows.rows;
    merged += test.merged;
    for (const k of ['user', 'item', 'value'] as const) skipped[k] += test.skipped[k];
  } else {
    const kind = a.split === 'test' ? 'random' : a.split;
    split = splitInteractions(all, { split: kind, seed: a.seed, testShare: RECOMMEND_DEFAULTS.testShare, lastN: RECOMMEND_DEFAULTS.lastN });
  }
  if (split.test.user.length === 0) throw new ApiError('bad_request', `The ${a.split} split held out no interactions: every user has a single one`, { field: 'split' });
  const itemFeatures = a.itemFeaturesId && a.itemKey ? readItemFeatures(db, a.itemFeaturesId, a.itemKey, all.items) : null;
  const userFeatures = a.userFeaturesId && a.userKey ? readUserFeatures(db, a.userFeaturesId, a.userKey, all.users) : null;
  return { all, split, itemFeatures, userFeatures, rows, merged, skipped, timeUnit: trainRows.timeUnit };
}
