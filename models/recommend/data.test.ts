import { describe, expect, it } from 'vitest';
import { buildInteractions, indexOfId, mapIds, RecommendDataError, type InteractionInput } from './data';

const col = (name: string, values: unknown[]) => ({ name, values });

function caught(fn: () => unknown): RecommendDataError {
  try {
    fn();
  } catch (e) {
    if (e instanceof RecommendDataError) return e;
    throw e;
  }
  throw new Error('expected a RecommendDataError');
}

describe('buildInteractions', () => {
  it('maps string and number ids to indices, skips rows with a missing id or value and counts them', () => {
    const { interactions: d, skipped } = buildInteractions({
      user: col('user', ['ann', 'bob', null, 'ann', 7, 'bob', 'eve']),
      item: col('book', [11, 11, 12, '12', 11, null, 13]),
      rating: col('stars', [5, 3, 4, null, '2', 1, 4]),
    });
    expect(skipped).toEqual({ user: 1, item: 1, value: 1 });
    // Ids seen only on skipped rows (book 12) are left out.
    expect(d.users).toEqual(['ann', 'bob', '7', 'eve']);
    expect(d.items).toEqual(['11', '13']);
    expect(Array.from(d.user)).toEqual([0, 1, 2, 3]);
    expect(Array.from(d.item)).toEqual([0, 0, 0, 1]);
    expect(Array.from(d.value)).toEqual([5, 3, 2, 4]);
    expect(d.explicit).toBe(true);
    expect(d.scale).toEqual([2, 5]);
    // A numeric id and its text are the same id.
    const users = mapIds(d.users);
    expect(indexOfId(users, 7)).toBe(2);
    expect(indexOfId(users, '7')).toBe(2);
    expect(indexOfId(users, 'nobody')).toBe(-1);
  });

  it('averages duplicated ratings and keeps the latest time; sorts by user then item', () => {
    const { interactions: d, merged } = buildInteractions({
      user: col('u', ['b', 'a', 'a', 'b', 'a']),
      item: col('i', ['y', 'x', 'y', 'x', 'x']),
      rating: col('r', [4, 2, 5, 3, 4]),
      time: col('t', [10, 100, 20, 30, 50]),
    });
    expect(merged).toBe(1);
    // users: b=0, a=1; items: y=0, x=1
    expect(Array.from(d.user)).toEqual([0, 0, 1, 1]);
    expect(Array.from(d.item)).toEqual([0, 1, 0, 1]);
    expect(Array.from(d.value)).toEqual([4, 3, 5, 3]);
    expect(Array.from(d.time!)).toEqual([10, 30, 20, 100]);
  });

  it('sums duplicated implicit weights from an event column', () => {
    const { interactions: d } = buildInteractions(
      { user: col('u', ['a', 'a', 'a', 'b']), item: col('i', ['x', 'x', 'y', 'x']), event: col('e', ['view', 'booking', 'view', 'view']) },
      { eventWeights: { view: 1, booking: 5 } },
    );
    expect(d.explicit).toBe(false);
    expect(d.scale).toBeNull();
    expect(Array.from(d.value)).toEqual([6, 1, 1]);
  });

  it('counts every row once without a value column, and sums counts', () => {
    const plain = buildInteractions({ user: col('u', ['a', 'a', 'b']), item: col('i', ['x', 'x', 'y']) }).interactions;
    expect(Array.from(plain.value)).toEqual([2, 1]);
    const counts = buildInteractions({ user: col('u', ['a', 'a', 'b']), item: col('i', ['x', 'x', 'y']), count: col('n', [2, 3, 1]) }).interactions;
    expect(Array.from(counts.value)).toEqual([5, 1]);
  });

  it('maps onto an existing index space, appending new ids', () => {
    const { interactions: d } = buildInteractions({ user: col('u', ['b', 'c']), item: col('i', ['x', 'z']) }, { users: ['a', 'b'], items: ['x', 'y'] });
    expect(d.users).toEqual(['a', 'b', 'c']);
    expect(d.items).toEqual(['x', 'y', 'z']);
    expect(Array.from(d.user)).toEqual([1, 2]);
    expect(Array.from(d.item)).toEqual([0, 2]);
  });

  it('refuses a user column with a single value, naming the column', () => {
    const e = caught(() => buildInteractions({ user: col('customer', ['a', 'a', null]), item: col('i', ['x', 'y', 'z']) }));
    expect(e.field).toBe('customer');
    expect(e.message).toBe("user column 'customer' has a single value");
  });

  it('refuses an item column with a single value', () => {
    const e = caught(() => buildInteractions({ user: col('u', ['a', 'b']), item: col('sku', ['x', 'x']) }));
    expect(e.field).toBe('sku');
    expect(e.message).toMatch(/item column 'sku' has a single value/);
  });

  it('refuses text in a rating column, naming the column and the first bad row', () => {
    const input: InteractionInput = { user: col('u', ['a', 'b', 'c']), item: col('i', ['x', 'y', 'z']), rating: col('score', [4, 'great', 'awful']) };
    const e = caught(() => buildInteractions(input));
    expect(e.field).toBe('score');
    expect(e.message).toMatch(/rating column 'score' holds text.*row 2 is 'great'/);
  });

  it('refuses an event type without a weight, naming the value', () => {
    const input: InteractionInput = { user: col('u', ['a', 'b']), item: col('i', ['x', 'y']), event: col('action', ['view', 'purchase']) };
    const e = caught(() => buildInteractions(input, { eventWeights: { view: 1, booking: 5 } }));
    expect(e.field).toBe('action');
    expect(e.message).toMatch(/event column 'action' has 'purchase'/);
  });

  it('refuses negative counts, two value columns, and an input with nothing usable', () => {
    expect(caught(() => buildInteractions({ user: col('u', ['a', 'b']), item: col('i', ['x', 'y']), count: col('n', [1, -2]) })).field).toBe('n');
    expect(caught(() => buildInteractions({ user: col('u', ['a', 'b']), item: col('i', ['x', 'y']), count: col('n', [1, 2]), rating: col('r', [1, 2]) })).message).toMatch(
      /one of a rating, an event or a count/,
    );
    expect(caught(() => buildInteractions({ user: col('u', [null, null]), item: col('i', ['x', 'y']) })).field).toBe('u');
  });
});
