/** `lathe train --task recommend` and the API are two doors to one recommender run. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coreFixture, importFile } from '../../tests/helpers/core-fixture';
import { recommendFiles } from '../../tests/helpers/recommend-data';
import { parseWeights, recommendArgsFromCli } from './commands/recommend-train';
import { latheIn } from '../../tests/helpers/lathe-cli';
import { NCF_KERNEL_SKIPPED } from '../../models/recommend/ncf';

let fx: ReturnType<typeof coreFixture>;

const lathe = latheIn(() => fx.home);

beforeAll(async () => {
  fx = coreFixture();
  const file = path.join(fx.home, 'ratings.csv');
  fs.writeFileSync(file, recommendFiles({ users: 40, items: 30, perUser: 10 }).ratings);
  await importFile(fx.core, { path: file, name: 'ratings' });
});
afterAll(() => fx.close());

describe('lathe train --task recommend', () => {
  it('lathe runs device names what trained an ncf run, each backend skipped and why the kernel was not used', async () => {
    const { runId, jobId } = await fx.core.call('recommend.start', { dataset: 'ratings', user: 'user', item: 'book', rating: 'stars', model: 'ncf', params: { factors: 4, layers: [8, 4], epochs: 2 } });
    await fx.core.jobResult('recommend.train', jobId);
    const device = JSON.parse(lathe('--json', 'runs', 'device', runId).stdout);
    expect(device).toEqual((await fx.core.call('runs.get', { id: runId, maxPoints: 0 })).recommend!.device);
    expect(device.tried.at(-1)).toEqual({ name: device.backend, ok: true });
    const text = lathe('runs', 'device', runId).stdout;
    expect(text).toMatch(new RegExp(`^trained on ${device.trainedOn}\n`));
    expect(text).toContain(`not used: the network has ${NCF_KERNEL_SKIPPED}`);
  }, 90_000);

  it('prints the outcome with --json: run id, task, model, metrics at k (rating metrics with ratings), duration; the API gives the same', async () => {
    const r = lathe('train', '--task', 'recommend', '--dataset', 'ratings', '--user', 'user', '--item', 'book', '--rating', 'stars', '--model', 'item-knn', '--param', 'neighbours=20', '--seed', '4', '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const cli = JSON.parse(r.stdout);
    expect(Object.keys(cli).sort()).toEqual(['durationMs', 'metrics', 'model', 'runId', 'task']);
    expect(cli).toMatchObject({ task: 'recommend', model: 'item-knn' });
    expect(Object.keys(cli.metrics)).toEqual(['rmse', 'mae', 'precisionAt10', 'recallAt10', 'ndcgAt10', 'mapAt10', 'hitRateAt10', 'mrrAt10', 'coverage', 'popularityBias']);
    const { jobId } = await fx.core.call('recommend.start', { dataset: 'ratings', user: 'user', item: 'book', rating: 'stars', model: 'item-knn', params: { neighbours: 20 }, seed: 4 });
    expect((await fx.core.jobResult('recommend.train', jobId)).metrics).toEqual(cli.metrics);
    const list = lathe('runs', '--dataset', 'ratings');
    expect(list.stdout).toMatch(/item-knn .* rmse \S+ {2}ndcgAt10 \S+\n/);
  }, 90_000);

  it('implicit feedback has no rating metrics; k sets the keys', () => {
    const r = lathe('train', '--task', 'recommend', '--dataset', 'ratings', '--user', 'user', '--item', 'book', '--model', 'popularity', '--k', '5', '--json');
    expect(r.code).toBe(0);
    expect(Object.keys(JSON.parse(r.stdout).metrics)).toEqual(['precisionAt5', 'recallAt5', 'ndcgAt5', 'mapAt5', 'hitRateAt5', 'mrrAt5', 'coverage', 'popularityBias']);
  }, 60_000);

  it('fails with exit code 1 and one line naming the problem', () => {
    const r = lathe('train', '--task', 'recommend', '--dataset', 'ratings', '--user', 'user', '--item', 'book', '--split', 'last');
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe("lathe: The 'last' split orders interactions by time: give a time column");
  }, 30_000);

  it('reads every option into the contract’s arguments', () => {
    expect(
      recommendArgsFromCli({
        dataset: 'd', user: 'u', item: 'i', event: 'e', weights: 'view=1, buy=5', time: 't', itemFeatures: 'books', itemKey: 'id', userFeatures: 'people', userKey: 'uid',
        model: 'als', split: 'time', testDataset: 'T', k: '20', param: ['factors=16'], seed: 9,
      }),
    ).toEqual({
      dataset: 'd', user: 'u', item: 'i', event: 'e', weights: { view: 1, buy: 5 }, time: 't', itemFeatures: 'books', itemKey: 'id', userFeatures: 'people', userKey: 'uid',
      model: 'als', split: 'time', testDataset: 'T', k: 20, params: { factors: '16' }, seed: 9,
    });
    expect(() => parseWeights('view')).toThrow(/--weights expects type=number pairs/);
    expect(() => recommendArgsFromCli({ dataset: 'd', item: 'i', param: [] })).toThrow(/needs --user COLUMN/);
  });
});
