/** Recommender runs through the host: each model family on a small made-up file, the report, the stored parts, re-runs. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coreFixture, importCsvText } from '../../../tests/helpers/core-fixture';
import { importRecommendFiles } from '../../../tests/helpers/recommend-core';
import { recommendFiles } from '../../../tests/helpers/recommend-data';
import type { ArgsOf } from '../../../shared/api/contract';
import type { RunPredictionsDto } from '../../../shared/api/runs-dto';
import type { RecommenderArtifact } from '../../../models/recommend/types';
import { loadRecommender } from '../../../models/recommend/fit';
import { NCF_KERNEL_SKIPPED } from '../../../models/recommend/ncf';

let fx: ReturnType<typeof coreFixture>;

beforeAll(async () => {
  fx = coreFixture();
  await importRecommendFiles(fx);
});
afterAll(() => fx.close());

async function recommend(args: ArgsOf<'recommend.start'>) {
  const { runId, jobId } = await fx.core.call('recommend.start', args);
  const outcome = await fx.core.jobResult('recommend.train', jobId);
  return { runId, outcome, run: await fx.core.call('runs.get', { id: runId }) };
}

const ratings = { dataset: 'ratings', user: 'user', item: 'book', rating: 'stars', time: 'ts' };

describe('recommender runs on made-up ratings', () => {
  it('mf: an ordinary run with task recommend, its report, metrics at k, per-user points and the engine artifact', async () => {
    const { runId, outcome, run } = await recommend({ ...ratings, model: 'mf', params: { factors: 8, epochs: 15 }, seed: 3 });
    expect(outcome).toMatchObject({ runId, task: 'recommend', model: 'mf' });
    for (const key of ['rmse', 'mae', 'precisionAt10', 'recallAt10', 'ndcgAt10', 'mapAt10', 'hitRateAt10', 'coverage', 'popularityBias']) {
      expect(Number.isFinite(outcome.metrics[key]), key).toBe(true);
    }
    // Two clear tastes: biased MF predicts ratings well within the 1–5 scale.
    expect(outcome.metrics.rmse).toBeLessThan(1.5);
    expect(run).toMatchObject({ status: 'succeeded', task: 'recommend', family: 'mf', target: 'book', report: null, forecast: null });
    expect(run.recommendSpec).toMatchObject({ dataset: run.datasetId, split: 'random', k: 10, seed: 3, params: { factors: 8, epochs: 15, learningRate: 0.005 } });
    const report = run.recommend!;
    expect(report).toMatchObject({ model: 'mf', feedback: 'explicit', split: 'random', k: 10, coldUsers: null });
    expect(report.counts).toMatchObject({ users: 60, items: 40, interactions: 720, duplicatesMerged: 0, skippedRows: 0 });
    expect(report.counts.train + report.counts.test).toBe(720);
    expect(report.overall.atK).toHaveLength(20);
    expect(report.overall.atK[9].ndcg).toBeCloseTo(outcome.metrics.ndcgAt10!, 12);
    expect(report.metrics).toEqual(outcome.metrics);
    expect(report.itemMap!.length).toBe(40);
    expect(new Set(report.groups.map((g) => g.strategy))).toEqual(new Set(['average', 'least-misery', 'most-pleasure', 'average-without-misery', 'borda', 'fair']));
    expect(report.groups.some((g) => g.kind === 'similar' && g.size === 8)).toBe(true);
    expect(report.notes.join(' ')).toMatch(/Scored on \d+ held-out interactions/);
    const preds = fx.core.ctx.repos.runs.artifact<RunPredictionsDto>(runId, 'predictions')!;
    expect(preds.recommendPoints).toMatchObject({ k: 10, metric: 'ndcg' });
    expect(preds.values).toHaveLength(report.evaluatedUsers);
    expect(preds.values.reduce((a, b) => a + b, 0) / preds.values.length).toBeCloseTo(outcome.metrics.ndcgAt10!, 10);
    // The stored model is the engine's artifact: loadRecommender gives back the same scores.
    const artifact = fx.core.ctx.repos.runs.artifact<RecommenderArtifact>(runId, 'model')!;
    expect(artifact).toMatchObject({ model: 'mf', version: 1 });
    const back = await loadRecommender(artifact);
    expect(back.users).toHaveLength(60);
    expect(Number.isFinite(back.predict(0, 0))).toBe(true);
    expect(Object.keys(run.curves).length).toBeGreaterThan(0);
  });

  it('re-running replays the stored spec: same seed, same metrics', async () => {
    const first = await recommend({ ...ratings, model: 'item-knn', params: { neighbours: 10 }, seed: 5 });
    const { runId, jobId } = await fx.core.call('runs.rerun', { id: first.runId });
    const again = await fx.core.jobResult('recommend.train', jobId);
    expect(runId).not.toBe(first.runId);
    expect(again.metrics).toEqual(first.outcome.metrics);
    expect((await fx.core.call('runs.get', { id: runId })).recommendSpec).toEqual(first.run.recommendSpec);
  });

  it.each([
    ['popularity', {}],
    ['als', { factors: 8, iterations: 5 }],
  ] as const)('%s on implicit events weighted by type', async (model, params) => {
    const { outcome, run } = await recommend({ dataset: 'events', user: 'user', item: 'book', event: 'action', weights: { view: 1, buy: 5 }, model, params });
    expect(outcome.metrics.rmse).toBeUndefined();
    expect(outcome.metrics.ndcgAt10).toBeGreaterThan(0);
    expect(run.recommend!.feedback).toBe('implicit');
  });

  it('hybrid: the fitted blend weights in the report', async () => {
    const { run } = await recommend({ ...ratings, model: 'hybrid', params: { members: 'mf+popularity' }, seed: 2 });
    const blend = run.recommend!.blend!;
    expect(blend.map((b) => b.member)).toEqual(['mf', 'popularity']);
    for (const b of blend) expect(Number.isFinite(b.weight)).toBe(true);
  });

  it('ncf: the neural model through the same run, its backend recorded', async () => {
    const { outcome, run } = await recommend({ ...ratings, model: 'ncf', params: { factors: 4, layers: [8, 4], epochs: 2, batchSize: 256 } });
    expect(Number.isFinite(outcome.metrics.ndcgAt10)).toBe(true);
    expect(run.backend).toMatch(/tfjs|cpu|wasm/);
    expect(run.recommend!.itemMap).not.toBeNull();
    // The device block: the chain tried in order (each refusal with its reason, the chosen one last) and what trained it.
    const device = run.recommend!.device!;
    expect(device.tried.at(-1)).toEqual({ name: device.backend, ok: true });
    for (const t of device.tried.slice(0, -1)) expect(t).toMatchObject({ ok: false, reason: expect.any(String) });
    expect(device.trainedOn).toBe(run.backend);
    expect(device.kernelSkipped).toBe(NCF_KERNEL_SKIPPED);
  });

  it('models without a network record no training device', async () => {
    const { run } = await recommend({ ...ratings, model: 'popularity' });
    expect(run.backend).toBe('typescript-cpu');
    expect(run.recommend!.device).toBeUndefined();
  });

  it('a leave-last-out split by time, counts as weights, k = 5', async () => {
    const { outcome, run } = await recommend({ dataset: 'events', user: 'user', item: 'book', count: 'plays', model: 'popularity', k: 5 });
    expect(outcome.metrics.ndcgAt5).toBeGreaterThanOrEqual(0);
    expect(run.recommend!.k).toBe(5);
    const last = await recommend({ ...ratings, split: 'last', model: 'popularity' });
    // One held-out interaction per user (lastN = 1).
    expect(last.run.recommend!.counts.test).toBe(60);
  });

  it('content and its item features: tags from a|b|c, the map coloured by the genre', async () => {
    const { run } = await recommend({ ...ratings, model: 'content', itemFeatures: 'books', itemKey: 'book_id', userFeatures: 'readers', userKey: 'uid' });
    const report = run.recommend!;
    expect(report.itemMapColour).toBe('genre');
    expect(report.itemMap!.find((p) => p.item === '100')).toMatchObject({ label: 'Book 0', group: 'fantasy' });
    expect(report.notes.join(' ')).toMatch(/Item features found for 40 of 40 items/);
    expect(report.metrics.ndcgAt10).toBeGreaterThan(0);
  });

  it('a separate test dataset: split test, new users are cold', async () => {
    const f = recommendFiles({ seed: 9 }).ratings.split('\n');
    // Other ratings of the same tastes, with five users training never saw.
    const lines = f.slice(1).filter(Boolean).map((l) => l.replace(/^u(5[5-9]),/, 'new$1,'));
    const id = await importCsvText(fx, 'later', `${f[0]}\n${lines.slice(0, 300).join('\n')}\n`);
    const { run } = await recommend({ ...ratings, testDataset: id, model: 'popularity' });
    expect(run.recommendSpec).toMatchObject({ split: 'test', testDataset: id });
    expect(run.recommend!.split).toBe('test');
  });
});
