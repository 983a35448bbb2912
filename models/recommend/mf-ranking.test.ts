import { describe, expect, it } from 'vitest';
import { gaussian, mulberry32 } from '../split/prng';
import { buildInteractions } from './data';
import { evaluateRecommender } from './metrics';
import { fitMf, loadMf } from './mf';
import { fitPopularity } from './popularity';
import { splitInteractions } from './split';
import type { Interactions } from './types';
import { correlation } from '../testing/recommend';

/**
 * Ratings missing not at random: a user picks items by popularity and by taste (popular among similar
 * users: Gumbel top-k over b_i + a_u·c_i), and rates what they picked by the item's quality, which has
 * nothing to do with who picks it. Ranking by predicted rating then surfaces good items nobody picks.
 */
function pickedThenRated(seed: number): Interactions {
  const rand = mulberry32(seed);
  const users = 500;
  const items = 200;
  const rank = 3;
  const perUser = 20;
  const normals = (n: number, std: number) => Array.from({ length: n }, () => std * gaussian(rand));
  const taste = normals(users * rank, 1);
  const traits = normals(items * rank, 1);
  const popularity = normals(items, 1);
  const quality = normals(items, 0.8);
  const leniency = normals(users, 0.3);
  const user: string[] = [];
  const item: string[] = [];
  const rating: number[] = [];
  for (let u = 0; u < users; u++) {
    const keys = Array.from({ length: items }, (_, i) => {
      let s = popularity[i];
      for (let c = 0; c < rank; c++) s += taste[u * rank + c] * traits[i * rank + c];
      return s - Math.log(-Math.log(1 - rand()));
    });
    const picked = [...keys.keys()].sort((a, b) => keys[b] - keys[a]).slice(0, perUser);
    for (const i of picked) {
      user.push(`u${u}`);
      item.push(`i${i}`);
      rating.push(Math.min(5, Math.max(1, Math.round(3.6 + leniency[u] + quality[i] + 0.5 * gaussian(rand)))));
    }
  }
  return buildInteractions({ user: { name: 'user', values: user }, item: { name: 'item', values: item }, rating: { name: 'rating', values: rating } }).interactions;
}

describe('mf ranking with its interaction model (ratings missing not at random)', () => {
  const all = pickedThenRated(21);
  const { train, test } = splitInteractions(all, { split: 'random', testShare: 0.2, seed: 1 });
  const params = { factors: 10, epochs: 40, learningRate: 0.01 };
  const evaluate = (m: Parameters<typeof evaluateRecommender>[0]) => evaluateRecommender(m, train, test);
  const ranked = fitMf(train, { seed: 3, params });
  const byRating = fitMf(train, { seed: 3, params: { ...params, interactionFactors: 0 } });

  it('beats ranking by predicted rating and popularity on ndcg@10, with the same predicted ratings', () => {
    const withPicks = evaluate(ranked);
    const ratingOnly = evaluate(byRating);
    const popular = evaluate(fitPopularity(train));
    const ndcg = withPicks.all.ranking!.ndcg[9];
    expect(ndcg).toBeGreaterThan(2 * ratingOnly.all.ranking!.ndcg[9]);
    expect(ndcg).toBeGreaterThan(1.2 * popular.all.ranking!.ndcg[9]);
    // The rating model draws nothing from the interaction model's stream: RMSE is the same to the bit.
    expect(withPicks.all.rating!.rmse).toBe(ratingOnly.all.rating!.rmse);
    expect(withPicks.all.rating!.rmse).toBeLessThan(popular.all.rating!.rmse);
  });

  it('the predicted rating still counts: weight 0 (the interaction model alone) ranks worse here', () => {
    const alone = fitMf(train, { seed: 3, params: { ...params, ratingWeight: 0 } });
    expect(evaluate(ranked).all.ranking!.ndcg[9]).toBeGreaterThan(evaluate(alone).all.ranking!.ndcg[9]);
  });

  it('reports the interaction log loss per epoch, falling', () => {
    const losses: number[] = [];
    fitMf(train, { seed: 3, params: { ...params, epochs: 10 }, onMetrics: (_s, v) => losses.push(v.logLoss) });
    expect(losses).toHaveLength(10);
    expect(losses[9]).toBeLessThan(losses[0]);
  });

  it('an artifact without the interaction state ranks by rating, as before', () => {
    const artifact = ranked.toJSON();
    const state = { ...(artifact.state as Record<string, unknown>) };
    expect(state.interaction).toMatchObject({ dim: 32 });
    delete state.interaction;
    const old = loadMf({ ...artifact, state });
    expect(Array.from(old.scoreAll(5))).toEqual(Array.from(byRating.scoreAll(5)));
  });

  it('folds a new user in: their cold ranking scores follow the ones fitted for them', () => {
    for (const u of [4, 9, 17]) {
      const history = new Map<number, number>();
      for (let r = 0; r < train.user.length; r++) if (train.user[r] === u) history.set(train.item[r], train.value[r]);
      const cold = Array.from(ranked.scoreCold!(history)!);
      const warm = Array.from(ranked.scoreAll(u));
      expect(correlation(cold, warm)).toBeGreaterThan(0.8);
    }
  });
});
