import { describe, expect, it } from 'vitest';
import { correlation, lowRankImplicit, lowRankRatings } from '../testing/recommend';
import { mulberry32 } from '../split/prng';
import { fitAls } from './als';
import { evaluateRecommender } from './metrics';
import { fitMf } from './mf';
import { fitPopularity } from './popularity';
import { splitInteractions } from './split';
import type { Interactions, Recommender } from './types';

function globalMeanRmse(train: Interactions, test: Interactions): number {
  let mu = 0;
  for (const v of train.value) mu += v / train.value.length;
  let sq = 0;
  for (const v of test.value) sq += (v - mu) ** 2;
  return Math.sqrt(sq / test.value.length);
}

/** Scores drawn at random: what a ranking is worth by chance. */
function randomModel(data: Interactions, seed: number): Recommender {
  const rand = mulberry32(seed);
  return {
    model: 'popularity',
    users: data.users,
    items: data.items,
    predict: () => rand(),
    scoreAll: (_u, out = new Float32Array(data.items.length)) => out.map(() => rand()),
    toJSON: () => {
      throw new Error('not saved');
    },
  };
}

describe('matrix factorization (SGD, as Surprise SVD)', () => {
  const all = lowRankRatings({ users: 300, items: 150, rank: 3, perUser: 40, seed: 11, noise: 0.2 });
  const { train, test } = splitInteractions(all, { split: 'random', testShare: 0.2, seed: 1 });
  const baseline = globalMeanRmse(train, test);
  const params = { factors: 10, epochs: 60, learningRate: 0.01 };

  it('recovers held-out ratings far better than the global mean, with a falling train RMSE', () => {
    const curve: number[] = [];
    const model = fitMf(train, { seed: 3, params, onMetrics: (_s, v) => curve.push(v.rmse) });
    const rmse = evaluateRecommender(model, train, test).all.rating!.rmse;
    expect(baseline).toBeGreaterThan(0.8);
    expect(rmse).toBeLessThan(0.5 * baseline);
    expect(curve).toHaveLength(60);
    expect(curve[59]).toBeLessThan(curve[0]);
    // Ratings are clipped to the training scale.
    const [lo, hi] = train.scale!;
    for (let u = 0; u < 20; u++) for (let i = 0; i < 20; i++) expect(model.predict(u, i)).toBeGreaterThanOrEqual(lo), expect(model.predict(u, i)).toBeLessThanOrEqual(hi);
  });

  it('SVD++ recovers them too', () => {
    const model = fitMf(train, { seed: 3, params: { ...params, epochs: 30, svdpp: true } });
    expect(evaluateRecommender(model, train, test).all.rating!.rmse).toBeLessThan(0.6 * baseline);
  });

  it('folds a new user in from their ratings', () => {
    // Without the interaction model the cold scores are the folded-in ratings themselves.
    const model = fitMf(train, { seed: 3, params: { ...params, interactionFactors: 0 } });
    // A known user's test ratings predicted from their training ratings alone, as if they were new.
    let sq = 0;
    let n = 0;
    for (let u = 0; u < 30; u++) {
      const history = new Map<number, number>();
      for (let r = 0; r < train.user.length; r++) if (train.user[r] === u) history.set(train.item[r], train.value[r]);
      const scores = model.scoreCold!(history)!;
      for (let r = 0; r < test.user.length; r++)
        if (test.user[r] === u) {
          sq += (Math.min(5, Math.max(1, scores[test.item[r]])) - test.value[r]) ** 2;
          n++;
        }
    }
    expect(Math.sqrt(sq / n)).toBeLessThan(0.6 * baseline);
  });

  it('stops between epochs when asked, and stops only there', () => {
    let epochs = 0;
    fitMf(train, { seed: 3, params, onMetrics: () => epochs++, shouldStop: () => epochs >= 5 });
    expect(epochs).toBe(5);
  });
});

describe('implicit ALS (Hu, Koren & Volinsky)', () => {
  const all = lowRankImplicit({ users: 400, items: 200, rank: 4, perUser: 20, seed: 5 });
  const { train, test } = splitInteractions(all, { split: 'random', testShare: 0.2, seed: 2 });

  it('ranks held-out items far above chance and above popularity, with a falling loss', () => {
    const losses: number[] = [];
    const als = fitAls(train, { seed: 1, params: { factors: 8, iterations: 10, regularization: 0.1, alpha: 5 }, onMetrics: (_s, v) => losses.push(v.loss) });
    const ev = evaluateRecommender(als, train, test);
    const chance = evaluateRecommender(randomModel(train, 9), train, test);
    const popular = evaluateRecommender(fitPopularity(train), train, test);
    expect(ev.all.rating).toBeNull();
    const ndcg = ev.all.ranking!.ndcg[9];
    expect(ndcg).toBeGreaterThan(4 * chance.all.ranking!.ndcg[9]);
    expect(ndcg).toBeGreaterThan(1.5 * popular.all.ranking!.ndcg[9]);
    expect(ev.all.ranking!.hitRate[9]).toBeGreaterThan(0.6);
    expect(losses[losses.length - 1]).toBeLessThan(losses[0]);
  });

  it('scores a new user from their history like the user it was fitted on', () => {
    const als = fitAls(train, { seed: 1, params: { factors: 8, iterations: 10, regularization: 0.1, alpha: 5 } });
    const u = 7;
    const history = new Map<number, number>();
    for (let r = 0; r < train.user.length; r++) if (train.user[r] === u) history.set(train.item[r], train.value[r]);
    const cold = Array.from(als.scoreCold!(history)!);
    const warm = Array.from(als.scoreAll(u));
    // Same solve (exact instead of a few CG steps): the two score vectors agree closely.
    const corr = correlation(cold, warm);
    expect(corr).toBeGreaterThan(0.95);
  });
});
