/**
 * Resume for the text network and the LSTM forecaster through the host: a run cancelled after a few
 * checkpointed epochs, resumed with runs.resume, ends as the same run trained straight through.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coreFixture, importFile } from '../../../tests/helpers/core-fixture';
import { samplesDir } from '../datasets/samples';
import type { ArgsOf } from '../../../shared/api/contract';
import { cancelAfterEpoch } from '../../../tests/helpers/cancel-after-epoch';

let fx: ReturnType<typeof coreFixture>;
let yelp: string;

beforeAll(async () => {
  fx = coreFixture();
  const { jobId } = await fx.core.call('datasets.importSample', { id: 'yelp-sentiment' });
  yelp = (await fx.core.jobResult('datasets.import', jobId)).id;
  const file = path.join(fx.home, 'air.csv');
  fs.copyFileSync(path.join(samplesDir(), 'airline_passengers/airline-passengers.csv'), file);
  await importFile(fx.core, { path: file, name: 'air' });
});
afterAll(() => fx.close());

const cancelAfter = (runId: string, jobId: string, epoch: number) => cancelAfterEpoch(fx, runId, jobId, epoch);

async function resumeToEnd(runId: string): Promise<void> {
  const resumed = await fx.core.call('runs.resume', { id: runId.slice(0, 8) });
  expect(resumed.runId).toBe(runId);
  expect((await fx.core.ctx.jobs.wait(resumed.jobId)).status).toBe('succeeded');
  // Done: no checkpoint is kept, and a finished run cannot be resumed.
  expect(fx.core.ctx.repos.runs.checkpointEpoch(runId)).toBeNull();
  await expect(fx.core.call('runs.resume', { id: runId })).rejects.toMatchObject({ code: 'conflict' });
}

const model = (runId: string) => fx.core.ctx.repos.runs.artifact<{ model: unknown }>(runId, 'model');

describe('resume', () => {
  it('a textnet run resumes from its last epoch to the weights, curves and metrics of an uninterrupted one', async () => {
    // Batches of 8 over a 1,000-term table: epochs (about a second each) long enough for the cancel to land after the second checkpoint.
    const args: ArgsOf<'runs.start'> = { dataset: yelp, target: 'label', family: 'textnet', params: { maxEpochs: 5, patience: 100, batchSize: 8, embeddingDim: 32, hidden: 16, maxFeatures: 1000 } };
    const straight = await fx.core.call('runs.start', args);
    expect((await fx.core.ctx.jobs.wait(straight.jobId)).status).toBe('succeeded');
    const { runId, jobId } = await fx.core.call('runs.start', args);
    const epoch = await cancelAfter(runId, jobId, 2);
    expect(epoch).toBeLessThan(5);
    expect((await fx.core.call('runs.get', { id: runId, maxPoints: 0 })).resumeEpoch).toBe(epoch);
    await resumeToEnd(runId);
    const a = await fx.core.call('runs.get', { id: straight.runId, maxPoints: 0 });
    const b = await fx.core.call('runs.get', { id: runId, maxPoints: 0 });
    expect(model(runId)).toEqual(model(straight.runId));
    expect(b.curves.train).toEqual(a.curves.train);
    expect(b.metrics).toEqual(a.metrics);
    // The network as built, for the run page's Architecture tab.
    expect(b.report!.network!.layers.map((l) => l.type)).toEqual(['embeddingBag', 'dense', 'dropout', 'output']);
    expect(b.report!.network!.input).toMatchObject({ kind: 'tokens' });
  }, 300_000);

  it('an LSTM forecast resumes from its checkpoint to the model and metrics of an uninterrupted one', async () => {
    const args: ArgsOf<'forecast.start'> = { dataset: 'air', time: 'Month', target: 'Passengers', horizon: 6, model: 'lstm', windows: 2, params: { units: [16], epochs: 8, patience: 0, batchSize: 2 } };
    const straight = await fx.core.call('forecast.start', args);
    expect((await fx.core.ctx.jobs.wait(straight.jobId)).status).toBe('succeeded');
    const { runId, jobId } = await fx.core.call('forecast.start', args);
    await cancelAfter(runId, jobId, 2);
    await resumeToEnd(runId);
    const a = await fx.core.call('runs.get', { id: straight.runId, maxPoints: 0 });
    const b = await fx.core.call('runs.get', { id: runId, maxPoints: 0 });
    expect(model(runId)).toEqual(model(straight.runId));
    expect(b.forecast!.metrics).toEqual(a.forecast!.metrics);
  }, 300_000);

  it('refuses runs that keep no checkpoint, naming why', async () => {
    const { runId, jobId } = await fx.core.call('forecast.start', { dataset: 'air', time: 'Month', target: 'Passengers', horizon: 6, model: 'ets' });
    await fx.core.ctx.jobs.wait(jobId);
    fx.core.ctx.repos.runs.end(runId, 'cancelled', null);
    await expect(fx.core.call('runs.resume', { id: runId })).rejects.toThrow(/no checkpoint to resume from: an ets forecast trains no network; only network runs keep one/);
  }, 300_000);
});
