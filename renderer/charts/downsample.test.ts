import { describe, expect, it } from 'vitest';
import { lttb, type XY } from './downsample';

describe('lttb', () => {
  it('keeps short series as they are', () => {
    const d: XY[] = [[0, 1], [1, 2], [2, 3]];
    expect(lttb(d, 10)).toBe(d);
  });

  it('keeps the ends and the peaks of a long series, in order', () => {
    const d: XY[] = Array.from({ length: 10_000 }, (_, i) => [i, i === 5_000 ? 100 : Math.sin(i / 100)]);
    const out = lttb(d, 500);
    expect(out).toHaveLength(500);
    expect(out[0]).toEqual(d[0]);
    expect(out[499]).toEqual(d[9_999]);
    expect(out.some(([x, y]) => x === 5_000 && y === 100)).toBe(true);
    for (let i = 1; i < out.length; i++) expect(out[i][0]).toBeGreaterThan(out[i - 1][0]);
  });
});
