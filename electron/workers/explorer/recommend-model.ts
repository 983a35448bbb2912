/**
 * A recommender run as the explorer holds it: the engine's model rebuilt from the run's artifact, every
 * interaction of its data in the model's index space (what each user already has, their history, counts),
 * item labels from the item features, and the cold-start parts any model can fall back on (fitted on
 * first need when the model does not carry its own). Loaded once per run; answers then take milliseconds.
 */
import type { Database } from 'better-sqlite3';
import { ApiError } from '../../../shared/api/errors';
import type { RecommendArgs } from '../../../shared/api/methods/recommend';
import { buildInteractions } from '../../../models/recommend/data';
import { loadRecommender } from '../../../models/recommend/fit';
import { fitPopularity } from '../../../models/recommend/popularity';
import { fitContent } from '../../../models/recommend/content';
import { userRows, type UserRows } from '../../../models/recommend/ranking';
import type { ColdStartModels } from '../../../models/recommend/coldStart';
import type { ColdStartParts, Interactions, ItemFeatures, Recommender, RecommenderArtifact, UserFeatures } from '../../../models/recommend/types';
import { selectBackend } from '../../../models/mlp/backend';
import { openDatabase } from '../../data/db/open';
import { RunsRepo } from '../../data/db/repos/runs-repo';
import { readInteractionRows, type InteractionRows, type RecommendRoles } from '../../data/recommend/columns';
import { readItemFeatures, readUserFeatures, type FeatureRead } from '../../data/recommend/features';

export interface RecommendModel {
  runId: string;
  model: Recommender;
  spec: RecommendArgs;
  /** Every interaction of the run's data (and its test dataset), in the model's index space. */
  data: Interactions;
  /** `data` grouped by user. */
  rows: UserRows;
  userIndex: Map<string, number>;
  itemIndex: Map<string, number>;
  /** Interactions per item, for "popular" reasons. */
  itemCounts: Int32Array;
  /** A title or name per item, from the item features; null without them. */
  labels: (string | null)[] | null;
  itemFeatures: FeatureRead<ItemFeatures> | null;
  userFeatures: FeatureRead<UserFeatures> | null;
  /** Whether the model trained on a user (the hybrid says; otherwise any index it has). */
  known(user: number): boolean;
  /** The cold-start chain's models: the model's own parts, else fitted on `data` the first time they are needed. */
  cold(): ColdStartModels;
}

/** Column names read as an item's title, best first. */
const LABEL_NAMES = [/^(title|name|label)$/i, /title|name/i];

function labelsOf(f: FeatureRead<ItemFeatures> | null): (string | null)[] | null {
  if (!f) return null;
  const candidates = [...f.kinds.text, ...f.kinds.categories];
  const column = LABEL_NAMES.map((re) => candidates.find((c) => re.test(c))).find(Boolean) ?? f.kinds.text[0];
  if (!column) return null;
  return f.features.text[column] ?? f.features.categories[column] ?? null;
}

const rolesOf = (a: RecommendArgs): RecommendRoles => ({ user: a.user, item: a.item, rating: a.rating, event: a.event, count: a.count, time: a.time });

/** The run's interactions (its test dataset's too: those are also things people already have), in the model's ids. */
function readData(db: Database, spec: RecommendArgs, artifact: RecommenderArtifact): Interactions {
  const main = readInteractionRows(db, spec.dataset, rolesOf(spec));
  let rows: InteractionRows = main;
  if (spec.testDataset) {
    const test = readInteractionRows(db, spec.testDataset, { ...rolesOf(spec), time: undefined }, 'testDataset');
    const time = main.time ? Float64Array.from({ length: main.rows + test.rows }, (_, r) => (r < main.rows ? main.time![r] : NaN)) : null;
    rows = { ...main, rows: main.rows + test.rows, user: [...main.user, ...test.user], item: [...main.item, ...test.item], value: main.value && test.value ? [...main.value, ...test.value] : null, time };
  }
  const valueName = spec.rating ?? spec.event ?? spec.count;
  const value = valueName && rows.value ? { name: valueName, values: rows.value } : undefined;
  const built = buildInteractions(
    {
      user: { name: spec.user, values: rows.user },
      item: { name: spec.item, values: rows.item },
      rating: spec.rating ? value : undefined,
      event: spec.event ? value : undefined,
      count: spec.count ? value : undefined,
      time: spec.time && rows.time ? { name: spec.time, values: rows.time } : undefined,
    },
    { eventWeights: spec.weights, users: artifact.users, items: artifact.items },
  );
  return built.interactions;
}

