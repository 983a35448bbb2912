/**
 * Plans on a text classifier: a text run is a tabular-format run with one text column, so the challenger
 * is the champion's spec on the new version and both are scored on held-out rows neither trained on (the
 * champion through its stored text model). k-fold champions trained on every row of their version, so
 * only the new rows count, each scored out of fold by the challenger.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Core } from '../core';
import { csvIn, planCoreEach } from '../../../tests/helpers/plan-fixture';
import { mulberry32 } from '../../../models/split/prng';

let dir = '';
let core: Core;
planCoreEach((c, d) => ([core, dir] = [c, d]));

const FILLER = ['the', 'food', 'service', 'was', 'really', 'and', 'our', 'table', 'staff', 'evening', 'very', 'quite'];
const OLD = { good: ['great', 'lovely', 'excellent', 'superb'], bad: ['awful', 'terrible', 'poor', 'horrible'] };
const NEW = { good: ['stellar', 'gorgeous', 'brilliant', 'fab'], bad: ['dire', 'dreadful', 'lousy', 'grim'] };

/** `n` reviews of eight words, half good and half bad, each with two words of its sentiment; `flip` swaps the labels. */
function reviews(n: number, words: typeof OLD, seed: number, flip = false): string[] {
  const rand = mulberry32(seed);
  const pick = (list: string[]) => list[Math.floor(rand() * list.length)];
  return Array.from({ length: n }, (_, i) => {
    const good = i % 2 === 0;
    const text = [pick(FILLER), pick(FILLER), pick(good ? words.good : words.bad), pick(FILLER), pick(FILLER), pick(good ? words.good : words.bad), pick(FILLER), pick(FILLER)];
    return `${text.join(' ')},${good !== flip ? 'pos' : 'neg'}`;
  });
}

const write = (file: string, lines: string[]) => fs.writeFileSync(file, ['review,label', ...lines].join('\n') + '\n');
const history = async () => (await core.call('models.get', { name: 'reviews' })).history;

/** nbsvm (C fixed: no inner search) with 5-fold cross-validation on 200 reviews, registered as reviews@production. */
async function champion(file: string): Promise<string> {
  write(file, reviews(200, OLD, 1));
  await core.jobResult('datasets.import', (await core.call('datasets.import', { path: file, name: 'reviews' })).jobId);
  const run = await core.call('runs.start', { dataset: 'reviews', target: 'label', family: 'nbsvm', params: { C: 1 }, split: { kind: 'kfold', k: 5 } });
  await core.jobResult('runs.train', run.jobId);
  expect(core.ctx.repos.runs.artifact<{ format: string }>(run.runId, 'model')?.format).toBe('lathe-text-artifact');
  const v = await core.call('models.register', { runId: run.runId, name: 'reviews' });
  await core.call('models.promote', { name: 'reviews', version: v.version, alias: 'production' });
  return run.runId;
}

describe('plans on text classifiers', { timeout: 120_000 }, () => {
  it('promotes a challenger that learned the new words, scored on the new rows only', async () => {
    const file = csvIn(dir, 'reviews');
    const championRunId = await champion(file);
    await core.call('automation.create', { name: 'p', model: 'reviews', source: { kind: 'file', path: file } });
    write(file, [...reviews(200, OLD, 1), ...reviews(200, NEW, 2)]);
    const before = await history();
    const run = await core.call('automation.runNow', { plan: 'p', wait: true });
    expect(run).toMatchObject({ decision: 'promoted', championRunId, dataVersion: 2, aliasMove: { fromVersion: '1.0.0', toVersion: '1.1.0' } });
    expect(run.ab).toMatchObject({ metric: 'accuracy', unit: 'rows', rows: 200, verdict: 'b-better', mcnemar: expect.any(Object) });
    expect(run.ab!.valueB).toBeGreaterThan(run.ab!.valueA);
    expect(await core.call('runs.get', { id: run.challengerRunId! })).toMatchObject({ family: 'nbsvm', datasetVersion: 2 });
    expect(await history()).toHaveLength(before.length + 1);
  });

  it('keeps a challenger trained on a history whose labels were flipped; the alias history is unchanged', async () => {
    const file = csvIn(dir, 'reviews');
    await champion(file);
    await core.call('automation.create', { name: 'p', model: 'reviews', source: { kind: 'file', path: file } });
    write(file, [...reviews(200, OLD, 1, true), ...reviews(100, OLD, 3)]);
    const before = await history();
    const run = await core.call('automation.runNow', { plan: 'p', wait: true });
    expect(run.decision).toBe('kept');
    expect(run.ab).toMatchObject({ metric: 'accuracy', rows: 100 });
    expect(run.ab!.valueB).toBeLessThan(run.ab!.valueA);
    expect(run.reason).toMatch(/^Kept reviews@1\.0\.0: the challenger is not better/);
    expect(run.aliasMove).toBeNull();
    expect(await history()).toEqual(before);
  });

  it('refuses an incremental plan on a text model, naming why', async () => {
    const file = csvIn(dir, 'reviews');
    await champion(file);
    await expect(core.call('automation.create', { name: 'p', model: 'reviews', source: { kind: 'file', path: file }, incremental: true }))
      .rejects.toMatchObject({ code: 'bad_request', details: { field: 'incremental' }, message: expect.stringMatching(/nbsvm cannot continue .* text models train on their own vocabulary/) });
  });
});
