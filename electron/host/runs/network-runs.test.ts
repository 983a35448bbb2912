import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coreFixture, importCsvText } from '../../../tests/helpers/core-fixture';
import { mulberry32 } from '../../../models/split/prng';
import { mlpNetwork } from '../../../shared/nn/families';
import { networkPreset } from '../../../shared/nn/presets';
import type { ArgsOf } from '../../../shared/api/contract';
import type { MlpModelJSON } from '../../../models/mlp/mlp';

let fx: ReturnType<typeof coreFixture>;

/** 600 rows: y = 2a − b + a·c + noise, with a category that shifts it. */
function csv(): string {
  const rand = mulberry32(5);
  const lines = ['a,b,c,kind,y'];
  for (let i = 0; i < 600; i++) {
    const a = rand() * 4 - 2, b = rand() * 4 - 2, c = rand() * 2;
    const kind = ['x', 'y', 'z'][i % 3];
    lines.push(`${a.toFixed(4)},${b.toFixed(4)},${c.toFixed(4)},${kind},${(2 * a - b + a * c + (kind === 'z' ? 1 : 0) + 0.1 * (rand() - 0.5)).toFixed(4)}`);
  }
  return lines.join('\n');
}

beforeAll(async () => {
  fx = coreFixture();
  await importCsvText(fx, 'rows', csv());
});
afterAll(() => fx.close());

const base: ArgsOf<'runs.start'> = { dataset: 'rows', target: 'y', family: 'mlp', params: { epochs: 8, batchSize: 32, learningRate: 0.01 } };

async function train(args: ArgsOf<'runs.start'>) {
  const { runId, jobId } = await fx.core.call('runs.start', args);
  const job = await fx.core.ctx.jobs.wait(jobId);
  return { runId, job };
}

const model = (runId: string) => fx.core.ctx.repos.runs.artifact<{ model: MlpModelJSON }>(runId, 'model')!.model;
const runCount = () => (fx.core.ctx.db.prepare('SELECT COUNT(*) AS n FROM runs').get() as { n: number }).n;