function countItems(data: Interactions): Int32Array {
  const out = new Int32Array(data.items.length);
  for (const i of data.item) out[i]++;
  return out;
}

export async function loadRecommendModel(databasePath: string, nativeBinding: string | undefined, runId: string): Promise<RecommendModel> {
  const db = openDatabase(databasePath, { nativeBinding, readonly: true });
  let base: Omit<RecommendModel, 'model' | 'known' | 'cold'>;
  let artifact: RecommenderArtifact;
  try {
    const repo = new RunsRepo(db);
    const run = repo.get(runId, 0);
    if (run.task !== 'recommend') {
      throw new ApiError('bad_request', `Run ${run.id.slice(0, 8)} is not a recommender (its task is ${run.task ?? 'unknown'}); give a run of lathe train --task recommend`, { field: 'model' });
    }
    const found = repo.artifact<RecommenderArtifact>(run.id, 'model');
    const spec = repo.recommendArgs(run.id);
    if (!found || !spec) throw new ApiError('bad_request', `Run ${run.id.slice(0, 8)} has no model to recommend from (status ${run.status})`, { field: 'model' });
    if (!run.datasetId) throw new ApiError('not_found', `The dataset of run ${run.id.slice(0, 8)} was deleted`, { field: 'model' });
    artifact = found;
    const data = readData(db, spec, artifact);
    const itemFeatures = spec.itemFeatures && spec.itemKey ? readItemFeatures(db, spec.itemFeatures, spec.itemKey, data.items) : null;
    const userFeatures = spec.userFeatures && spec.userKey ? readUserFeatures(db, spec.userFeatures, spec.userKey, data.users) : null;
    base = {
      runId: run.id, spec, data, rows: userRows(data),
      userIndex: new Map(data.users.map((u, i) => [u, i])), itemIndex: new Map(data.items.map((it, i) => [it, i])),
      itemCounts: countItems(data), labels: labelsOf(itemFeatures), itemFeatures, userFeatures,
    };
  } finally {
    db.close();
  }
  if (artifact.model === 'ncf') await selectBackend();
  const model = await loadRecommender(artifact);
  const parts = (model as Recommender & { coldStartParts?: () => ColdStartParts }).coldStartParts?.() ?? null;
  const known = parts ? (u: number) => parts.known(u) : (u: number) => u >= 0 && u < model.users.length;
  return { ...base, model, known, cold: coldParts(model, parts, known, base) };
}

/**
 * The fallback chain's parts: a model that lends its own (the hybrid) keeps them; content and popularity
 * are otherwise fitted on all the run's interactions the first time a cold answer needs them.
 */
function coldParts(model: Recommender, parts: ColdStartParts | null, known: (u: number) => boolean, m: Omit<RecommendModel, 'model' | 'known' | 'cold'>): () => ColdStartModels {
  let made: ColdStartModels | null = null;
  return () => {
    if (made) return made;
    // Fitted parts must score the model's own items, in its order (the data may only add ids after them).
    const nItems = model.items.length;
    const fit = (r: Recommender) => (r.items.length === nItems ? r : null);
    const features = m.itemFeatures?.features;
    const content = parts?.content ?? (model.model === 'content' ? model : features ? fit(fitContent(m.data, { itemFeatures: features, seed: m.spec.seed })) : null);
    const popularity = parts?.popularity ?? (model.model === 'popularity' ? model : fit(fitPopularity(m.data, { userFeatures: m.userFeatures?.features })));
    made = { main: model, content, popularity, known };
    return made;
  };
}
