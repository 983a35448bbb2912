import { describe, expect, it } from 'vitest';
import { buildInteractions } from './data';
import { fitItemKnn } from './item-knn';
import { fitPopularity } from './popularity';

const col = (name: string, values: unknown[]) => ({ name, values });
const DAY = 86_400_000;

describe('item k-NN', () => {
  // Two taste groups: {a, b, c} read together by u1–u3, {x, y} by u4–u5; u6 reads a and x.
  const data = buildInteractions({
    user: col('u', ['u1', 'u1', 'u1', 'u2', 'u2', 'u3', 'u3', 'u4', 'u4', 'u5', 'u5', 'u6', 'u6']),
    item: col('i', ['a', 'b', 'c', 'a', 'b', 'b', 'c', 'x', 'y', 'x', 'y', 'a', 'x']),
  }).interactions;
  const id = (s: string) => data.items.indexOf(s);
  const user = (s: string) => data.users.indexOf(s);

  it('keeps shrunk cosine similarities, most similar first', () => {
    const knn = fitItemKnn(data, { params: { neighbours: 2, shrinkage: 1 } });
    // a and b: 2 shared users (u1, u2) of a's 3 and b's 3 → cosine 2/3, shrunk by 2/(2+1).
    const nb = knn.similar!(id('a'), 5);
    expect(nb[0].item).toBe(id('b'));
    expect(nb[0].score).toBeCloseTo((2 / 3) * (2 / 3), 6);
    expect(nb.length).toBe(2);
    // y is only ever read with x.
    expect(knn.similar!(id('y'), 1)[0].item).toBe(id('x'));
  });

  it('recommends what goes with what the user read and says which item it was', () => {
    const knn = fitItemKnn(data, { params: { neighbours: 10, shrinkage: 0 } });
    const scores = knn.scoreAll(user('u4'));
    expect(scores[id('a')]).toBeGreaterThan(0);
    expect(scores[id('b')]).toBe(0);
    expect(knn.reason!(user('u2'), id('c'))).toEqual({ text: 'Because you liked b', items: [id('b')] });
    const cold = knn.scoreCold!(new Map([[id('y'), 1]]))!;
    expect(cold[id('x')]).toBeGreaterThan(cold[id('a')]);
  });

  it('predicts ratings as the baseline plus neighbours’ residuals', () => {
    const ratings = buildInteractions({
      user: col('u', ['p', 'p', 'q', 'q', 'r', 'r']),
      item: col('i', ['m', 'n', 'm', 'n', 'm', 'o']),
      rating: col('r', [5, 5, 1, 1, 4, 3]),
    }).interactions;
    const knn = fitItemKnn(ratings, { params: { shrinkage: 0 } });
    const p = knn.predict(ratings.users.indexOf('r'), ratings.items.indexOf('n'));
    expect(p).toBeGreaterThanOrEqual(1);
    expect(p).toBeLessThanOrEqual(5);
  });
});

describe('popularity', () => {
  const data = buildInteractions({
    user: col('u', ['a', 'b', 'c', 'd', 'a', 'e']),
    item: col('i', ['old', 'old', 'old', 'new', 'new', 'x']),
    time: col('t', [0, 1 * DAY, 2 * DAY, 100 * DAY, 100 * DAY, 50 * DAY]),
  }).interactions;
  const id = (s: string) => data.items.indexOf(s);

  it('ranks by share of interactions; a half-life favours recent ones', () => {
    const plain = fitPopularity(data).scoreAll(0);
    expect(plain[id('old')]).toBeCloseTo(3 / 6);
    expect(plain[id('new')]).toBeCloseTo(2 / 6);
    const recent = fitPopularity(data, { params: { halfLifeDays: 10 } }).scoreAll(0);
    expect(recent[id('new')]).toBeGreaterThan(recent[id('old')]);
    expect(() => fitPopularity({ ...data, time: null }, { params: { halfLifeDays: 10 } })).toThrow(/params\.halfLifeDays/);
  });

  it('ranks within the user’s segment, for known and new users alike', () => {
    // 30 kids who read 'comic', 40 adults who read 'novel' (more of them: 'novel' leads overall).
    const users = [...Array.from({ length: 30 }, (_, k) => `kid${k}`), ...Array.from({ length: 40 }, (_, k) => `adult${k}`)];
    const many = buildInteractions({ user: col('u', users), item: col('i', users.map((u) => (u.startsWith('kid') ? 'comic' : 'novel'))) }).interactions;
    const userFeatures = { segment: 'age', categories: { age: many.users.map((u) => (u.startsWith('kid') ? 'kids' : 'adults')) }, numbers: {} };
    const pop = fitPopularity(many, { userFeatures });
    const [comic, novel] = ['comic', 'novel'].map((i) => many.items.indexOf(i));
    const kid = pop.scoreAll(many.users.indexOf('kid3'));
    const adult = pop.scoreAll(many.users.indexOf('adult3'));
    expect(kid[comic]).toBeGreaterThan(kid[novel]);
    expect(adult[novel]).toBeGreaterThan(adult[comic]);
    expect(pop.reason!(many.users.indexOf('kid3'), comic).text).toBe('Popular with age kids');
    // A new user: their stated segment, else the global shares.
    expect(Array.from(pop.scoreCold!(new Map(), { age: ['kids'] })!)).toEqual(Array.from(kid));
    const anyone = pop.scoreCold!(new Map())!;
    expect(anyone[novel]).toBeCloseTo(40 / 70);
  });

  it('predicts a damped mean rating on explicit data', () => {
    const rated = buildInteractions({ user: col('u', ['a', 'b', 'c']), item: col('i', ['x', 'x', 'y']), rating: col('r', [5, 5, 2]) }).interactions;
    const pop = fitPopularity(rated);
    const mu = 4;
    // x: (5 + 5 + 5·μ)/(2 + 5) with 5 pseudo-ratings at the global mean.
    expect(pop.predict(0, rated.items.indexOf('x'))).toBeCloseTo((10 + 5 * mu) / 7, 5);
  });
});
