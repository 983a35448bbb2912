/**
 * Every recommender's ONNX scorer in onnxruntime against the app's model: the same top k without the
 * users' training items (ties aside), scores within 1e-4; a user and an item without training
 * interactions in the index, as runs with a test dataset have them.
 */
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import type { RecommendModelId } from '../../../shared/families/recommend';
import { fitRecommender, loadRecommender } from '../../recommend/fit';
import type { Interactions, ItemFeatures, UserFeatures } from '../../recommend/types';
import { lowRankImplicit, lowRankRatings } from '../../testing/recommend';
import { exportRecommenderOnnx } from './export';
import type { RecommendFeed } from './feeds';
import { checkRecommendParity } from './parity';
import { seenRows } from './seen';

/** The data plus one user and one item training never saw. */
function withNewcomers(d: Interactions): Interactions {
  return { ...d, users: [...d.users, 'newcomer'], items: [...d.items, 'new-item'] };
}

const explicit = withNewcomers(lowRankRatings({ users: 40, items: 30, rank: 3, perUser: 8, seed: 4 }));
const implicit = withNewcomers(lowRankImplicit({ users: 40, items: 30, rank: 3, perUser: 6, seed: 5 }));

const itemFeatures = (d: Interactions): ItemFeatures => ({
  categories: { genre: d.items.map((_, i) => ['a', 'b', 'c'][i % 3]) },
  tags: { tags: d.items.map((_, i) => [`t${i % 4}`, i % 2 ? 'odd' : 'even']) },
  numbers: { year: Float64Array.from(d.items, (_, i) => 1990 + i) },
  text: { blurb: d.items.map((_, i) => `story ${['sea', 'war', 'love'][i % 3]} number ${i % 5}`) },
});
const userFeatures = (d: Interactions): UserFeatures => ({ categories: { country: d.users.map((_, u) => (u % 3 === 0 ? 'fr' : 'de')) }, numbers: {} });

const PARAMS: Partial<Record<RecommendModelId, Record<string, unknown>>> = {
  mf: { factors: 6, epochs: 10 },
  als: { factors: 6, iterations: 5 },
  ncf: { factors: 4, layers: [8, 4], epochs: 2, batchSize: 64 },
  'item-knn': { neighbours: 10 },
  hybrid: { members: 'mf+item-knn+popularity' },
};

async function parityOf(model: RecommendModelId, data: Interactions, extra: Record<string, unknown> = {}) {
  const fitted = await fitRecommender(model, data, { seed: 3, params: { ...PARAMS[model], ...extra }, itemFeatures: itemFeatures(data), userFeatures: userFeatures(data) });
  // Exported from the stored JSON, compared with the model loaded from it, as the export job does.
  const artifact = JSON.parse(JSON.stringify(fitted.toJSON()));
  const app = await loadRecommender(artifact);
  const exported = exportRecommenderOnnx(artifact);
  const seen = seenRows(data, artifact);
  const session = await ort.InferenceSession.create(exported.bytes);
  const run = async (feeds: Record<string, RecommendFeed>) =>
    (await session.run(Object.fromEntries(Object.entries(feeds).map(([n, f]) => [n, new ort.Tensor(f.type, f.data, f.dims)])))) as unknown as Record<string, { data: ArrayLike<unknown> }>;
  const users = [...data.users.keys()];
  return { exported, parity: await checkRecommendParity(app, exported, seen, run, { users, k: 10, batch: 16 }) };
}

describe('recommender ONNX scorers', () => {
  const data = { ratings: explicit, implicit };
  const cases: [RecommendModelId, keyof typeof data, Record<string, unknown>?][] = [
    ['mf', 'ratings'], ['mf', 'implicit'], ['mf', 'ratings', { svdpp: true }], ['mf', 'ratings', { interactionFactors: 0 }], ['als', 'implicit'], ['als', 'ratings'],
    ['popularity', 'implicit'], ['popularity', 'ratings'], ['item-knn', 'ratings'], ['item-knn', 'implicit'],
    ['content', 'ratings'], ['content', 'implicit'], ['ncf', 'ratings'], ['ncf', 'implicit'],
    ['hybrid', 'ratings'], ['hybrid', 'implicit'], ['hybrid', 'implicit', { members: 'als+item-knn+popularity' }],
  ];
  it.each(cases)('%s on %s data %o: the app’s top 10 for every user, scores within 1e-4', async (model, which, extra) => {
    const { parity } = await parityOf(model, data[which], extra);
    expect(parity).toMatchObject({ users: 41, k: 10, itemMismatches: 0 });
    expect(parity.maxRel).toBeLessThan(1e-4);
    expect(parity.allScoresMaxAbs).toBeLessThan(1e-4);
  }, 60_000);

  it('refuses a model whose tables are too large to export, saying which parameter shrinks them', () => {
    const items = Array.from({ length: 2000 }, (_, i) => `i${i}`);
    const content = { model: 'content' as const, version: 1 as const, users: ['u'], items, params: {}, state: { features: new Array(9000).fill('t'), indptr: '', index: '', value: '', explicit: false, scale: null } };
    expect(() => exportRecommenderOnnx(content)).toThrow(/9,000 features for 2,000 items .* a smaller vocabulary \(maxTerms\)/);
    const ncf = { model: 'ncf' as const, version: 1 as const, users: ['u'], items, params: {}, state: { shape: { users: 1, items: 2000, factors: 4, mlpDim: 2048, layers: [10_000] }, scale: null, weights: [] } };
    expect(() => exportRecommenderOnnx(ncf)).toThrow(/narrower layers/);
  });

  it('declares the inputs a server fills: indices for factor models, histories for k-NN and content', async () => {
    const fills = async (model: RecommendModelId, data: Interactions) => (await parityOf(model, data)).exported.inputs.map((i) => i.fill);
    expect(await fills('mf', explicit)).toEqual(['user', 'mask', 'k']);
    expect(await fills('item-knn', implicit)).toEqual(['history', 'mask', 'k']);
    expect(await fills('content', explicit)).toEqual(['weights', 'userMean', 'mask', 'k']);
    expect(await fills('content', implicit)).toEqual(['weights', 'mask', 'k']);
  }, 60_000);
});
