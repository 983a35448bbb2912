import { describe, expect, it } from 'vitest';
import { buildInteractions } from './data';
import { evaluateRecommender, popularityPercentiles, rankingCurves } from './metrics';
import type { Interactions, Recommender } from './types';

/** A model that scores from a fixed table and predicts fixed ratings. */
function fixed(data: Interactions, scores: number[][], rating = (u: number, i: number) => scores[u][i]): Recommender {
  return {
    model: 'popularity',
    users: data.users,
    items: data.items,
    predict: rating,
    scoreAll: (u, out = new Float32Array(data.items.length)) => {
      out.set(scores[u]);
      return out;
    },
    toJSON: () => {
      throw new Error('not saved');
    },
  };
}

const close = (got: number[], want: number[]) => got.forEach((g, k) => expect(g, `k=${k + 1}`).toBeCloseTo(want[k], 5));

describe('ranking curves', () => {
  it('match a list worked out by hand', () => {
    // Ranked [3, 1, 4, 0, 2], relevant {1, 2, 7} (R = 3; item 7 never ranked). Hits at ranks 2 and 5.
    //  k | hits | precision | recall | DCG                    | IDCG (min(R,k) hits)    | ndcg    | AP sum      | map = AP/min(R,k) | mrr
    //  1 |  0   | 0         | 0      | 0                      | 1                       | 0       | 0           | 0                 | 0
    //  2 |  1   | 1/2       | 1/3    | 1/log2(3) = 0.630930   | 1 + 0.630930 = 1.630930 | 0.386853| 1/2         | 0.5/2 = 0.25      | 1/2
    //  3 |  1   | 1/3       | 1/3    | 0.630930               | 1.630930 + 1/2 = 2.130930 | 0.296082 | 1/2       | 0.5/3             | 1/2
    //  4 |  1   | 1/4       | 1/3    | 0.630930               | 2.130930 (R = 3)        | 0.296082| 1/2         | 0.5/3             | 1/2
    //  5 |  2   | 2/5       | 2/3    | 0.630930 + 1/log2(6) = 1.017785 | 2.130930       | 0.477621| 1/2 + 2/5   | 0.9/3 = 0.3       | 1/2
    //  6 | (list ended: no more hits)       | 1.017785 | 2.130930           | 0.477621| 0.9         | 0.3               | 1/2
    const c = rankingCurves([3, 1, 4, 0, 2], new Set([1, 2, 7]), 6);
    close(c.precision, [0, 1 / 2, 1 / 3, 1 / 4, 2 / 5, 2 / 6]);
    close(c.recall, [0, 1 / 3, 1 / 3, 1 / 3, 2 / 3, 2 / 3]);
    close(c.ndcg, [0, 0.386853, 0.296082, 0.296082, 0.477621, 0.477621]);
    close(c.map, [0, 0.25, 0.5 / 3, 0.5 / 3, 0.3, 0.3]);
    close(c.hitRate, [0, 1, 1, 1, 1, 1]);
    close(c.mrr, [0, 0.5, 0.5, 0.5, 0.5, 0.5]);
  });

  it('give 1 everywhere for a perfect list', () => {
    const c = rankingCurves([5, 6], new Set([5, 6]), 2);
    expect([c.precision, c.recall, c.ndcg, c.map, c.hitRate, c.mrr]).toEqual([[1, 1], [0.5, 1], [1, 1], [1, 1], [1, 1], [1, 1]]);
  });
});

describe('popularity percentiles', () => {
  it('are the share of the other items with fewer interactions, ties counting half', () => {
    // counts 5, 1, 1, 9: item 1 and 2 tie at the bottom → (0 + 0.5)/3; item 0 above two → 2/3; item 3 → 1.
    expect(Array.from(popularityPercentiles(Float64Array.from([5, 1, 1, 9])))).toEqual([2 / 3, 0.5 / 3, 0.5 / 3, 1]);
  });
});