describe('network runs', () => {
  it('train a custom architecture from params.arch, stored with its defaults filled and shown as built', async () => {
    const arch = { layers: [{ type: 'dense', units: 24 }, { type: 'batchNorm' }, { type: 'residual', layers: [{ type: 'dense', units: 24, activation: 'gelu' }] }, { type: 'output' }] };
    const { runId, job } = await train({ ...base, params: { ...base.params, arch: JSON.stringify(arch) } });
    expect(job.status).toBe('succeeded');
    const run = await fx.core.call('runs.get', { id: runId });
    const stored = JSON.parse(run.params.arch as string);
    expect(stored.layers[0]).toEqual({ type: 'dense', units: 24, activation: 'relu', useBias: true });
    // As built: the pipeline's width and a linear head of 1.
    expect(run.report!.network!.input).toEqual({ kind: 'table', features: model(runId).nFeatures });
    expect(model(runId).nFeatures).toBeGreaterThanOrEqual(6);
    expect(run.report!.network!.layers.at(-1)).toEqual({ type: 'output', units: 1, activation: 'linear' });
    expect(run.report!.network!.layers.map((l) => l.type)).toEqual(['dense', 'batchNorm', 'residual', 'output']);
    expect(run.metrics!.r2).toBeGreaterThan(0.8);
    expect(run.curves.train.length).toBe(8);
  }, 60_000);

  it('refuse a bad architecture before recording anything, naming the layer', async () => {
    const before = runCount();
    const bad = { layers: [{ type: 'dense', units: 16 }, { type: 'dense', units: -4 }, { type: 'output' }] };
    await expect(fx.core.call('runs.start', { ...base, params: { arch: JSON.stringify(bad) } })).rejects.toMatchObject({
      code: 'bad_request', message: expect.stringContaining('layer 1 (dense): units must be ≥ 1, got -4'), details: { field: 'params.arch' },
    });
    await expect(fx.core.call('runs.start', { ...base, params: { arch: '{"layers": [\n  {"type": "dense",}\n]}' } })).rejects.toThrow(/not valid JSON at line 2, column/);
    const sequence = { input: { kind: 'sequence', steps: 4, features: 2 }, layers: [{ type: 'lstm', returnSequences: true }, { type: 'output' }] };
    await expect(fx.core.call('runs.start', { ...base, params: { arch: JSON.stringify(sequence) } })).rejects.toThrow(/input: kind must be table/);
    expect(runCount()).toBe(before);
  });

  it('re-run a run stored before architectures (no arch) as the preset of its own hidden layers and dropout', async () => {
    const { runId } = await train({ ...base, params: { ...base.params, hidden: [16, 8], dropout: 0.2 } });
    // What an older build stored: no arch row at all.
    fx.core.ctx.db.prepare(`DELETE FROM run_params WHERE run_id = ? AND key = 'arch'`).run(runId);
    const { runId: again, jobId } = await fx.core.call('runs.rerun', { id: runId });
    await fx.core.ctx.jobs.wait(jobId);
    const features = model(runId).nFeatures;
    const expected = mlpNetwork({ hidden: [16, 8], dropout: 0.2, arch: '' }, { features, outputs: 1, activation: 'linear' });
    expect(expected).toEqual(networkPreset('mlp', { input: { kind: 'table', features }, sizes: { hidden: [16, 8], dropout: 0.2 } }));
    expect(expected.layers.map((l) => l.type)).toEqual(['dense', 'dropout', 'dense', 'dropout', 'output']);
    expect((await fx.core.call('runs.get', { id: again })).report!.network).toEqual(expected);
    expect(model(again).weights).toEqual(model(runId).weights);
  }, 60_000);

  it('resume a cancelled run from its last epoch to the weights and curves of an uninterrupted one', async () => {
    // tanh units and batches of 4: TF.js trains it, a few hundred steps an epoch, so the epochs last long enough for
    // the cancel below to land between the third checkpoint and the end (the kernel finishes 12 epochs in an instant).
    const arch = { layers: [{ type: 'dense', units: 16, activation: 'tanh' }, { type: 'dropout', rate: 0.1 }, { type: 'output' }] };
    const args = { ...base, params: { ...base.params, epochs: 12, batchSize: 4, arch: JSON.stringify(arch) } };
    const straight = await train(args);
    const { runId, jobId } = await fx.core.call('runs.start', args);
    // Cancel once a few epochs are checkpointed (the job stops at the next batch).
    let ended: string | null = null;
    void fx.core.ctx.jobs.wait(jobId).then((j) => (ended = j.status), () => (ended = 'failed'));
    await new Promise<void>((resolve, reject) => {
      const poll = () => {
        if ((fx.core.ctx.repos.runs.checkpointEpoch(runId) ?? 0) >= 3) return resolve();
        if (ended) return reject(new Error(`the run ended (${ended}) before its third checkpoint`));
        setTimeout(poll, 5);
      };
      poll();
    });
    fx.core.ctx.jobs.cancel(jobId);
    await fx.core.ctx.jobs.wait(jobId).catch(() => undefined);
    const stopped = await fx.core.call('runs.get', { id: runId });
    expect(stopped.status).toBe('cancelled');
    const epoch = fx.core.ctx.repos.runs.checkpointEpoch(runId)!;
    expect(epoch).toBeGreaterThanOrEqual(3);
    expect(epoch).toBeLessThan(12);

    const resumed = await fx.core.call('runs.resume', { id: runId.slice(0, 8) });
    expect(resumed.runId).toBe(runId);
    expect((await fx.core.ctx.jobs.wait(resumed.jobId)).status).toBe('succeeded');
    const a = await fx.core.call('runs.get', { id: straight.runId, maxPoints: 0 });
    const b = await fx.core.call('runs.get', { id: runId, maxPoints: 0 });
    expect(b.status).toBe('succeeded');
    expect(model(runId).weights).toEqual(model(straight.runId).weights);
    expect(b.curves.train).toEqual(a.curves.train);
    expect(b.metrics).toEqual(a.metrics);
    // Done: no checkpoint is kept, and a finished run cannot be resumed.
    expect(fx.core.ctx.repos.runs.checkpointEpoch(runId)).toBeNull();
    await expect(fx.core.call('runs.resume', { id: runId })).rejects.toMatchObject({ code: 'conflict' });
  }, 120_000);

  it('refuse to resume a run that keeps no checkpoint, saying why', async () => {
    const { runId } = await train({ dataset: 'rows', target: 'y', family: 'linear' });
    fx.core.ctx.repos.runs.end(runId, 'cancelled', null);
    await expect(fx.core.call('runs.resume', { id: runId })).rejects.toThrow(/no checkpoint to resume from: linear trains no network; only network runs keep one \(mlp and textnet, k-fold too, LSTM forecasts and ncf recommenders\)/);
  }, 60_000);
});
