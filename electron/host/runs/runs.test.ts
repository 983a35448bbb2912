import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveParams } from '../../../shared/families/index';
import { coreFixture, importFile } from '../../../tests/helpers/core-fixture';
import { samplesDir } from '../datasets/samples';
import type { TrainOutcomeDto } from '../../../shared/api/runs-dto';
import type { ArgsOf } from '../../../shared/api/contract';

let fx: ReturnType<typeof coreFixture>;
let housing: string;
let yelp: string;

beforeAll(async () => {
  fx = coreFixture();
  housing = (await importFile(fx.core, { path: path.join(samplesDir(), 'california_housing/housing.csv') })).id;
  yelp = (await importFile(fx.core, { path: path.join(samplesDir(), 'sentiment/yelp_labelled.txt'), quotes: false, columns: ['text', 'label'] })).id;
});
afterAll(() => fx.close());

async function train(args: ArgsOf<'runs.start'>) {
  const { runId, jobId } = await fx.core.call('runs.start', args);
  const job = await fx.core.ctx.jobs.wait(jobId);
  return { runId, job, outcome: job.result as TrainOutcomeDto };
}

describe('runs', () => {
  it('trains gbdt on California housing near the published baseline and records everything', async () => {
    const { runId, job, outcome } = await train({ dataset: 'housing', target: 'median_house_value', params: { trees: 200, maxDepth: 6 } });
    expect(job.status).toBe('succeeded');
    expect(outcome).toMatchObject({ runId, task: 'regression', model: 'gbdt', backend: 'typescript-cpu' });
    expect(outcome.metrics.rmse).toBeLessThan(52_000);
    expect(outcome.metrics.r2).toBeGreaterThan(0.8);
    const run = await fx.core.call('runs.get', { id: runId });
    expect(run.status).toBe('succeeded');
    expect(run.datasetSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(run.seed).toBe(42);
    // The complete parameters are stored: the given ones, and every other at the schema's default.
    expect(run.params).toEqual(resolveParams('gbdt', { trees: 200, maxDepth: 6 }));
    expect(run.task).toBe('regression');
    expect(run.versions.lathe).toBeTruthy();
    expect(run.curves.train.length).toBe(200);
    expect(run.curves.valid.length).toBe(200);
    expect(run.report!.intervals!.coverage).toBe(0.9);
    expect(run.report!.intervals!.testCoverage).toBeGreaterThan(0.85);
    expect(run.report!.residuals!.length).toBeGreaterThan(100);
    expect(run.report!.importance[0].feature).toBeTruthy();
    expect(fx.core.ctx.repos.runs.artifact(runId, 'model')).toMatchObject({ format: 'lathe-model', family: 'gbdt' });
  });

  it('re-runs exactly: same rows, params and seed give the same model', async () => {
    const first = await train({ dataset: housing, target: 'median_house_value', family: 'linear' });
    const { runId, jobId } = await fx.core.call('runs.rerun', { id: first.runId });
    await fx.core.ctx.jobs.wait(jobId);
    const a = fx.core.ctx.repos.runs.artifact(first.runId, 'model');
    const b = fx.core.ctx.repos.runs.artifact(runId, 'model');
    expect(b).toEqual(a);
    expect((await fx.core.call('runs.get', { id: runId })).metrics).toEqual(first.outcome.metrics);
  });

  it('classifies text with a confusion matrix and calibration', async () => {
    const { outcome, runId } = await train({ dataset: yelp, target: 'label', family: 'linear', split: { kind: 'random', testFraction: 0.25 } });
    expect(outcome.task).toBe('binary');
    expect(outcome.metrics.accuracy).toBeGreaterThan(0.7);
    const run = await fx.core.call('runs.get', { id: runId });
    const m = run.report!.confusion!.matrix;
    expect(m.flat().reduce((a, b) => a + b, 0)).toBe(run.report!.testRows);
    expect(run.report!.calibration!.length).toBeGreaterThan(2);
    expect(run.report!.roc!.at(-1)).toEqual({ fpr: 1, tpr: 1 });
    expect(run.report!.pr!.length).toBeGreaterThan(10);
  });

  it('a cancelled run is recorded as cancelled and keeps no artifact', async () => {
    const { runId, jobId } = await fx.core.call('runs.start', { dataset: housing, target: 'median_house_value', family: 'forest', params: { trees: 2000 } });
    await new Promise<void>((resolve) => {
      const off = fx.core.ctx.events.subscribe((e, p) => {
        if (e === 'job.metrics' && (p as { jobId: string }).jobId === jobId) {
          off();
          resolve();
        }
      });
    });
    await fx.core.call('jobs.cancel', { id: jobId });
    const job = await fx.core.ctx.jobs.wait(jobId);
    expect(job.status).toBe('cancelled');
    const run = await fx.core.call('runs.get', { id: runId });
    expect(run.status).toBe('cancelled');
    expect(run.report).toBeNull();
    expect(fx.core.ctx.repos.runs.artifact(runId, 'model')).toBeNull();
  });

  it('a bad target or excluded column is refused at once, naming the field', async () => {
    await expect(fx.core.call('runs.start', { dataset: housing, target: 'no_such_column' })).rejects.toMatchObject({ code: 'bad_request', details: { field: 'target' } });
    await expect(fx.core.call('runs.start', { dataset: housing, target: 'median_house_value', exclude: ['nope'] })).rejects.toThrow(/no column 'nope'/);
  });

  it('refuses a target that cannot be learned before training, saying why, unless allowed', async () => {
    // The review text as a target: ~1,000 distinct values in 1,000 rows.
    const text = fx.core.call('runs.start', { dataset: yelp, target: 'text' });
    await expect(text).rejects.toMatchObject({ code: 'bad_request', details: { field: 'target', overridable: 'allowAnyTarget' } });
    await expect(text).rejects.toThrow(/'text' has [\d,]+ distinct values — nearly every value is distinct, like an id or free text/);
    // A one-row class, and a test split smaller than the number of classes.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lathe-classes-'));
    const rows = Array.from({ length: 30 }, (_, i) => `${i},${i === 29 ? 'rare' : i % 2 ? 'a' : 'b'}`);
    fs.writeFileSync(path.join(dir, 'one-row.csv'), `x,label\n${rows.join('\n')}\n`);
    fs.writeFileSync(path.join(dir, 'many.csv'), `x,label\n${Array.from({ length: 60 }, (_, i) => `${i},c${i % 20}`).join('\n')}\n`);
    const oneRow = (await importFile(fx.core, { path: path.join(dir, 'one-row.csv') })).id;
    const many = (await importFile(fx.core, { path: path.join(dir, 'many.csv') })).id;
    fs.rmSync(dir, { recursive: true, force: true });
    await expect(fx.core.call('runs.start', { dataset: oneRow, target: 'label' })).rejects.toThrow(/class 'rare' of 'label' has a single row/);
    await expect(fx.core.call('runs.start', { dataset: many, target: 'label', split: { kind: 'random', testFraction: 0.2 } })).rejects.toThrow(/test split would hold 12 rows for 20 classes/);
    // The override trains it anyway; nothing was recorded for the refusals.
    const before = (await fx.core.call('runs.list', {})).length;
    const { outcome } = await train({ dataset: oneRow, target: 'label', family: 'linear', allowAnyTarget: true });
    expect(outcome.task).toBe('multiclass');
    expect((await fx.core.call('runs.list', {})).length).toBe(before + 1);
  });

  it('trains an mlp with hidden layers given as text and records the backend', async () => {
    const { outcome } = await train({ dataset: housing, target: 'median_house_value', family: 'mlp', params: { hidden: '16,8', epochs: 2 } });
    // What trained the batches: the WebAssembly kernel for a dense ReLU network, else the TF.js backend chosen.
    expect(['wasm-kernel', 'webgpu', 'wasm', 'cpu', 'tensorflow', 'tensorflow-gpu']).toContain(outcome.backend);
    expect(outcome.metrics.rmse).toBeGreaterThan(0);
  });

  it('refuses a dataset that is not there', async () => {
    await expect(fx.core.call('runs.start', { dataset: 'nope', target: 'x' })).rejects.toThrow(/No dataset named or with id 'nope'/);
  });

  it('compares two runs on the same rows with a paired interval and a verdict', async () => {
    const gbdt = await train({ dataset: housing, target: 'median_house_value', family: 'gbdt', params: { trees: 100 } });
    const linear = await train({ dataset: housing, target: 'median_house_value', family: 'linear' });
    const r = await fx.core.call('runs.compare', { a: linear.runId, b: gbdt.runId, margin: 1000, resamples: 300 });
    expect(r.metric).toBe('rmse');
    expect(r.valueA).toBeCloseTo(linear.outcome.metrics.rmse, 6);
    expect(r.difference.lo).toBeLessThan(r.difference.estimate);
    expect(r.difference.hi).toBeGreaterThan(r.difference.estimate);
    expect(r.difference.hi).toBeLessThan(-1000);
    expect(r.verdict).toBe('b-better');
    expect(r.text).toMatch(/^B is better: RMSE lower by [\d,]+–[\d,]+$/);
    expect(r.mcnemar).toBeNull();
  });

  it('refuses to compare runs evaluated on different rows, saying why', async () => {
    const a = await train({ dataset: housing, target: 'median_house_value', family: 'linear', seed: 1 });
    const b = await train({ dataset: housing, target: 'median_house_value', family: 'linear', seed: 2 });
    const jobsBefore = (await fx.core.call('jobs.list', {})).length;
    await expect(fx.core.call('runs.compare', { a: a.runId, b: b.runId })).rejects.toThrow(/cannot be compared row by row: their test rows differ \(random split of 0.2 with seed 1 vs 0.2 with seed 2\)/);
    await expect(fx.core.call('runs.compare', { a: a.runId, b: b.runId })).rejects.toMatchObject({ code: 'conflict' });
    // Refused before any work: no failed comparison job in the tray.
    expect((await fx.core.call('jobs.list', {})).length).toBe(jobsBefore);
  });

  it("adds McNemar for classifiers and the corrected t-test for k-fold runs", async () => {
    const split = { kind: 'kfold' as const, k: 5, testFraction: 0.2 };
    // linear on the one text column is the tf-idf model, whose C is textC.
    const a = await train({ dataset: yelp, target: 'label', family: 'linear', split, params: { textC: 1 } });
    const b = await train({ dataset: yelp, target: 'label', family: 'linear', split, params: { textC: 100 } });
    const r = await fx.core.call('runs.compare', { a: a.runId, b: b.runId, resamples: 200 });
    expect(r.metric).toBe('accuracy');
    expect(r.rows).toBe(1000);
    expect(r.mcnemar!.onlyA + r.mcnemar!.onlyB).toBeGreaterThan(0);
    expect(r.correctedT!.df).toBe(4);
    expect(r.correctedT!.pValue).toBeGreaterThan(0);
  }, 60_000);

  it('lists runs newest first and deletes one', async () => {
    const list = await fx.core.call('runs.list', { datasetId: housing });
    expect(list.length).toBeGreaterThanOrEqual(3);
    expect(list[0].createdAt >= list[list.length - 1].createdAt).toBe(true);
    await fx.core.call('runs.delete', { id: list[0].id });
    await expect(fx.core.call('runs.get', { id: list[0].id })).rejects.toThrow(/No run/);
  });
});

describe('long curves', () => {
  it('come back downsampled by min/max buckets unless every point is asked for', async () => {
    const { runId } = await fx.core.call('runs.start', { dataset: housing, target: 'median_house_value', family: 'linear' });
    await fx.core.ctx.jobs.wait((await fx.core.call('runs.get', { id: runId })).jobId!);
    const points = Array.from({ length: 100_000 }, (_, step) => ({ step: step + 10, values: { long: step === 54_321 ? 1e9 : Math.sin(step / 1000) } }));
    fx.core.ctx.repos.runs.addPoints(runId, points);
    const run = await fx.core.call('runs.get', { id: runId, maxPoints: 1000 });
    expect(run.curves.long.length).toBeLessThanOrEqual(1004); // bucket edges may add one bucket
    expect(run.curves.long.length).toBeGreaterThan(500);
    expect(Math.max(...run.curves.long.map((p) => p.value))).toBe(1e9); // the spike survives
    expect((await fx.core.call('runs.get', { id: runId, maxPoints: 0 })).curves.long).toHaveLength(100_000);
  });
});
