/**
 * For k-fold resume tests through the host: a k-fold network run cancelled in its second fold, resumed
 * with runs.resume, ends as the same run trained straight through.
 */
import { expect, vi } from 'vitest';
import type { coreFixture } from './core-fixture';
import { cancelWhen } from './cancel-after-epoch';
import type { RunCheckpoint } from '../../models/nn/train/checkpoint';
import type { ArgsOf } from '../../shared/api/contract';

/** Trains `args` (a 2-fold network run) straight, and again cancelled in its second fold and resumed; checks both end alike. */
export async function expectKfoldResumeLikeStraight(fx: ReturnType<typeof coreFixture>, args: ArgsOf<'runs.start'>): Promise<void> {
  const checkpoint = (runId: string) => fx.core.ctx.repos.runs.artifact<RunCheckpoint>(runId, 'checkpoint');
  const fitsStored = (runId: string) => checkpoint(runId)?.fits.length ?? 0;

  const straight = await fx.core.call('runs.start', args);
  expect((await fx.core.ctx.jobs.wait(straight.jobId)).status).toBe('succeeded');

  const { runId, jobId } = await fx.core.call('runs.start', args);
  await cancelWhen(fx, runId, jobId, () => fitsStored(runId) >= 2, "its second fold's first checkpoint");
  // Two folds and the final fit: the cancel landed before the last one.
  expect(fitsStored(runId)).toBeLessThan(3);

  // The resumed job reports only the epochs after those stored: it goes on, it does not start again.
  const storedEpochs = checkpoint(runId)!.fits.reduce((n, f) => n + f.epoch, 0);
  const spy = vi.spyOn(fx.core.ctx.repos.runs, 'addPoints');
  const resumed = await fx.core.call('runs.resume', { id: runId.slice(0, 8) });
  expect(resumed.runId).toBe(runId);
  expect((await fx.core.ctx.jobs.wait(resumed.jobId)).status).toBe('succeeded');
  const steps = spy.mock.calls.filter(([id]) => id === runId).flatMap(([, points]) => points.map((p) => p.step));
  spy.mockRestore();
  expect(steps[0]).toBe(storedEpochs);
  expect(fx.core.ctx.repos.runs.checkpointEpoch(runId)).toBeNull();

  const a = await fx.core.call('runs.get', { id: straight.runId, maxPoints: 0 });
  const b = await fx.core.call('runs.get', { id: runId, maxPoints: 0 });
  const model = (id: string) => fx.core.ctx.repos.runs.artifact<{ model: unknown }>(id, 'model');
  expect(model(runId)).toEqual(model(straight.runId));
  expect(b.curves).toEqual(a.curves);
  expect(b.metrics).toEqual(a.metrics);
  expect(b.report!.foldMetrics).toEqual(a.report!.foldMetrics);
}
