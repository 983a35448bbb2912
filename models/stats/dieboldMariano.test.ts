import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../split/prng';
import { dieboldMariano } from './dieboldMariano';

function normal(rand: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
}

/** One-step errors of two forecasters over T origins; B's errors scaled by `ratio`. */
function errors(T: number, ratio: number, seed: number) {
  const rand = mulberry32(seed);
  const a = Float64Array.from({ length: T }, () => normal(rand));
  const b = Float64Array.from({ length: T }, () => normal(rand) * ratio);
  return { a, b, origin: Float64Array.from({ length: T }, (_, i) => i) };
}

describe('dieboldMariano', () => {
  it('finds a clearly better forecaster', () => {
    const { a, b, origin } = errors(200, 0.5, 1);
    const r = dieboldMariano(a, b, origin, 1);
    expect(r.meanDiff).toBeGreaterThan(0);
    expect(r.statistic).toBeGreaterThan(3);
    expect(r.pValue).toBeLessThan(0.001);
    expect(r.origins).toBe(200);
  });

  it('holds its size: equal forecasters are rejected at 5 % about 5 % of the time', () => {
    let rejected = 0;
    const trials = 400;
    for (let s = 0; s < trials; s++) {
      const { a, b, origin } = errors(60, 1, 1000 + s);
      if (dieboldMariano(a, b, origin, 1).pValue < 0.05) rejected++;
    }
    expect(rejected / trials).toBeGreaterThan(0.02);
    expect(rejected / trials).toBeLessThan(0.09);
  });

  it('averages the steps of each origin and is symmetric in A and B', () => {
    const rand = mulberry32(7);
    const n = 30 * 3;
    const a = Float64Array.from({ length: n }, () => normal(rand) * 1.5);
    const b = Float64Array.from({ length: n }, () => normal(rand));
    const origin = Float64Array.from({ length: n }, (_, i) => Math.floor(i / 3));
    const ab = dieboldMariano(a, b, origin, 3, 'absolute');
    const ba = dieboldMariano(b, a, origin, 3, 'absolute');
    expect(ab.origins).toBe(30);
    expect(ab.statistic).toBeCloseTo(-ba.statistic, 12);
    expect(ab.pValue).toBeCloseTo(ba.pValue, 12);
  });

  it('returns no p-value from a single origin', () => {
    const r = dieboldMariano([1, 2], [0.5, 1], [0, 0], 2);
    expect(r.origins).toBe(1);
    expect(r.pValue).toBeNaN();
  });
});
