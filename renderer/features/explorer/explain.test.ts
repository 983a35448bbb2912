import { describe, expect, it } from 'vitest';
import { explainedOutput, spaceName, topContributions } from './explain';

const c = (column: string, contribution: number, value: string | number | null = 1) => ({ column, contribution, value });

describe('contributions', () => {
  it('keeps the largest by size and sums the rest into one bar', () => {
    const bars = topContributions([c('a', 0.1), c('b', -3), c('c', 2), c('d', 0.2), c('e', -0.05)], 2);
    expect(bars.map((b) => b.column)).toEqual(['b', 'c', null]);
    expect(bars[2].label).toBe('3 other columns');
    expect(bars[2].contribution).toBeCloseTo(0.25);
  });

  it('has no others bar when everything fits', () => {
    expect(topContributions([c('a', 1), c('b', 2)], 12)).toHaveLength(2);
  });

  it('labels a bar with the column and its value', () => {
    expect(topContributions([c('rooms', 1, 4), c('city', 1, 'Lyon'), c('age', 1, null)]).map((b) => b.label)).toEqual(['rooms = 4', 'city = Lyon', 'age = missing']);
  });

  it('adds up to the explained output', () => {
    expect(explainedOutput({ method: 'treeshap', space: 'value', output: 'y', base: 10, contributions: [c('a', 2), c('b', -1)] })).toBe(11);
    expect(spaceName('log-odds', 'y')).toBe('on the log-odds scale');
    expect(spaceName('value', 'price')).toBe('in units of price');
  });
});
