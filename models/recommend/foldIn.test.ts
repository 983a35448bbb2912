import { describe, expect, it } from 'vitest';
import { clusteredInteractions } from '../testing/recommenders';
import { fitRecommender } from './fit';
import { foldInRecommender } from './foldIn';
import type { Interactions } from './types';

/** Rows of `all` whose user index is in [from, to), re-indexed; items as given (any extra ones appended). */
function usersSlice(all: Interactions, from: number, to: number, extraItem?: { cluster: number; clusters: number }): Interactions {
  const keep = [...all.user.keys()].filter((t) => all.user[t] >= from && all.user[t] < to);
  const user = keep.map((t) => all.user[t] - from), item = keep.map((t) => all.item[t]), value = keep.map((t) => all.value[t]);
  const items = [...all.items];
  if (extraItem) {
    // A new item every user of its cluster picked (rated 5).
    items.push('new-item');
    for (let u = from; u < to; u++) {
      if (u % extraItem.clusters !== extraItem.cluster) continue;
      user.push(u - from);
      item.push(items.length - 1);
      value.push(all.explicit ? 5 : 1);
    }
  }
  return { ...all, users: all.users.slice(from, to), items, user: Int32Array.from(user), item: Int32Array.from(item), value: Float32Array.from(value) };
}

function topK(scores: Float32Array, seen: Set<number>, k: number): number[] {
  return [...scores.keys()].filter((i) => !seen.has(i)).sort((a, b) => scores[b] - scores[a]).slice(0, k);
}

describe.each([
  ['als', false],
  ['mf', true],
] as const)('%s fold-in', (model, explicit) => {
  const all = clusteredInteractions(80, 40, 10, 3, explicit);
  const params = model === 'als' ? { factors: 8, iterations: 10 } : { factors: 8, epochs: 30, interactionFactors: 0 };

  it('recommends for a new user from their own taste, keeps what it knew, and learns a new item', async () => {
    const before = await fitRecommender(model, usersSlice(all, 0, 60), { params, seed: 1 });
    // The new interactions: 20 known users (40…59) and 20 new ones (60…79), and one new item of cluster 0.
    const later = usersSlice(all, 40, 80, { cluster: 0, clusters: 2 });
    const r = await foldInRecommender(before.toJSON(), later, { params, seed: 1 });
    expect(r).toMatchObject({ newUsers: 20, newItems: 1, droppedUsers: 40, droppedItems: 0 });
    const m = r.model;
    expect(m.users).toEqual(later.users);
    expect(m.items).toEqual(later.items);

    // A known user's scores are the earlier model's.
    const known = later.users.indexOf('u45');
    for (const i of [0, 7, 13]) expect(m.predict(known, i)).toBeCloseTo(before.predict(45, i), 5);

    // New users of each cluster get their own cluster's items first.
    for (const id of ['u60', 'u61']) {
      const u = later.users.indexOf(id);
      const cluster = Number(id.slice(1)) % 2;
      const seen = new Set([...later.user.keys()].filter((t) => later.user[t] === u).map((t) => later.item[t]));
      const top = topK(m.scoreAll(u), seen, 10);
      const own = top.filter((i) => i === later.items.length - 1 ? cluster === 0 : i % 2 === cluster).length;
      expect(own, `${id}: ${top.join(',')}`).toBeGreaterThanOrEqual(8);
    }
    // The new item scores higher for a cluster-0 user than for a cluster-1 one.
    const item = later.items.length - 1;
    expect(m.predict(later.users.indexOf('u62'), item)).toBeGreaterThan(m.predict(later.users.indexOf('u63'), item));
  });
});

describe('models that recount or cannot continue', () => {
  const all = clusteredInteractions(40, 20, 6, 5);
  it('popularity recounts on the new interactions', async () => {
    const before = await fitRecommender('popularity', usersSlice(all, 0, 20));
    const later = usersSlice(all, 20, 40);
    const r = await foldInRecommender(before.toJSON(), later);
    expect(r.model.toJSON()).toEqual((await fitRecommender('popularity', later)).toJSON());
  });

  it('refuses the neural model, saying what to do', async () => {
    const fake = { model: 'ncf' as const, version: 1 as const, users: [], items: [], params: {}, state: null };
    await expect(foldInRecommender(fake, all)).rejects.toThrow(/ncf cannot continue.*train it again/);
  });
});
