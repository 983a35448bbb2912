import { describe, expect, it } from 'vitest';
import { lowRankRatings } from '../testing/recommend';
import { fitRecommender, loadRecommender } from './fit';
import { recommendParams } from './params';
import type { RecommenderArtifact } from './types';

const data = lowRankRatings({ users: 60, items: 40, rank: 2, perUser: 12, seed: 4 });
// An hour between interactions, for the half-life.
const t = { ...data, time: Float64Array.from(data.user, (_, r) => r * 3_600_000) };
const userFeatures = { categories: { group: data.users.map((_, u) => (u % 2 ? 'odd' : 'even')) }, numbers: {} };
const MODELS = [
  ['popularity', { halfLifeDays: 2 }],
  ['item-knn', { neighbours: 5 }],
  ['mf', { factors: 4, epochs: 5 }],
  ['mf', { factors: 4, epochs: 3, svdpp: true }],
  ['als', { factors: 4, iterations: 3 }],
  ['hybrid', { members: 'als+item-knn+popularity' }],
] as const;

describe('fitRecommender and loadRecommender', () => {
  for (const [model, params] of MODELS) {
    it(`${model} ${JSON.stringify(params)}: a JSON round-trip gives identical scores; the same seed the same model`, async () => {
      const fitted = await fitRecommender(model, t, { params, seed: 9, userFeatures });
      const artifact = JSON.parse(JSON.stringify(fitted.toJSON())) as RecommenderArtifact;
      const loaded = await loadRecommender(artifact);
      expect(loaded.model).toBe(model);
      for (const u of [0, 7, 31]) {
        expect(Array.from(loaded.scoreAll(u))).toEqual(Array.from(fitted.scoreAll(u)));
        expect(loaded.predict(u, 3)).toBe(fitted.predict(u, 3));
      }
      expect(JSON.stringify(loaded.toJSON())).toBe(JSON.stringify(artifact));
      const again = await fitRecommender(model, t, { params, seed: 9, userFeatures });
      expect(JSON.stringify(again.toJSON())).toBe(JSON.stringify(artifact));
      if (model === 'mf' || model === 'als') {
        const other = await fitRecommender(model, t, { params, seed: 10, userFeatures });
        expect(JSON.stringify(other.toJSON())).not.toBe(JSON.stringify(artifact));
      }
    });
  }

  it('stores every parameter, the schema’s defaults filling the gaps', async () => {
    const fitted = await fitRecommender('mf', data, { params: { factors: 3, epochs: 1 } });
    expect(fitted.toJSON().params).toEqual({ ...recommendParams('mf'), factors: 3, epochs: 1 });
  });

  it('names a parameter that is unknown or out of range', async () => {
    await expect(fitRecommender('mf', data, { params: { factors: 0 } })).rejects.toThrow(/params\.factors must be at least 1/);
    await expect(fitRecommender('als', data, { params: { learningRate: 0.1 } })).rejects.toThrow(/params\.learningRate: als has no parameter/);
  });

  it('refuses an artifact of another format version', async () => {
    const artifact = { ...(await fitRecommender('popularity', data)).toJSON(), version: 2 } as unknown as RecommenderArtifact;
    await expect(loadRecommender(artifact)).rejects.toThrow(/format version 2/);
  });
});
