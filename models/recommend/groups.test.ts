import { describe, expect, it } from 'vitest';
import { evaluateGroups, generateGroups, recommendForGroup } from './groups';
import type { Interactions } from './types';

// Predicted ratings (1–5) of three members for five items:
//          item0 item1 item2 item3 item4
//   A        5     4     3     1     2
//   B        5     3     4     2     1
//   C        1     3     2     5     2
const TABLE = [[5, 4, 3, 1, 2], [5, 3, 4, 2, 1], [1, 3, 2, 5, 2]].map((r) => Float32Array.from(r));
const list = (strategy: Parameters<typeof recommendForGroup>[1]['strategy'], k = 3, extra = {}) =>
  recommendForGroup(TABLE, { strategy, k, scale: [1, 5], ...extra }).items.map((p) => p.item);

describe('group strategies on a hand-made table', () => {
  it('average: means 3.67, 3.33, 3.00, 2.67, 1.67', () => {
    expect(list('average')).toEqual([0, 1, 2]);
    expect(recommendForGroup(TABLE, { strategy: 'average', k: 1 }).items[0].score).toBeCloseTo(11 / 3, 6);
  });

  it('least misery picks the item nobody hates: minima 1, 3, 2, 1, 1', () => {
    expect(list('least-misery', 2)).toEqual([1, 2]);
  });

  it('most pleasure: maxima 5, 4, 4, 5, 2 (ties by item order)', () => {
    expect(list('most-pleasure')).toEqual([0, 3, 1]);
  });

  it('average without misery: the threshold 1 + 0.4 × 4 = 2.6 leaves only item1 (3, 4, 3)', () => {
    const r = recommendForGroup(TABLE, { strategy: 'average-without-misery', k: 3, scale: [1, 5] });
    expect(r.threshold).toBeCloseTo(2.6, 6);
    expect(r.items.map((p) => p.item)).toEqual([1]);
    expect(list('average-without-misery', 3, { threshold: 2 })).toEqual([1, 2]); // item2's lowest is 2
  });

  it('borda: points A 4,3,2,0,1; B 4,2,3,1,0; C 0,3,1.5,4,1.5 (a tie shares) → 8, 8, 6.5, 5, 2.5', () => {
    const r = recommendForGroup(TABLE, { strategy: 'borda', k: 5 });
    expect(r.items.map((p) => [p.item, p.score])).toEqual([[0, 8], [1, 8], [2, 6.5], [3, 5], [4, 2.5]]);
  });

  it('fair raises the least-satisfied member', () => {
    // Normalised (s − min) / (max − min): A 1 .75 .5 0 .25; B 1 .5 .75 .25 0; C 0 .5 .25 1 .25.
    // Pick 1: everyone at 0, A first → A's best, item0; satisfaction A 1, B 1, C 0.
    // Pick 2: C least → item3; A 1, B 1.25, C 1. Pick 3: A and C tie, A first → item1; A 1.75, B 1.75, C 1.5.
    const fair = recommendForGroup(TABLE, { strategy: 'fair', k: 3 });
    expect(fair.items.map((p) => p.item)).toEqual([0, 3, 1]);
    expect(fair.items[2].members.map((m) => m.satisfaction)).toEqual([1.75, 1.75, 1.5]);
    // The average's list leaves C at 0 + .5 + .25 = .75.
    const avg = recommendForGroup(TABLE, { strategy: 'average', k: 3 });
    const least = (r: typeof fair) => Math.min(...r.items[2].members.map((m) => m.satisfaction));
    expect(least(avg)).toBeCloseTo(0.75, 6);
    expect(least(fair)).toBeGreaterThan(least(avg));
    expect(avg.items[0].members.map((m) => m.score)).toEqual([5, 5, 1]);
  });

  it('leaves out excluded items', () => {
    expect(list('average', 3, { exclude: new Set([0]) })).toEqual([1, 2, 3]);
  });
});

/** Two taste clusters: users 0–9 use items 0–9, users 10–19 items 10–19. */
function clustered(): { train: Interactions; test: Interactions } {
  const make = (rows: [number, number][]): Interactions => ({
    users: Array.from({ length: 20 }, (_, u) => `u${u}`), items: Array.from({ length: 20 }, (_, i) => `i${i}`),
    user: Int32Array.from(rows.map((r) => r[0])), item: Int32Array.from(rows.map((r) => r[1])),
    value: new Float32Array(rows.length).fill(1), time: null, explicit: false, scale: null,
  });
  const train: [number, number][] = [];
  const test: [number, number][] = [];
  for (let u = 0; u < 20; u++) {
    const base = u < 10 ? 0 : 10;
    for (let j = 0; j < 3; j++) train.push([u, base + ((u + j) % 10)]);
    test.push([u, base + ((u + 5) % 10)]);
  }
  return { train: make(train), test: make(test) };
}

describe('group evaluation protocol', () => {
  it('draws random groups of each size, distinct members, the same ones for the same seed', () => {
    const { train } = clustered();
    const a = generateGroups(train, { sizes: [2, 3, 4, 5, 6, 7, 8], kind: 'random', count: 4, seed: 7 });
    expect(a).toHaveLength(28);
    for (const g of a) expect(new Set(g.members).size).toBe(g.members.length);
    expect(generateGroups(train, { sizes: [2, 3, 4, 5, 6, 7, 8], kind: 'random', count: 4, seed: 7 })).toEqual(a);
    expect(generateGroups(train, { sizes: [2, 3, 4, 5, 6, 7, 8], kind: 'random', count: 4, seed: 8 })).not.toEqual(a);
  });

  it('similar groups stay inside one taste cluster', () => {
    const { train } = clustered();
    const groups = generateGroups(train, { sizes: [2, 3], kind: 'similar', count: 5, seed: 3 });
    expect(groups).toHaveLength(10);
    for (const g of groups) expect(new Set(g.members.map((u) => u < 10)).size).toBe(1);
  });

  it('scores the group list against each member’s test items (ndcg@k) and reports the minimum', () => {
    const { train, test } = clustered();
    // An oracle that knows every user's test item scores it 1, everything else 0.
    const oracle = { scoreAll: (u: number) => { const s = new Float32Array(20); s[test.item[u]] = 1; return s; } };
    const ev = evaluateGroups(oracle, train, test, [{ kind: 'random', members: [0, 1] }], { strategy: 'average', k: 2 });
    // Both test items (5 and 6) top the average, in item order: ndcg 1 and 1/log2(3) = 0.631.
    expect(ev.groups[0].ndcg[0]).toBeCloseTo(1, 6);
    expect(ev.groups[0].ndcg[1]).toBeCloseTo(1 / Math.log2(3), 6);
    expect(ev.groups[0].min).toBeCloseTo(1 / Math.log2(3), 6);
    expect(ev.summary).toEqual([{ kind: 'random', size: 2, groups: 1, meanNdcg: expect.closeTo((1 + 1 / Math.log2(3)) / 2, 6), minNdcg: expect.closeTo(1 / Math.log2(3), 6) }]);
  });
});