describe('evaluateRecommender', () => {
  // Ratings 1–5 → relevant at 1 + 0.75·4 = 4. Users a, b, c; items w, x, y, z.
  const col = (name: string, values: unknown[]) => ({ name, values });
  const all = buildInteractions({
    user: col('u', ['a', 'a', 'a', 'a', 'b', 'b', 'b', 'c', 'c']),
    item: col('i', ['w', 'x', 'y', 'z', 'w', 'x', 'y', 'w', 'z']),
    rating: col('r', [5, 1, 4, 2, 3, 5, 4, 3, 5]),
  }).interactions;
  // Train: a–w, a–x, b–w, c–w; test: a–y (4, relevant), a–z (2, not), b–x (5), b–y (4), c–z (5).
  const isTest = (u: string, i: string) => ['a|y', 'a|z', 'b|x', 'b|y', 'c|z'].includes(`${u}|${i}`);
  const rows = Array.from(all.user, (_, r) => r);
  const pick = (want: boolean) => rows.filter((r) => isTest(all.users[all.user[r]], all.items[all.item[r]]) === want);
  const subset = (keep: number[]): Interactions => ({
    ...all,
    user: Int32Array.from(keep, (r) => all.user[r]),
    item: Int32Array.from(keep, (r) => all.item[r]),
    value: Float32Array.from(keep, (r) => all.value[r]),
  });
  const train = subset(pick(false));
  const test = subset(pick(true));
  const [w, x, y, z] = ['w', 'x', 'y', 'z'].map((id) => all.items.indexOf(id));
  const scores: number[][] = [];
  // a: w (trained, left out) scores highest, then z, y, x → list z, y, x: first hit (y) at rank 2.
  scores[all.users.indexOf('a')] = Object.assign([], { [w]: 9, [z]: 8, [y]: 7, [x]: 6 });
  // b: y, x, z → hits at ranks 1 and 2.
  scores[all.users.indexOf('b')] = Object.assign([], { [w]: 1, [y]: 8, [x]: 7, [z]: 6 });
  // c: x, y, z → hit (z) at rank 3.
  scores[all.users.indexOf('c')] = Object.assign([], { [w]: 0, [x]: 5, [y]: 4, [z]: 3 });

  it('ranks the full catalogue without training items and averages over users with something relevant', () => {
    const ev = evaluateRecommender(fixed(all, scores, () => 4), train, test, { k: 2, maxK: 3 });
    expect(ev.relevantThreshold).toBe(4);
    expect(ev.sample).toEqual({ eligible: 3, evaluated: 3, capped: false, seed: 0 });
    const r = ev.all.ranking!;
    // precision@1: a 0, b 1, c 0 → 1/3; @2: a 1/2, b 1, c 0 → 1/2; hit@3 = 1 for all.
    close(r.precision, [1 / 3, 1 / 2, (1 / 3 + 2 / 3 + 1 / 3) / 3]);
    close(r.hitRate, [1 / 3, 2 / 3, 1]);
    // mrr@3: a 1/2, b 1, c 1/3.
    close(r.mrr, [1 / 3, 1.5 / 3, (0.5 + 1 + 1 / 3) / 3]);
    // recall@2: a 1/1, b 2/2, c 0.
    expect(r.recall[1]).toBeCloseTo(2 / 3);
    expect(ev.perUser.ndcg).toHaveLength(3);
    expect(ev.perUser.ndcg[1]).toBeCloseTo(1);
    // Rating metrics: predictions 4 against 4, 2, 5, 4, 5 → errors 0, 2, −1, 0, −1.
    expect(ev.all.rating!.rmse).toBeCloseTo(Math.sqrt(6 / 5));
    expect(ev.all.rating!.mae).toBeCloseTo(4 / 5);
    // Top-2 lists: {z, y}, {y, x}, {x, y} → 3 of 4 items covered.
    expect(ev.coverage).toBe(0.75);
    // Train counts w 3, x 1, y 0, z 0 → percentiles w 1, x 2/3, y and z 1/6; recommended z, y, y, x, x, y.
    expect(ev.popularityPercentile).toBeCloseTo((1 / 6 + 1 / 6 + 1 / 6 + 2 / 3 + 2 / 3 + 1 / 6) / 6);
    expect(ev.averagePopularity).toBeCloseTo(2 / 6);
    // y and z never appear in training: cold items, scored on their own.
    expect(ev.coldItems?.users).toBe(3);
    expect(ev.coldUsers).toBeNull();
  });

  it('samples at most maxEvalUsers users with the seed and says so', () => {
    const ev = evaluateRecommender(fixed(all, scores), train, test, { maxEvalUsers: 2, seed: 5 });
    expect(ev.sample).toEqual({ eligible: 3, evaluated: 2, capped: true, seed: 5 });
    expect(evaluateRecommender(fixed(all, scores), train, test, { maxEvalUsers: 2, seed: 5 }).perUser.user).toEqual(ev.perUser.user);
  });

  it('scores a separate test set with users and items the model never saw', () => {
    const model = fixed(all, scores, () => 4);
    const other = buildInteractions(
      { user: col('u', ['a', 'newcomer', 'newcomer']), item: col('i', ['y', 'w', 'unseen']), rating: col('r', [5, 4, 5]) },
      { users: all.users, items: all.items },
    ).interactions;
    const ev = evaluateRecommender(model, train, other);
    // newcomer–w and newcomer–unseen lie beyond the model; a–y is scored (4 against 5).
    expect(ev.outsideModel).toBe(2);
    expect(ev.all.rating).toEqual({ rmse: 1, mae: 1, n: 1 });
    expect(ev.coldUsers?.users).toBe(1);
    expect(ev.sample.evaluated).toBe(2);
  });

  it('leaves rating metrics out for a model whose predict is not a rating', () => {
    const model = { ...fixed(all, scores), predictsRatings: false };
    expect(evaluateRecommender(model, train, test).all.rating).toBeNull();
  });
});
