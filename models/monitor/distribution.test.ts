import { describe, expect, it } from 'vitest';
import { categoricalDistribution, numericDistribution, OTHER_CATEGORY } from './distribution';

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('drift distributions', () => {
  it('bins both sides over one range, each side summing to one', () => {
    const ref = Float64Array.from({ length: 1000 }, (_, i) => i / 100).sort();
    const cur = Float64Array.from({ length: 500 }, (_, i) => 5 + i / 100).sort();
    const d = numericDistribution(ref, cur, 10);
    if (d.kind !== 'numeric') throw new Error('numeric expected');
    expect(d.edges).toHaveLength(11);
    expect(d.reference).toHaveLength(10);
    expect(sum(d.reference)).toBeCloseTo(1, 12);
    expect(sum(d.current)).toBeCloseTo(1, 12);
    // The shifted side has nothing in the lower half of the range.
    expect(sum(d.current.slice(0, 4))).toBe(0);
    expect(d.reference[0]).toBeGreaterThan(0);
  });

  it('puts a constant column in one bin', () => {
    const d = numericDistribution(Float64Array.of(3, 3, 3), Float64Array.of(3, 3));
    expect(d.kind === 'numeric' && d.edges).toEqual([3, 3]);
    expect(d.reference).toEqual([1]);
  });

  it('shows the most common categories of either side, then the rest as other', () => {
    const ref = new Map([['a', 50], ['b', 30], ['c', 20]]);
    const cur = new Map([['a', 10], ['new', 90]]);
    const d = categoricalDistribution(ref, 100, cur, 100, 2);
    if (d.kind !== 'categorical') throw new Error('categorical expected');
    expect(d.categories).toEqual(['new', 'a', OTHER_CATEGORY]);
    expect(d.reference).toEqual([0, 0.5, 0.5]);
    expect(d.current[0]).toBe(0.9);
    expect(d.current[2]).toBeCloseTo(0, 12);
  });
});
