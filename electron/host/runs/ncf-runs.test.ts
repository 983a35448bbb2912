/** ncf runs build from the network spec: the preset of their factors and layers, or an `arch` of their own, shown as built. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coreFixture } from '../../../tests/helpers/core-fixture';
import { importRecommendFiles } from '../../../tests/helpers/recommend-core';
import { ncfNetwork } from '../../../shared/nn/families';
import type { ArgsOf } from '../../../shared/api/contract';

let fx: ReturnType<typeof coreFixture>;

beforeAll(async () => {
  fx = coreFixture();
  await importRecommendFiles(fx);
});
afterAll(() => fx.close());

const ratings: ArgsOf<'recommend.start'> = { dataset: 'ratings', user: 'user', item: 'book', rating: 'stars', model: 'ncf' };
const runCount = () => (fx.core.ctx.db.prepare('SELECT COUNT(*) AS n FROM runs').get() as { n: number }).n;

async function recommend(args: ArgsOf<'recommend.start'>) {
  const { runId, jobId } = await fx.core.call('recommend.start', args);
  await fx.core.jobResult('recommend.train', jobId);
  return fx.core.call('runs.get', { id: runId });
}

describe('ncf runs and the network spec', () => {
  it('store the preset of their factors and layers, over the data’s users and items, in the report', async () => {
    const run = await recommend({ ...ratings, params: { factors: 4, layers: [8, 4], epochs: 1, batchSize: 256 } });
    const c = run.recommend!.counts;
    expect(run.recommend!.network).toEqual(ncfNetwork({ users: c.users, items: c.items, factors: 4, layers: [8, 4] }));
  });

  it('train an architecture of their own, stored with its defaults filled, and refuse a bad one naming the layer before recording anything', async () => {
    const arch = { layers: [{ type: 'branches', branches: [[{ type: 'pairEmbedding', outputDim: 3 }], [{ type: 'pairEmbedding', outputDim: 5, combine: 'concat' }, { type: 'dense', units: 6 }]] }, { type: 'output', activation: 'sigmoid' }] };
    const run = await recommend({ ...ratings, params: { arch: JSON.stringify(arch), epochs: 1, batchSize: 256 } });
    expect(run.status).toBe('succeeded');
    const stored = JSON.parse(run.recommendSpec!.params.arch as string);
    expect(stored.layers[0].branches[1][1]).toEqual({ type: 'dense', units: 6, activation: 'relu', useBias: true });
    const network = run.recommend!.network!;
    expect(network.input).toMatchObject({ kind: 'pair', users: run.recommend!.counts.users });
    expect(network.layers).toEqual(stored.layers);

    const before = runCount();
    const bad = { layers: [{ type: 'branches', branches: [[{ type: 'pairEmbedding' }], [{ type: 'pairEmbedding', combine: 'concat' }, { type: 'dense', activation: 'tanh' }]] }, { type: 'output', activation: 'sigmoid' }] };
    await expect(fx.core.call('recommend.start', { ...ratings, params: { arch: JSON.stringify(bad) } })).rejects.toMatchObject({
      code: 'bad_request', message: expect.stringContaining("layer 0.1.1 (dense): ncf's MLP tower holds dense layers with relu and a bias only"), details: { field: 'params.arch' },
    });
    expect(runCount()).toBe(before);
  });
});
