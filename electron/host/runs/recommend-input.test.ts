/** Recommender runs refuse bad input before a run exists, naming the field; failed and cancelled runs keep no parts. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coreFixture, importCsvText } from '../../../tests/helpers/core-fixture';
import { importRecommendFiles } from '../../../tests/helpers/recommend-core';
import type { ArgsOf } from '../../../shared/api/contract';
import type { TaskContext } from '../../workers/protocol';
import { recommendTrainTask } from '../../workers/recommend/train-task';
import { resolveRecommend } from './resolve-recommend';

let fx: ReturnType<typeof coreFixture>;

beforeAll(async () => {
  fx = coreFixture();
  await importRecommendFiles(fx);
  // Every user has a single interaction: a random split holds nothing out.
  await importCsvText(fx, 'singles', `user,item,stars\n${Array.from({ length: 10 }, (_, u) => `u${u},i${u % 4},${1 + (u % 5)}`).join('\n')}\n`);
});
afterAll(() => fx.close());

const base = { dataset: 'ratings', user: 'user', item: 'book', rating: 'stars' };
const count = (table: string) => (fx.core.ctx.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('bad input is refused before a run exists, naming the field', () => {
  it.each([
    [{ user: 'nope' }, 'user', /The dataset has no column 'nope' \(the user column\)/],
    [{ item: 'nope' }, 'item', /no column 'nope' \(the item column\)/],
    [{ rating: 'user' }, 'rating', /'user' is not a numeric column \(it is (categorical|text)\)/],
    [{ count: 'ts' }, 'count', /Give one of a rating, an event or a count column, not rating 'stars' and count 'ts'/],
    [{ dataset: 'events', rating: undefined, event: 'action' }, 'weights', /needs a weight for each event type/],
    [{ dataset: 'events', rating: undefined, event: 'action', weights: { buy: 5 } }, 'weights', /types without a weight: view/],
    [{ dataset: 'events', rating: undefined, event: 'action', weights: { buy: 5, view: 1, like: 2 } }, 'weights', /never holds: like/],
    [{ weights: { buy: 5 } }, 'weights', /Weights apply to an event column/],
    [{ split: 'last' }, 'time', /The 'last' split orders interactions by time: give a time column/],
    [{ split: 'time' }, 'time', /The 'time' split/],
    [{ split: 'test' }, 'testDataset', /The 'test' split needs a test dataset/],
    [{ testDataset: 'nope' }, 'testDataset', /No dataset named or with id 'nope'/],
    [{ testDataset: 'books' }, 'testDataset', /The test dataset has no column 'user'/],
    [{ time: 'user' }, 'time', /'user' is not a date, datetime or numeric column/],
    [{ item: 'user' }, 'item', /'user' is given as both the user and the item column/],
    [{ itemFeatures: 'books' }, 'itemKey', /The item features need the column that holds the item id \(itemKey\)/],
    [{ itemFeatures: 'books', itemKey: 'isbn' }, 'itemKey', /The item features dataset has no column 'isbn'/],
    [{ itemFeatures: 'books', itemKey: 'year' }, 'itemKey', /No value of 'year' in the item features matches a item of 'book' in the interactions/],
    [{ itemKey: 'book_id' }, 'itemFeatures', /give the item features dataset too/],
    [{ userFeatures: 'readers', userKey: 'country' }, 'userKey', /No value of 'country' in the user features matches a user of 'user'/],
    [{ model: 'content' }, 'itemFeatures', /The Content model needs an item features dataset/],
    [{ model: 'mf', params: { factors: 0 } }, 'params.factors', /Invalid mf parameter 'factors' = '0': must be at least 1/],
    [{ model: 'mf', params: { trees: 3 } }, 'params.trees', /mf has no parameter 'trees'/],
    [{ model: 'popularity', params: { halfLifeDays: 30 } }, 'params.halfLifeDays', /A half-life weighs interactions by their age/],
    [{ model: 'nope' }, 'model', /model/],
    [{ k: 0 }, 'k', /k/],
  ] as [Partial<ArgsOf<'recommend.start'>>, string, RegExp][])('%j → %s', async (over, field, message) => {
    const before = count('runs');
    const err = await fx.core.call('recommend.start', { ...base, ...over } as ArgsOf<'recommend.start'>).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: expect.stringMatching(/bad_request|not_found/), details: { field } });
    expect((err as Error).message).toMatch(message);
    expect(count('runs')).toBe(before);
  });

  it('a test dataset implies the test split, whatever split was asked', () => {
    const spec = resolveRecommend(fx.core.ctx, { ...base, testDataset: 'ratings', split: 'random', model: 'mf', k: 10, params: {}, seed: 1 });
    expect(spec).toMatchObject({ split: 'test', testDatasetId: spec.datasetId, params: { factors: 100, epochs: 20, svdpp: false } });
  });
});

describe('failed and cancelled runs', () => {
  it('a run the worker refuses fails and keeps no model, report or points; the database is otherwise unchanged', async () => {
    const tables = ['datasets', 'artifacts', 'model_versions'];
    const before = tables.map(count);
    const { runId, jobId } = await fx.core.call('recommend.start', { dataset: 'singles', user: 'user', item: 'item', model: 'popularity' });
    await expect(fx.core.jobResult('recommend.train', jobId)).rejects.toThrow(/held out no interactions: every user has a single one/);
    const run = await fx.core.call('runs.get', { id: runId });
    expect(run).toMatchObject({ status: 'failed', task: 'recommend', recommend: null, metrics: null });
    for (const kind of ['model', 'report', 'predictions'] as const) expect(fx.core.ctx.repos.runs.artifact(runId, kind)).toBeNull();
    expect(tables.map(count)).toEqual(before);
  });

  it('a cancelled run keeps no model, report or points', async () => {
    // SVD++ with many factors and epochs: long enough that the cancel lands while it fits.
    const { runId, jobId } = await fx.core.call('recommend.start', { ...base, model: 'mf', params: { svdpp: true, factors: 300, epochs: 1000 } });
    await new Promise<void>((resolve) => {
      const off = fx.core.ctx.events.subscribe((e, p) => {
        if (e === 'job.progress' && (p as { jobId: string }).jobId === jobId) {
          off();
          resolve();
        }
      });
    });
    await fx.core.call('jobs.cancel', { id: jobId });
    expect((await fx.core.ctx.jobs.wait(jobId)).status).toBe('cancelled');
    const run = await fx.core.call('runs.get', { id: runId });
    expect(run).toMatchObject({ status: 'cancelled', recommend: null, metrics: null });
    for (const kind of ['model', 'report', 'predictions'] as const) expect(fx.core.ctx.repos.runs.artifact(runId, kind)).toBeNull();
  }, 60_000);

  it('the task returns nothing once cancel is asked during the fit', async () => {
    const spec = resolveRecommend(fx.core.ctx, { ...base, model: 'mf', k: 10, split: 'random', params: { factors: 4, epochs: 50 }, seed: 1 });
    let fitting = false;
    const ctx: TaskContext = {
      signal: new AbortController().signal, cancelled: () => fitting, metrics: () => undefined, afterResult: (w) => w(),
      progress: (_, m) => {
        if (m?.startsWith('fitting')) fitting = true;
      },
      start: { jobId: 'test', kind: 'recommend.train', args: {}, databasePath: fx.core.ctx.databasePath, home: fx.home },
    };
    expect(await recommendTrainTask({ ...spec, runId: 'test' }, ctx)).toBeNull();
  });
});
