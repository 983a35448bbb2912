/**
 * Resume for ncf recommender runs through the host: a run cancelled after a few checkpointed epochs,
 * resumed with runs.resume, ends as the same run trained straight through.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { coreFixture } from '../../../tests/helpers/core-fixture';
import { importRecommendFiles } from '../../../tests/helpers/recommend-core';
import type { ArgsOf } from '../../../shared/api/contract';
import { cancelAfterEpoch } from '../../../tests/helpers/cancel-after-epoch';

let fx: ReturnType<typeof coreFixture>;

beforeAll(async () => {
  fx = coreFixture();
  await importRecommendFiles(fx, ['ratings']);
});
afterAll(() => fx.close());

const cancelAfter = (runId: string, jobId: string, epoch: number) => cancelAfterEpoch(fx, runId, jobId, epoch);

const model = (runId: string) => fx.core.ctx.repos.runs.artifact<{ model: unknown }>(runId, 'model');

describe('ncf resume', () => {
  it('an ncf run resumes from its last epoch to the model, curves and metrics of an uninterrupted one', async () => {
    // Batches of 2 over about 600 ratings: epochs long enough for the cancel to land before the last one.
    const args: ArgsOf<'recommend.start'> = { dataset: 'ratings', user: 'user', item: 'book', rating: 'stars', model: 'ncf', params: { factors: 4, layers: [8, 4], epochs: 8, batchSize: 2 } };
    const straight = await fx.core.call('recommend.start', args);
    expect((await fx.core.ctx.jobs.wait(straight.jobId)).status).toBe('succeeded');
    const { runId, jobId } = await fx.core.call('recommend.start', args);
    const epoch = await cancelAfter(runId, jobId, 2);
    expect(epoch).toBeLessThan(8);
    expect((await fx.core.call('runs.get', { id: runId, maxPoints: 0 })).resumeEpoch).toBe(epoch);

    // The steps the resumed job reports: only the epochs after the checkpoint are trained again.
    const spy = vi.spyOn(fx.core.ctx.repos.runs, 'addPoints');
    const resumed = await fx.core.call('runs.resume', { id: runId.slice(0, 8) });
    expect(resumed.runId).toBe(runId);
    expect((await fx.core.ctx.jobs.wait(resumed.jobId)).status).toBe('succeeded');
    const steps = spy.mock.calls.filter(([id]) => id === runId).flatMap(([, points]) => points.map((p) => p.step));
    spy.mockRestore();
    expect(steps[0]).toBe(epoch + 1);
    expect(steps.at(-1)).toBe(8);
    // Done: no checkpoint is kept, and a finished run cannot be resumed.
    expect(fx.core.ctx.repos.runs.checkpointEpoch(runId)).toBeNull();
    await expect(fx.core.call('runs.resume', { id: runId })).rejects.toMatchObject({ code: 'conflict' });

    const a = await fx.core.call('runs.get', { id: straight.runId, maxPoints: 0 });
    const b = await fx.core.call('runs.get', { id: runId, maxPoints: 0 });
    expect(model(runId)).toEqual(model(straight.runId));
    expect(b.curves).toEqual(a.curves);
    expect(b.curves.loss.map((p) => p.step)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(b.metrics).toEqual(a.metrics);
    expect(b.recommend!.metrics).toEqual(a.recommend!.metrics);
  }, 300_000);

  it('refuses a recommender that trains no network, naming why', async () => {
    const { runId, jobId } = await fx.core.call('recommend.start', { dataset: 'ratings', user: 'user', item: 'book', rating: 'stars', model: 'mf', params: { epochs: 2 } });
    await fx.core.ctx.jobs.wait(jobId);
    fx.core.ctx.repos.runs.end(runId, 'cancelled', null);
    await expect(fx.core.call('runs.resume', { id: runId })).rejects.toThrow(/no checkpoint to resume from: the mf recommender trains no network; only network runs keep one \(mlp and textnet, k-fold too, LSTM forecasts and ncf recommenders\)/);
  }, 300_000);
});
