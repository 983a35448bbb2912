/**
 * Small recommenders and interaction sets for the recommender tests: members of a known quality (an
 * informed one that knows each user's taste cluster, a noise one, item counts as popularity) so the
 * blend, cold-start and group code can be tested without the real models.
 */
import { mulberry32 } from '../split/prng';
import type { Interactions, Recommender, RecommenderArtifact } from '../recommend/types';
import type { RecommendModelId } from '../../shared/families/recommend';

/** A deterministic value in [0, 1) per (seed, user, item). */
export function hashUnit(seed: number, u: number, i: number): number {
  return mulberry32((seed * 7919 + u * 104_729 + i * 1_299_709) >>> 0)();
}

/**
 * Users and items in `clusters` taste clusters (user u and item i in cluster u % clusters, i % clusters);
 * each user has `perUser` interactions with items of their own cluster. Explicit: a rating of 4–5 in the
 * cluster, plus `perUser / 2` ratings of 1–2 outside it.
 */
export function clusteredInteractions(nUsers: number, nItems: number, perUser: number, seed: number, explicit = false, clusters = 2): Interactions {
  const rand = mulberry32(seed);
  const user: number[] = [];
  const item: number[] = [];
  const value: number[] = [];
  const pick = (u: number, own: boolean, n: number) => {
    const pool = [...Array(nItems).keys()].filter((i) => (i % clusters === u % clusters) === own);
    for (let j = 0; j < n && pool.length; j++) {
      const i = pool.splice(Math.floor(rand() * pool.length), 1)[0];
      user.push(u);
      item.push(i);
      value.push(explicit ? (own ? 4 + Math.round(rand()) : 1 + Math.round(rand())) : 1);
    }
  };
  for (let u = 0; u < nUsers; u++) {
    pick(u, true, perUser);
    if (explicit) pick(u, false, Math.floor(perUser / 2));
  }
  return {
    users: Array.from({ length: nUsers }, (_, u) => `u${u}`), items: Array.from({ length: nItems }, (_, i) => `i${i}`),
    user: Int32Array.from(user), item: Int32Array.from(item), value: Float32Array.from(value),
    time: null, explicit, scale: explicit ? [1, 5] : null,
  };
}

export type FakeKind = 'informed' | 'noise' | 'counts';

/**
 * informed: 1 for items of the user's cluster, 0 otherwise, plus 0.1 × noise (explicit: 4.5 / 1.5 ± noise);
 * noise: uniform noise (explicit: 1–5); counts: the item's training interactions (popularity).
 */
export function fakeRecommender(model: RecommendModelId, kind: FakeKind, train: Interactions, seed: number, clusters = 2): Recommender {
  const nItems = train.items.length;
  const counts = new Float32Array(nItems);
  for (const i of train.item) counts[i]++;
  const explicit = train.explicit;
  const predict = (u: number, i: number): number => {
    const r = hashUnit(seed, u, i);
    if (kind === 'counts') return counts[i];
    if (kind === 'noise') return explicit ? 1 + 4 * r : r;
    const same = i % clusters === u % clusters;
    return explicit ? (same ? 4.5 : 1.5) + (r - 0.5) * 0.4 : (same ? 1 : 0) + 0.1 * r;
  };
  const state = { kind, seed, clusters, counts: Array.from(counts), explicit };
  const rec: Recommender = {
    model, users: train.users, items: train.items, predict,
    scoreAll: (u, out = new Float32Array(nItems)) => { for (let i = 0; i < nItems; i++) out[i] = predict(u, i); return out; },
    scoreCold: (history) => {
      if (kind === 'counts') return Float32Array.from(counts);
      if (kind === 'noise' || history.size === 0) return null;
      const votes = new Float64Array(clusters);
      for (const i of history.keys()) votes[i % clusters]++;
      const c = votes.indexOf(Math.max(...votes));
      return Float32Array.from({ length: nItems }, (_, i) => (i % clusters === c ? 1 : 0));
    },
    toJSON: (): RecommenderArtifact => ({ model, version: 1, users: [...train.users], items: [...train.items], params: {}, state }),
  };
  return rec;
}

/** Rebuilds a fake from its artifact. */
export function loadFake(a: RecommenderArtifact): Recommender {
  const st = a.state as { kind: FakeKind; seed: number; clusters: number; counts: number[]; explicit: boolean };
  const item = Int32Array.from(st.counts.flatMap((c, i) => Array(c).fill(i)));
  const train: Interactions = {
    users: a.users, items: a.items, user: new Int32Array(item.length), item, value: new Float32Array(item.length).fill(1),
    time: null, explicit: st.explicit, scale: st.explicit ? [1, 5] : null,
  };
  return fakeRecommender(a.model, st.kind, train, st.seed, st.clusters);
}
