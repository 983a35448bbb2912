import { describe, expect, it } from 'vitest';
import { lowRankRatings } from '../testing/recommend';
import { buildInteractions } from './data';
import { splitInteractions } from './split';
import type { Interactions } from './types';

function perUser(d: Interactions): Map<number, number> {
  const out = new Map<number, number>();
  for (const u of d.user) out.set(u, (out.get(u) ?? 0) + 1);
  return out;
}

const pairs = (d: Interactions) => Array.from(d.user, (u, r) => `${d.users[u]}|${d.items[d.item[r]]}`);

describe('splitInteractions', () => {
  const all = lowRankRatings({ users: 200, items: 60, rank: 3, perUser: 6, seed: 3 });

  it('random: nobody loses all interactions, the share is about testShare, and it is seeded', () => {
    const withOne = buildInteractions({ user: { name: 'u', values: ['solo', 'a', 'a'] }, item: { name: 'i', values: ['x', 'x', 'y'] } }).interactions;
    const tiny = splitInteractions(withOne, { split: 'random', testShare: 0.9, seed: 1 });
    expect(pairs(tiny.train)).toContain('solo|x');

    const { train, test, coldUsers } = splitInteractions(all, { split: 'random', testShare: 0.2, seed: 7 });
    expect(train.user.length + test.user.length).toBe(all.user.length);
    const inTrain = perUser(train);
    for (let u = 0; u < all.users.length; u++) expect(inTrain.get(u) ?? 0).toBeGreaterThan(0);
    expect(coldUsers.every((c) => c === 0)).toBe(true);
    expect(test.user.length / all.user.length).toBeGreaterThan(0.15);
    expect(test.user.length / all.user.length).toBeLessThan(0.25);
    expect(train.users).toBe(all.users);

    const again = splitInteractions(all, { split: 'random', testShare: 0.2, seed: 7 });
    expect(pairs(again.test)).toEqual(pairs(test));
    const other = splitInteractions(all, { split: 'random', testShare: 0.2, seed: 8 });
    expect(pairs(other.test)).not.toEqual(pairs(test));
  });

  it('last: each user’s latest lastN interactions, never their only one', () => {
    const d = buildInteractions({
      user: { name: 'u', values: ['a', 'a', 'a', 'b', 'b', 'c'] },
      item: { name: 'i', values: ['x', 'y', 'z', 'x', 'y', 'x'] },
      time: { name: 't', values: [30, 10, 20, 5, 6, 1] },
    }).interactions;
    expect(pairs(splitInteractions(d, { split: 'last', lastN: 1 }).test)).toEqual(['a|x', 'b|y']);
    const two = splitInteractions(d, { split: 'last', lastN: 2 });
    expect(pairs(two.test).sort()).toEqual(['a|x', 'a|z', 'b|y']);
    expect(pairs(two.train).sort()).toEqual(['a|y', 'b|x', 'c|x']);
    expect(() => splitInteractions(all, { split: 'last' })).toThrow(/time column/);
  });

  it('time: everything after the cut goes to test; users and items only seen after it are cold', () => {
    const d = buildInteractions({
      user: { name: 'u', values: ['a', 'a', 'b', 'c', 'a'] },
      item: { name: 'i', values: ['x', 'y', 'x', 'z', 'z'] },
      time: { name: 't', values: [0, 50, 70, 90, 100] },
    }).interactions;
    // Cut at 0 + 0.25·100 from the end: 75.
    const { train, test, coldUsers, coldItems } = splitInteractions(d, { split: 'time', testShare: 0.25 });
    expect(pairs(test).sort()).toEqual(['a|z', 'c|z']);
    expect(pairs(train).sort()).toEqual(['a|x', 'a|y', 'b|x']);
    expect([...coldUsers]).toEqual(d.users.map((u) => (u === 'c' ? 1 : 0)));
    expect([...coldItems]).toEqual(d.items.map((i) => (i === 'z' ? 1 : 0)));
  });
});
