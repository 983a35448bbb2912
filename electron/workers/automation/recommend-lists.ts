/**
 * What a plan needs to rank items for users under a stored recommender: the run's spec as the worker reads its
 * interactions, each user's interactions by item, and one model's scores for a user over a shared catalogue
 * (from their history when the model does not know them, as the app would).
 */
import { ApiError } from '../../../shared/api/errors';
import type { RunDetailDto } from '../../../shared/api/runs-dto';
import type { RecommendJobArgs } from '../../../shared/api/jobs';
import type { Interactions, Recommender } from '../../../models/recommend/types';

/** The run's spec as the worker reads its interactions (features are not needed to tell pairs apart). */
export function jobArgs(run: RunDetailDto): RecommendJobArgs {
  const spec = run.recommendSpec!;
  if (!run.datasetId) throw new ApiError('bad_request', `The dataset run ${run.id.slice(0, 8)} trained on was deleted`);
  return { ...spec, runId: run.id, datasetId: run.datasetId, testDatasetId: run.testDatasetId, itemFeaturesId: null, userFeaturesId: null };
}

/** Item id → score for one user under one model, over `catalogue`; unknown users from their history. */
export function scorer(model: Recommender, catalogue: readonly string[]) {
  const users = new Map(model.users.map((u, i) => [u, i]));
  const items = new Map(model.items.map((it, i) => [it, i]));
  // Catalogue position → the model's item index (−1: an item the model never saw, which it cannot recommend).
  const at = Int32Array.from(catalogue, (item) => items.get(item) ?? -1);
  const own = new Float32Array(model.items.length);
  const out = new Float32Array(catalogue.length);
  return (user: string, history: ReadonlyMap<string, number>): Float32Array => {
    const u = users.get(user);
    let s: Float32Array | null = null;
    if (u !== undefined) s = model.scoreAll(u, own);
    else {
      const h = new Map<number, number>();
      for (const [item, v] of history) if (items.has(item)) h.set(items.get(item)!, v);
      s = model.scoreCold?.(h) ?? null;
    }
    // No scores at all (no cold start): every item it knows ties.
    for (let c = 0; c < at.length; c++) out[c] = at[c] < 0 ? -Infinity : s ? s[at[c]] : 0;
    return out;
  };
}

export function byUser(data: Interactions): Map<string, Map<string, number>> {
  const out = new Map<string, Map<string, number>>();
  for (let r = 0; r < data.user.length; r++) {
    const u = data.users[data.user[r]];
    if (!out.has(u)) out.set(u, new Map());
    out.get(u)!.set(data.items[data.item[r]], data.value[r]);
  }
  return out;
}

