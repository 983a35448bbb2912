/**
 * Resume for k-fold mlp runs through the host: a run cancelled in its second fold, resumed with
 * runs.resume, ends as the same run trained straight through.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { coreFixture, importCsvText } from '../../../tests/helpers/core-fixture';
import { mulberry32 } from '../../../models/split/prng';
import type { RunCheckpoint } from '../../../models/nn/train/checkpoint';
import type { ArgsOf } from '../../../shared/api/contract';

let fx: ReturnType<typeof coreFixture>;

/** 600 rows: y = 2a − b + a·c + noise. */
function csv(): string {
  const rand = mulberry32(5);
  const lines = ['a,b,c,y'];
  for (let i = 0; i < 600; i++) {
    const a = rand() * 4 - 2, b = rand() * 4 - 2, c = rand() * 2;
    lines.push(`${a.toFixed(4)},${b.toFixed(4)},${c.toFixed(4)},${(2 * a - b + a * c + 0.1 * (rand() - 0.5)).toFixed(4)}`);
  }
  return lines.join('\n');
}

beforeAll(async () => {
  fx = coreFixture();
  await importCsvText(fx, 'rows', csv());
});
afterAll(() => fx.close());

const fitsStored = (runId: string) => fx.core.ctx.repos.runs.artifact<RunCheckpoint>(runId, 'checkpoint')?.fits.length ?? 0;

describe('k-fold mlp resume', () => {
  it('a k-fold mlp run cancelled in its second fold resumes to the model, curves and metrics of an uninterrupted one', async () => {
    // Batches of 4: epochs long enough for the cancel to land before the final fit.
    const args: ArgsOf<'runs.start'> = { dataset: 'rows', target: 'y', family: 'mlp', split: { kind: 'kfold', k: 2 }, params: { epochs: 5, batchSize: 4, learningRate: 0.01 } };
    const straight = await fx.core.call('runs.start', args);
    expect((await fx.core.ctx.jobs.wait(straight.jobId)).status).toBe('succeeded');

    const { runId, jobId } = await fx.core.call('runs.start', args);
    let ended: string | null = null;
    void fx.core.ctx.jobs.wait(jobId).then((j) => (ended = j.status), () => (ended = 'failed'));
    await new Promise<void>((resolve, reject) => {
      const poll = () => {
        if (fitsStored(runId) >= 2) return resolve();
        if (ended) return reject(new Error(`the run ended (${ended}) before its second fold's first checkpoint`));
        setTimeout(poll, 5);
      };
      poll();
    });
    fx.core.ctx.jobs.cancel(jobId);
    await fx.core.ctx.jobs.wait(jobId).catch(() => undefined);
    expect((await fx.core.call('runs.get', { id: runId, maxPoints: 0 })).status).toBe('cancelled');
    // Two folds and the final fit: the cancel landed before the last one.
    expect(fitsStored(runId)).toBeLessThan(3);

    // The resumed job reports only the epochs after those stored: it goes on, it does not start again.
    const storedEpochs = fx.core.ctx.repos.runs.artifact<RunCheckpoint>(runId, 'checkpoint')!.fits.reduce((n, f) => n + f.epoch, 0);
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
  }, 300_000);
});
