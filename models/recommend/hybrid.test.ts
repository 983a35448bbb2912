import { describe, expect, it } from 'vitest';
import type { RecommendModelId } from '../../shared/families/recommend';
import { clusteredInteractions, fakeRecommender, loadFake, type FakeKind } from '../testing/recommenders';
import { coldStartScores, recommendCold } from './coldStart';
import { fitContent, loadContent } from './content';
import { fitHybrid, loadHybrid, type FitMember } from './hybrid';
import { topK } from './ranking';
import type { Interactions, ItemFeatures, Recommender } from './types';

// mf stands for an informed member (it knows each user's taste cluster), item-knn for pure noise.
const KINDS: Partial<Record<RecommendModelId, FakeKind>> = { mf: 'informed', 'item-knn': 'noise', popularity: 'counts', als: 'noise' };
const fitMember: FitMember = (model, train, opts) =>
  model === 'content' ? fitContent(train, opts) : fakeRecommender(model, KINDS[model]!, train, 11);
const loadMember = (a: Parameters<typeof loadFake>[0]) => (a.model === 'content' ? loadContent(a) : loadFake(a));

type Summary = { ndcg: number; memberNdcg: number[]; members: { model: string; weight: number; ratingWeight: number }[] };
const summary = (r: Recommender) => (r as unknown as { fitSummary(): Summary }).fitSummary();

/** The catalogue plus one item nobody has interacted with (index nItems), in cluster 0. */
function withNewItem(train: Interactions): { train: Interactions; features: ItemFeatures } {
  const items = [...train.items, 'brand-new'];
  const genre = items.map((_, i) => (i % 2 === 0 ? 'even' : 'odd'));
  return { train: { ...train, items }, features: { categories: { genre }, tags: {}, numbers: {}, text: {} } };
}

describe('hybrid blend', () => {
  const train = clusteredInteractions(120, 40, 8, 5);

  it('gives the informative member the weight and the noise member little or none', async () => {
    const model = await fitHybrid(train, { seed: 1, params: { members: 'mf+item-knn+popularity' } }, fitMember);
    const s = summary(model);
    const w = Object.fromEntries(s.members.map((m) => [m.model, m.weight]));
    expect(w.mf).toBeGreaterThan(0.5);
    expect(w['item-knn']).toBeLessThanOrEqual(0.1);
    expect(s.memberNdcg[0]).toBeGreaterThan(s.memberNdcg[1]);
    // The chosen blend is at least as good on validation as the informed member alone (that is a grid point).
    expect(s.ndcg).toBeGreaterThanOrEqual(s.memberNdcg[0]);
    expect(s.members.reduce((a, m) => a + m.weight, 0)).toBeCloseTo(1, 6);
  });

  it('on explicit ratings, fits rating weights that favour the accurate member', async () => {
    const rated = clusteredInteractions(80, 30, 6, 9, true);
    const model = await fitHybrid(rated, { seed: 2, params: { members: 'mf+item-knn+popularity' } }, fitMember);
    const w = Object.fromEntries(summary(model).members.map((m) => [m.model, m.ratingWeight]));
    expect(w.mf).toBeGreaterThan(0.7);
    const p = model.predict(0, 0); // user 0 and item 0 share cluster 0
    expect(p).toBeGreaterThan(3.5);
    expect(p).toBeLessThanOrEqual(5);
  });

  it('the same seed gives the same model, and JSON round-trips to the same scores', async () => {
    const a = await fitHybrid(train, { seed: 3, params: { members: 'mf+item-knn+popularity' } }, fitMember);
    const b = await fitHybrid(train, { seed: 3, params: { members: 'mf+item-knn+popularity' } }, fitMember);
    expect(JSON.stringify(b.toJSON())).toBe(JSON.stringify(a.toJSON()));
    const back = await loadHybrid(JSON.parse(JSON.stringify(a.toJSON())), loadMember);
    for (const u of [0, 7, 50]) expect(back.scoreAll(u)).toEqual(a.scoreAll(u));
  });
});

describe('hybrid cold start', () => {
  const base = clusteredInteractions(60, 30, 6, 8);
  const { train, features } = withNewItem(base);

  it('ranks a new item by its content for a known user', async () => {
    const model = await fitHybrid(train, { seed: 4, itemFeatures: features, params: { members: 'mf+popularity' } }, fitMember);
    expect(summary(model).members.map((m) => m.model)).toEqual(['mf', 'popularity', 'content']);
    const newItem = train.items.length - 1;
    // User 0 is in cluster 0 (even items): the new even item ranks among their cluster, above every odd item.
    const s = model.scoreAll(0);
    for (let i = 1; i < newItem; i += 2) expect(s[newItem]).toBeGreaterThan(s[i]);
    expect(model.reason!(0, newItem).text).toMatch(/genre: even/);
  });

  it('walks the chain: stated preferences, a history, a segment-less stranger', async () => {
    const model = await fitHybrid(train, { seed: 4, itemFeatures: features, params: { members: 'mf+popularity' } }, fitMember);
    const byPrefs = recommendCold({ main: model }, { prefer: { genre: ['odd'] } }, 5);
    expect(byPrefs.path).toBe('content');
    expect(byPrefs.description).toBe('content from stated preferences');
    expect(byPrefs.items).toHaveLength(5);
    for (const { item } of byPrefs.items) expect(item % 2).toBe(1);
    const byHistory = recommendCold({ main: model }, { history: new Map([[3, 1], [5, 1]]) }, 5);
    expect(byHistory.description).toBe('content from 2 items');
    expect(byHistory.items.map((x) => x.item)).not.toContain(3);
    const stranger = recommendCold({ main: model }, {}, 5);
    expect(stranger.path).toBe('overall');
    expect(stranger.items).toHaveLength(5);
    expect(model.scoreCold!(new Map(), {})).not.toBeNull();
  });

  it('without content: the other members score a history, popularity the rest', async () => {
    const model = await fitHybrid(base, { seed: 5, params: { members: 'mf+popularity' } }, fitMember);
    const r = coldStartScores({ main: model }, { history: new Map([[2, 1]]) });
    expect(r.path).toBe('history');
    expect(r.description).toBe('hybrid from 1 item');
    expect(new Set(topK(r.scores!, 5).map((i) => i % 2))).toEqual(new Set([0]));
    const known = coldStartScores({ main: model }, { user: 4 });
    expect(known.path).toBe('model');
    expect(known.scores).toEqual(model.scoreAll(4));
  });
});
