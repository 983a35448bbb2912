/**
 * Fits one Lathe recommender in a fresh process, so that its peak memory is its own: reads the split,
 * fits `rounds` times (the median time is kept), scores the last fit with evaluateRecommender and prints
 * one JSON line. A model whose code is not in models/recommend prints { available: false, reason }.
 *
 * Usage: node --import tsx lathe-child.ts <json: {model, train, test, rounds, seed, params, k, maxK}>
 */
import { evaluateRecommender } from '../../models/recommend/metrics';
import type { Recommender } from '../../models/recommend/types';
import type { RecommendModelId } from '../../shared/families/recommend';
import { fitterFor } from './fitters';
import { readSplit } from './split';

const mb = (bytes: number) => bytes / 2 ** 20;

async function main(): Promise<void> {
  const job = JSON.parse(process.argv[2]) as { model: RecommendModelId; train: string; test: string; rounds: number; seed: number; params: Record<string, unknown>; k: number; maxK: number };
  const fit = await fitterFor(job.model);
  if (!fit) {
    console.log(JSON.stringify({ model: job.model, available: false, reason: `models/recommend has no fit for ${job.model}` }));
    return;
  }
  const { train, test } = readSplit({ train: job.train, test: job.test, evalUsers: '' });
  const rssBeforeMB = mb(process.memoryUsage().rss);
  const seconds: number[] = [];
  let model: Recommender | null = null;
  for (let r = 0; r < job.rounds; r++) {
    model = null; // the previous fit may be collected while the next one runs
    const t0 = performance.now();
    try {
      model = await fit(train, { params: job.params, seed: job.seed });
    } catch (e) {
      // The engine's entry point names the models it cannot fit yet; any other failure is reported as one.
      const reason = String((e as Error).message);
      console.log(JSON.stringify({ model: job.model, available: false, reason: /not available/.test(reason) ? reason : `the fit failed: ${reason}` }));
      return;
    }
    seconds.push((performance.now() - t0) / 1000);
  }
  const peakRssMB = process.resourceUsage().maxRSS / 1024;
  const t0 = performance.now();
  const evaluation = evaluateRecommender(model!, train, test, { seed: job.seed, k: job.k, maxK: job.maxK });
  const evaluateSeconds = (performance.now() - t0) / 1000;
  // The per-user ndcg list stays here; its users tell the parent which users were ranked.
  const { perUser, ...summary } = evaluation;
  // The neural model trains on whichever TF.js backend is the fastest that loads here.
  const backend = job.model === 'ncf' ? (await import('../../models/mlp/backend')).tf.getBackend() : undefined;
  console.log(JSON.stringify({ model: job.model, available: true, backend, fitSeconds: seconds, rssBeforeMB, peakRssMB, evaluateSeconds, evaluatedUsers: perUser.user.map((u) => train.users[u]), evaluation: summary }));
}

await main();
