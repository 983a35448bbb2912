/** Recommender runs continued from an earlier run (warmStartFrom): fold-in through the host, re-runs, refusals. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coreFixture } from '../../../tests/helpers/core-fixture';
import { importRecommendFiles } from '../../../tests/helpers/recommend-core';
import type { ArgsOf } from '../../../shared/api/contract';
import type { ApiError } from '../../../shared/api/errors';

let fx: ReturnType<typeof coreFixture>;

beforeAll(async () => {
  fx = coreFixture();
  await importRecommendFiles(fx, ['ratings', 'events']);
});
afterAll(() => fx.close());

async function recommend(args: ArgsOf<'recommend.start'>): Promise<string> {
  const { runId, jobId } = await fx.core.call('recommend.start', args);
  await fx.core.jobResult('recommend.train', jobId);
  return runId;
}

const ratings = { dataset: 'ratings', user: 'user', item: 'book', rating: 'stars', time: 'ts' };

describe('continuing a recommender run', () => {
  it('mf folds in on the new interactions, records where it came from, and re-runs exactly', async () => {
    const first = await recommend({ ...ratings, model: 'mf', params: { factors: 8, epochs: 15 }, seed: 3 });
    const next = await recommend({ ...ratings, model: 'mf', params: { factors: 8, epochs: 15 }, seed: 4, warmStartFrom: first });
    const run = await fx.core.call('runs.get', { id: next });
    expect(run.warmStartFrom).toBe(first);
    expect(run.recommendSpec?.warmStartFrom).toBe(first);
    expect(run.recommend!.notes[0]).toMatch(new RegExp(`^Continued from run ${first.slice(0, 8)}: mf folds in`));
    expect(Number.isFinite(run.metrics!.ndcgAt10)).toBe(true);
    const { runId: again, jobId } = await fx.core.call('runs.rerun', { id: next });
    await fx.core.jobResult('recommend.train', jobId);
    expect((await fx.core.call('runs.get', { id: again })).warmStartFrom).toBe(first);
    expect(fx.core.ctx.repos.runs.artifact(again, 'model')).toEqual(fx.core.ctx.repos.runs.artifact(next, 'model'));
  });

  it('refuses another model or other feedback, naming why', async () => {
    const first = await recommend({ ...ratings, model: 'mf', params: { factors: 8, epochs: 5 } });
    const refused = async (args: ArgsOf<'recommend.start'>): Promise<string> => {
      const err = await fx.core.call('recommend.start', args).then(() => null, (e: ApiError) => e);
      expect((err!.details as { field?: string }).field).toBe('warmStartFrom');
      return err!.message;
    };
    expect(await refused({ ...ratings, model: 'als', warmStartFrom: first })).toMatch(/is mf, this run is als/);
    expect(await refused({ ...ratings, model: 'ncf', warmStartFrom: first })).toMatch(/is mf, this run is ncf/);
    expect(await refused({ dataset: 'ratings', user: 'user', item: 'book', count: 'stars', model: 'mf', warmStartFrom: first })).toMatch(/'stars' as its rating/);
  });
});
