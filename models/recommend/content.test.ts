import { describe, expect, it } from 'vitest';
import { fitContent, loadContent } from './content';
import { topK } from './ranking';
import type { Interactions, ItemFeatures } from './types';

const ITEMS = ['blue-train', 'kind-of-blue', 'paranoid', 'back-in-black', 'new-jazz-live', 'goldberg'];

// Items 0, 1 and 4 are jazz, 2 and 3 rock, 5 classical; item 4 has no interactions at all.
const FEATURES: ItemFeatures = {
  categories: { genre: ['jazz', 'jazz', 'rock', 'rock', 'jazz', 'classical'] },
  tags: { tags: [['live', 'sax'], ['studio'], ['loud'], ['loud', 'guitar'], ['live', 'sax'], ['piano']] },
  numbers: { budget: Float64Array.from([10, 15, 20, 25, 30, 50]) },
  text: { blurb: ['smooth saxophone at night', 'modal trumpet', 'heavy riffs', 'heavy riffs and thunder', 'saxophone quartet on stage', 'harpsichord variations'] },
};

function interactions(rows: [number, number, number][], explicit: boolean): Interactions {
  return {
    users: ['ann', 'bob', 'cy'], items: ITEMS,
    user: Int32Array.from(rows.map((r) => r[0])), item: Int32Array.from(rows.map((r) => r[1])), value: Float32Array.from(rows.map((r) => r[2])),
    time: null, explicit, scale: explicit ? [1, 5] : null,
  };
}

const implicit = interactions([[0, 0, 1], [1, 2, 1], [1, 3, 2], [2, 5, 1], [2, 1, 1]], false);

describe('content recommender', () => {
  it('ranks first the unseen item sharing tags, genre and words with what the user liked, new items included', () => {
    const model = fitContent(implicit, { itemFeatures: FEATURES });
    const scores = model.scoreAll(0);
    // ann liked blue-train (jazz, live, sax, saxophone): the never-interacted new-jazz-live shares all of it.
    expect(topK(scores, 2, new Set([0]))).toEqual([4, 1]);
    expect(scores[4]).toBeGreaterThan(scores[2]);
    // bob liked two rock albums: rock comes first, the other one of the pair shares the most.
    expect(topK(model.scoreAll(1), 1, new Set([2]))).toEqual([3]);
  });

  it('explains with the liked item and the shared tags', () => {
    const model = fitContent(implicit, { itemFeatures: FEATURES });
    const r = model.reason!(0, 4);
    expect(r.items).toEqual([0]);
    expect(r.text).toMatch(/^like blue-train; /);
    expect(r.text).toMatch(/tags: (live|sax)/);
  });

  it('explicit ratings: a liked item pulls towards its kind, a disliked one pushes away; predictions stay on the scale', () => {
    const rated = interactions([[0, 0, 5], [0, 2, 1], [1, 3, 4], [2, 5, 3]], true);
    const model = fitContent(rated, { itemFeatures: FEATURES });
    expect(model.predict(0, 4)).toBeGreaterThan(model.predict(0, 3));
    for (let i = 0; i < ITEMS.length; i++) {
      expect(model.predict(0, i)).toBeGreaterThanOrEqual(1);
      expect(model.predict(0, i)).toBeLessThanOrEqual(5);
    }
  });

  it('scores a cold user from stated preferences and applies a numeric bound as a filter', () => {
    const model = fitContent(implicit, { itemFeatures: FEATURES });
    const jazz = model.scoreCold!(new Map(), { genre: ['Jazz'], tags: ['live'] })!;
    expect(new Set(topK(jazz, 3))).toEqual(new Set([0, 1, 4]));
    expect(topK(jazz, 3)[2]).toBe(1); // jazz and live beat jazz alone
    const cheap = model.scoreCold!(new Map(), { genre: ['jazz'], tags: ['live'], budget: ['<=20'] })!;
    expect(cheap[4]).toBe(-Infinity); // budget 30 > 20
    expect(cheap[5]).toBe(-Infinity);
    expect(cheap[1]).toBeGreaterThan(cheap[2]);
    expect(topK(cheap, 1)).toEqual([0]);
    // From a couple of items: the history's kind first.
    expect(topK(model.scoreCold!(new Map([[2, 1]]))!, 1, new Set([2]))).toEqual([3]);
    expect(model.scoreCold!(new Map(), { mood: ['sad'] })).toBeNull();
  });

  it('similar items share features; the vocabulary respects maxTerms', () => {
    const model = fitContent(implicit, { itemFeatures: FEATURES, params: { maxTerms: 10 } });
    expect(model.similar!(0, 2)[0].item).toBe(4);
    const { dim } = model.itemVectors!()!;
    const state = model.toJSON().state as { features: string[] };
    expect(state.features.filter((f) => f.startsWith('w:') || f.startsWith('t:')).length).toBe(10);
    expect(dim).toBe(state.features.length);
  });

  it('round-trips through JSON with identical scores, and the same data gives the same model', () => {
    const model = fitContent(implicit, { itemFeatures: FEATURES, params: { textWeight: 2 } });
    const json = JSON.parse(JSON.stringify(model.toJSON()));
    const back = loadContent(json);
    for (let u = 0; u < 3; u++) expect(back.scoreAll(u)).toEqual(model.scoreAll(u));
    expect(back.scoreCold!(new Map(), { tags: ['loud'] })).toEqual(model.scoreCold!(new Map(), { tags: ['loud'] }));
    expect(JSON.stringify(fitContent(implicit, { itemFeatures: FEATURES, params: { textWeight: 2 } }).toJSON())).toBe(JSON.stringify(json));
  });

  it('refuses to fit without item features', () => {
    expect(() => fitContent(implicit, {})).toThrow(/item-features/);
  });
});
