import { describe, expect, it } from 'vitest';
import { autocorrelations, isSeasonal, seasonalIndices } from './decompose';

describe('classical decomposition', () => {
  const pattern = [0.8, 1.2, 1.1, 0.9];
  const multiplicative = Array.from({ length: 24 }, (_, t) => (100 + 2 * t) * pattern[t % 4]);

  it('recovers multiplicative seasonal indices of a trend × season series', () => {
    const idx = seasonalIndices(multiplicative, 4, 'multiplicative');
    // The centred moving average of a linear trend times a season is nearly the trend: indices within 1 %.
    pattern.forEach((p, j) => expect(idx[j]).toBeCloseTo(p, 2));
    expect(idx.reduce((a, b) => a + b, 0)).toBeCloseTo(4, 12);
  });

  it('recovers additive seasonal indices exactly on a line plus a season', () => {
    const s = [-3, 1, 4, -2];
    const y = Array.from({ length: 20 }, (_, t) => 10 + 0.5 * t + s[t % 4]);
    const idx = seasonalIndices(y, 4, 'additive');
    s.forEach((v, j) => expect(idx[j]).toBeCloseTo(v, 10));
  });

  it('tests seasonality at lag m', () => {
    expect(isSeasonal(multiplicative, 4)).toBe(true);
    const noise = Array.from({ length: 60 }, (_, t) => Math.sin(t * 12.9898) * 43758.5453 % 1);
    expect(isSeasonal(noise, 12)).toBe(false);
    expect(isSeasonal(multiplicative.slice(0, 8), 4)).toBe(false); // too short to tell
    expect(autocorrelations([1, 2, 3, 4], 1)[0]).toBe(1);
  });
});
