/** Sweeps over a recommender model's parameters: trials are recommender runs, the best by ndcg@k is kept. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coreFixture, importFile } from '../../../tests/helpers/core-fixture';
import { recommendFiles } from '../../../tests/helpers/recommend-data';
import { recommendFirstSpace } from '../../../shared/families/recommend';

let fx: ReturnType<typeof coreFixture>;

beforeAll(async () => {
  fx = coreFixture();
  const file = path.join(fx.home, 'ratings.csv');
  fs.writeFileSync(file, recommendFiles({ users: 40, items: 30, perUser: 10 }).ratings);
  await importFile(fx.core, { path: file, name: 'ratings' });
});
afterAll(() => fx.close());

const base = { dataset: 'ratings', user: 'user', item: 'book', rating: 'stars', time: 'ts', seed: 5 } as const;

describe('recommender sweeps', () => {
  it('a 3-trial grid over item-knn neighbours: every point a recommender run, the highest ndcg@k marked best', async () => {
    const { sweepId } = await fx.core.call('sweeps.startRecommend', { ...base, model: 'item-knn', k: 5, method: 'grid', trials: 3, space: ['neighbours=2|8|25'], parallel: 1 });
    const s = await fx.core.sweepEnded(sweepId);
    expect(s.status).toBe('succeeded');
    expect(s).toMatchObject({ metric: 'ndcgAt5', lowerIsBetter: false });
    expect(s.results.map((r) => r.params.neighbours).sort((a, b) => Number(a) - Number(b))).toEqual([2, 8, 25]);
    for (const r of s.results) {
      expect(r.status).toBe('succeeded');
      const run = await fx.core.call('runs.get', { id: r.runId });
      expect(run).toMatchObject({ task: 'recommend', family: 'item-knn' });
      expect(r.value).toBe(run.metrics!.ndcgAt5);
    }
    const best = s.results.reduce((a, b) => (b.value! > a.value! ? b : a));
    expect(s.bestRunId).toBe(best.runId);
  }, 60_000);

  it('without a space searches the model’s first space', async () => {
    expect(recommendFirstSpace('popularity')).toEqual(['halfLifeDays=7..365:log']);
    const { sweepId } = await fx.core.call('sweeps.startRecommend', { ...base, model: 'popularity', method: 'random', trials: 2, parallel: 1 });
    const s = await fx.core.sweepEnded(sweepId);
    expect(s.space).toEqual(['halfLifeDays=7..365:log']);
    expect(s.results).toHaveLength(2);
    for (const r of s.results) expect(Number(r.params.halfLifeDays)).toBeGreaterThanOrEqual(7);
    expect(s.bestRunId).not.toBeNull();
  }, 60_000);

  it('names an earlier recommender run on the same data that beat the sweep', async () => {
    const { jobId } = await fx.core.call('recommend.start', { ...base, model: 'item-knn', k: 5, params: { neighbours: 25 } });
    const earlier = await fx.core.jobResult('recommend.train', jobId);
    const { sweepId } = await fx.core.call('sweeps.startRecommend', { ...base, model: 'popularity', k: 5, method: 'grid', trials: 1, space: ['halfLifeDays=0|1000'], parallel: 1 });
    const s = await fx.core.sweepEnded(sweepId);
    const best = s.results.find((r) => r.runId === s.bestRunId)!.value!;
    // Popularity ignores each reader's taste; item-knn follows it, so it ranks better here.
    expect(earlier.metrics.ndcgAt5!).toBeGreaterThan(best);
    expect(s.earlierBetter).not.toBeNull();
    expect(s.earlierBetter!.value).toBeGreaterThan(best);
  }, 60_000);

  it('refuses a parameter the model lacks, and rmse without ratings, before any trial starts', async () => {
    const before = (await fx.core.call('runs.list', {})).length;
    await expect(fx.core.call('sweeps.startRecommend', { ...base, model: 'item-knn', space: ['trees=1..10'] })).rejects.toMatchObject({
      code: 'bad_request', details: { field: 'space' }, message: expect.stringContaining("item-knn has no parameter 'trees' (it has: neighbours, shrinkage)"),
    });
    const { rating: _r, ...implicit } = base;
    await expect(fx.core.call('sweeps.startRecommend', { ...implicit, model: 'item-knn', metric: 'rmse' })).rejects.toMatchObject({ code: 'bad_request', details: { field: 'metric' } });
    expect((await fx.core.call('runs.list', {})).length).toBe(before);
  });
});
