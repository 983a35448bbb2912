/** The goodbooks sample, as an analyst gets it: mf against popularity on the same seeded split, at defaults. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coreFixture } from '../../../tests/helpers/core-fixture';

let fx: ReturnType<typeof coreFixture>;
let ratings: string;

beforeAll(async () => {
  fx = coreFixture();
  const { jobId } = await fx.core.call('datasets.importSample', { id: 'goodbooks-ratings' });
  ratings = (await fx.core.jobResult('datasets.import', jobId)).id;
}, 120_000);
afterAll(() => fx.close());

async function metricsOf(model: 'mf' | 'popularity') {
  const { jobId } = await fx.core.call('recommend.start', { dataset: ratings, user: 'user_id', item: 'book_id', rating: 'rating', model, seed: 7 });
  return (await fx.core.jobResult('recommend.train', jobId)).metrics;
}

describe('goodbooks sample at default settings', () => {
  it('mf predicts ratings better than popularity and ranks the held-out books better too', async () => {
    const popularity = await metricsOf('popularity');
    const mf = await metricsOf('mf');
    expect(mf.rmse!).toBeLessThan(popularity.rmse!);
    expect(mf.ndcgAt10!).toBeGreaterThan(popularity.ndcgAt10!);
  }, 300_000);
});
