/**
 * Text classifiers as ordinary runs, through the host on the sentiment sample: trained, reported, re-run
 * exactly, registered, swept; the lexicon on labelled data; bad input refused with the column named.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coreFixture, importFile } from '../../../tests/helpers/core-fixture';
import { emptyForm, toArgs } from '../../../renderer/features/experiments/form';
import { parseParams, parseSplit } from '../../cli/commands/runs';
import { DEFAULT_SEED, DEFAULT_TEST_FRACTION } from '../../../shared/api/methods/runs';
import { resolveParams } from '../../../shared/families/index';
import type { ArgsOf } from '../../../shared/api/contract';
import type { TrainOutcomeDto } from '../../../shared/api/runs-dto';

let fx: ReturnType<typeof coreFixture>;
let yelp: string;

beforeAll(async () => {
  fx = coreFixture();
  const { jobId } = await fx.core.call('datasets.importSample', { id: 'yelp-sentiment' });
  yelp = (await fx.core.jobResult('datasets.import', jobId)).id;
});
afterAll(() => fx.close());

async function train(args: ArgsOf<'runs.start'>) {
  const { runId, jobId } = await fx.core.call('runs.start', args);
  const outcome = (await fx.core.jobResult('runs.train', jobId)) as TrainOutcomeDto;
  return { runId, outcome, run: await fx.core.call('runs.get', { id: runId }), model: fx.core.ctx.repos.runs.artifact<Record<string, unknown>>(runId, 'model') };
}

describe('text runs', () => {
  it('nbsvm from its defaults: accuracy in the benchmark range, top terms, C chosen, predictions kept; re-run identical; registered', async () => {
    const first = await train({ dataset: yelp, target: 'label', family: 'nbsvm' });
    expect(first.outcome).toMatchObject({ task: 'binary', model: 'nbsvm' });
    expect(first.outcome.metrics.accuracy).toBeGreaterThan(0.8);
    expect(first.outcome.metrics.accuracy).toBeLessThan(0.93);
    expect(Object.keys(first.outcome.metrics)).toEqual(expect.arrayContaining(['accuracy', 'f1', 'auc', 'logloss']));
    const r = first.run.report!;
    expect(r.importanceKind).toBe('coefficient');
    // Shuffling the one text column says only that the text matters: text runs report their terms instead.
    expect(r.permutation).toBeUndefined();
    expect(r.importance.slice(0, 15).map((i) => i.feature)).toContain('great → 1');
    expect(r.features).toEqual(['text']);
    expect(r.notes.join(' ')).toMatch(/C = [\d.]+ chosen by 5-fold inner cross-validation/);
    expect(r.confusion!.matrix.flat().reduce((a, b) => a + b, 0)).toBe(r.testRows);
    expect(r.roc!.at(-1)).toEqual({ fpr: 1, tpr: 1 });
    expect(first.run.params).toEqual(resolveParams('nbsvm', {}));
    expect(first.model).toMatchObject({ format: 'lathe-text-artifact', family: 'nbsvm', textColumn: 'text', classes: [0, 1] });
    const preds = fx.core.ctx.repos.runs.artifact<{ rows: number[]; probabilities: number[] }>(first.runId, 'predictions')!;
    expect(preds.rows).toHaveLength(r.testRows);
    expect(preds.probabilities).toHaveLength(2 * r.testRows);

    const { runId, jobId } = await fx.core.call('runs.rerun', { id: first.runId });
    await fx.core.jobResult('runs.train', jobId);
    expect(JSON.stringify(fx.core.ctx.repos.runs.artifact(runId, 'model'))).toBe(JSON.stringify(first.model));
    expect((await fx.core.call('runs.get', { id: runId })).metrics).toEqual(first.outcome.metrics);

    const v = await fx.core.call('models.register', { runId: first.runId, name: 'yelp-sentiment' });
    expect(v).toMatchObject({ name: 'yelp-sentiment', version: '1.0.0' });
  }, 120_000);

  it('the app form and the CLI train the same nbsvm and lexicon runs from their defaults', async () => {
    for (const family of ['nbsvm', 'lexicon'] as const) {
      const app = await train(toArgs({ ...emptyForm(yelp), target: 'label', family, params: { ...emptyForm(yelp).params, nbsvm: { ...emptyForm(yelp).params.nbsvm, C: '1' } } }));
      const cli = await train({ dataset: yelp, target: 'label', exclude: [], family, params: parseParams(family === 'nbsvm' ? ['C=1'] : []), split: parseSplit('random', DEFAULT_TEST_FRACTION), seed: DEFAULT_SEED });
      expect(cli.run.params).toEqual(app.run.params);
      expect(JSON.stringify(cli.model)).toBe(JSON.stringify(app.model));
    }
  }, 120_000);

  it('textnet: epoch curves, the best epoch noted, re-run identical', async () => {
    const args = { dataset: yelp, target: 'label', family: 'textnet' as const, params: { maxEpochs: 8, patience: 3 } };
    const a = await train(args);
    expect(a.outcome.metrics.accuracy).toBeGreaterThan(0.6);
    expect(a.run.curves.train.length).toBeGreaterThan(2);
    expect(a.run.curves.valid.length).toBe(a.run.curves.train.length);
    expect(a.run.report!.notes.join(' ')).toMatch(/textnet kept epoch \d+ of \d+/);
    // The embedding bag, dense ReLU, dropout and logits are the WebAssembly kernel's; the chain tried is kept.
    const device = a.run.report!.device!;
    expect(device).toMatchObject({ trainedOn: 'wasm-kernel' });
    expect(device.kernelSkipped).toBeUndefined();
    expect(device.tried.at(-1)).toEqual({ name: device.backend, ok: true });
    for (const t of device.tried.slice(0, -1)) expect(t).toMatchObject({ ok: false, reason: expect.any(String) });
    expect(a.run.backend).toBe('wasm-kernel');
    const b = await train(args);
    expect(b.outcome.metrics).toEqual(a.outcome.metrics);
  }, 120_000);

  it('lexicon on labelled data: no training, classes read as sentiments, lexicon words as importance', async () => {
    const { outcome, run } = await train({ dataset: yelp, target: 'label', family: 'lexicon', split: { kind: 'kfold', k: 5 } });
    expect(outcome.metrics.accuracy).toBeGreaterThan(0.78);
    expect(run.report!.importanceKind).toBe('lexicon');
    expect(run.report!.notes).toContain('The lexicon trains nothing; classes read as 0 = negative, 1 = positive.');
  }, 60_000);

  it('sweeps over a text family through its schema', async () => {
    const { sweepId } = await fx.core.call('sweeps.start', {
      dataset: yelp, target: 'label', family: 'nbsvm', method: 'grid', trials: 2, space: ['beta=0.25|1'], params: { C: 1 }, stopEarly: false,
    });
    const s = await fx.core.sweepEnded(sweepId);
    expect(s.status).toBe('succeeded');
    expect(s.results.map((t) => t.params.beta).sort()).toEqual([0.25, 1]);
    expect(s.results.every((t) => t.value !== null && t.value < 0.6)).toBe(true);
    await expect(fx.core.call('sweeps.start', { dataset: yelp, target: 'label', family: 'nbsvm', space: ['depth=1..3'] })).rejects.toThrow(/nbsvm has no parameter 'depth'/);
  }, 120_000);

  it('refuses bad input before training, naming the column', async () => {
    await expect(fx.core.call('runs.start', { dataset: yelp, target: 'label', family: 'nbsvm', exclude: ['text'] }))
      .rejects.toThrow('nbsvm trains on one text column; there are no feature columns');
    const file = path.join(fx.home, 'grades.csv');
    fs.writeFileSync(file, `review,grade,score\n${Array.from({ length: 40 }, (_, i) => `"${i % 2 ? 'good value, would buy again' : 'broke after a week, not happy'} ${i}",${'ABC'[i % 3]},${i % 4}`).join('\n')}\n`);
    const grades = (await importFile(fx.core, { path: file, types: { review: 'text' } })).id;
    await expect(fx.core.call('runs.start', { dataset: grades, target: 'grade', family: 'lexicon', exclude: ['score'] }))
      .rejects.toThrow("the target 'grade' must hold sentiment labels");
    await expect(fx.core.call('runs.start', { dataset: grades, target: 'score', family: 'textnet', task: 'regression' }))
      .rejects.toThrow("textnet predicts classes; 'score' is a regression target");
  });
});
