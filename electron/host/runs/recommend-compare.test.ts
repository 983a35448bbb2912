/** Two recommender runs compared user by user, refused when they did not evaluate the same users; the registry takes them like any run. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coreFixture } from '../../../tests/helpers/core-fixture';
import { importRecommendFiles } from '../../../tests/helpers/recommend-core';
import type { ArgsOf } from '../../../shared/api/contract';
import type { RunPredictionsDto } from '../../../shared/api/runs-dto';
import { differentUsers } from '../../workers/tasks/compare-recommend';

let fx: ReturnType<typeof coreFixture>;
const runs: Record<string, { runId: string; ndcg: number }> = {};

async function recommend(args: ArgsOf<'recommend.start'>) {
  const { runId, jobId } = await fx.core.call('recommend.start', args);
  const outcome = await fx.core.jobResult('recommend.train', jobId);
  return { runId, ndcg: outcome.metrics[`ndcgAt${args.k ?? 10}`]! };
}

const base = { dataset: 'ratings', user: 'user', item: 'book', rating: 'stars', seed: 11 };

beforeAll(async () => {
  fx = coreFixture();
  await importRecommendFiles(fx, ['ratings', 'events']);
  runs.mf = await recommend({ ...base, model: 'mf', params: { factors: 8, epochs: 30 } });
  runs.pop = await recommend({ ...base, model: 'popularity' });
  runs.otherSeed = await recommend({ ...base, model: 'popularity', seed: 12 });
  runs.k5 = await recommend({ ...base, model: 'popularity', k: 5 });
  runs.implicit = await recommend({ dataset: 'events', user: 'user', item: 'book', count: 'plays', model: 'popularity' });
  runs.weighted = await recommend({ dataset: 'events', user: 'user', item: 'book', event: 'action', weights: { view: 1, buy: 5 }, model: 'popularity' });
}, 120_000);
afterAll(() => fx.close());

describe('runs.compare on recommender runs', () => {
  it('pairs each evaluated user’s ndcg@k: a paired bootstrap of B − A and a paired t-test', async () => {
    const r = await fx.core.call('runs.compare', { a: runs.pop.runId, b: runs.mf.runId, resamples: 200 });
    const pa = fx.core.ctx.repos.runs.artifact<RunPredictionsDto>(runs.pop.runId, 'predictions')!;
    expect(r).toMatchObject({ metric: 'ndcg', lowerIsBetter: false, rows: pa.values.length, mcnemar: null, correctedT: null });
    expect(r.valueA).toBeCloseTo(runs.pop.ndcg, 12);
    expect(r.valueB).toBeCloseTo(runs.mf.ndcg, 12);
    expect(r.difference.estimate).toBeCloseTo(runs.mf.ndcg - runs.pop.ndcg, 12);
    expect(r.difference.lo).toBeLessThanOrEqual(r.difference.hi);
    expect(r.pairedT!.meanDiff).toBeCloseTo(r.difference.estimate, 12);
    expect(r.pairedT!.df).toBe(r.rows - 1);
    expect(r.text).toMatch(/ndcg@10 per user, \d+ users/);
  });

  it.each([
    ['otherSeed', /held-out interactions differ \(random split with seed 11 vs 12\)/],
    ['k5', /their lists are cut at different k \(10 and 5\)/],
    ['implicit', /trained on different datasets/],
    ['weighted', /judge relevance from different feedback \(counts 'plays' and events 'action'/],
  ])('refuses %s before anything is computed, with the reason', async (other, reason) => {
    const jobsBefore = (await fx.core.call('jobs.list', {})).length;
    const a = other === 'weighted' ? runs.implicit : runs.pop;
    const err = await fx.core.call('runs.compare', { a: a.runId, b: runs[other].runId }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'conflict' });
    expect((err as Error).message).toMatch(reason);
    expect((await fx.core.call('jobs.list', {})).length).toBe(jobsBefore);
  });

  it('per-user points of different users or k do not pair', () => {
    const points = (users: string[], k = 10): RunPredictionsDto => ({ rows: users.map((_, i) => i), actual: users.map(() => 1), values: users.map(() => 0.5), probabilities: null, classes: null, recommendPoints: { users, k, metric: 'ndcg' } });
    expect(differentUsers(points(['a', 'b']), points(['a', 'b']))).toBeNull();
    expect(differentUsers(points(['a', 'b']), points(['a', 'c']))).toMatch(/they evaluated different users \(2 and 2\)/);
    expect(differentUsers(points(['a']), points(['a'], 5))).toMatch(/different k \(10 and 5\)/);
  });

  it('a metric other than ndcg is refused for recommenders', async () => {
    await expect(fx.core.call('runs.compare', { a: runs.pop.runId, b: runs.mf.runId, metric: 'rmse' })).rejects.toThrow(/does not apply to recommender runs/);
  });
});

describe('the registry takes recommender runs like any run', () => {
  it('registers, bumps the minor for the same columns and the major for other feedback, warns on worse ndcg, promotes and rolls back', async () => {
    const [better, worse] = runs.mf.ndcg >= runs.pop.ndcg ? [runs.mf, runs.pop] : [runs.pop, runs.mf];
    const v1 = await fx.core.call('models.register', { runId: better.runId, name: 'recs' });
    expect(v1).toMatchObject({ version: '1.0.0', warning: null });
    await fx.core.call('models.promote', { name: 'recs', version: '1.0.0', alias: 'production' });
    const check = await fx.core.call('models.registerCheck', { runId: worse.runId, name: 'recs' });
    if (worse.ndcg < better.ndcg) expect(check.warning).toMatch(/scores worse than production \(recs@1\.0\.0\): nDCG@10/);
    const v2 = await fx.core.call('models.register', { runId: worse.runId, name: 'recs' });
    expect(v2.version).toBe('1.1.0');
    const v3 = await fx.core.call('models.register', { runId: runs.implicit.runId, name: 'recs' });
    expect(v3.version).toBe('2.0.0');
    await fx.core.call('models.promote', { name: 'recs', version: '1.1.0', alias: 'production' });
    const back = await fx.core.call('models.rollback', { name: 'recs', alias: 'production' });
    expect(back.aliases.production).toBe('1.0.0');
  });
});
