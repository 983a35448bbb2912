import { describe, expect, it } from 'vitest';
import { fitEts } from './ets/family';
import type { EtsParams } from './ets/recursion';
import type { EtsSpec } from './ets/spec';
import { simulateEts } from './ets/testing';
import { conformalFactor, intervalScores, widenIntervals } from './intervals';
import { normalQuantile } from './normal';

/**
 * 500 series simulated from ETS models with known parameters, each fitted (parameters re-estimated, model type
 * given) on its first 60 values and scored on the next 4: pooled coverage of the 80 % and 95 % intervals must be
 * within 3 points of the level. Each series draws its own noise, so the 2,000 scored values are close to
 * independent across series (binomial sd at 95 %: 0.5 points).
 */
describe('ETS interval coverage on 500 simulated series', () => {
  const cases: { spec: EtsSpec; params: EtsParams; season: number[]; m: number }[] = [
    { spec: { error: 'A', trend: 'N', season: 'N' }, params: { alpha: 0.3, beta: 0, gamma: 0, phi: 1 }, season: [], m: 1 },
    { spec: { error: 'A', trend: 'A', season: 'N' }, params: { alpha: 0.4, beta: 0.1, gamma: 0, phi: 1 }, season: [], m: 1 },
    { spec: { error: 'A', trend: 'N', season: 'A' }, params: { alpha: 0.3, beta: 0, gamma: 0.1, phi: 1 }, season: [-6, 2, 8, -4], m: 4 },
  ];

  it('pools to its level within 3 points', () => {
    const n = 60, h = 4, series = 500;
    const inside: Record<number, number> = { 80: 0, 95: 0 };
    for (let i = 0; i < series; i++) {
      const c = cases[i % cases.length];
      const start = { level: 100, trend: c.spec.trend === 'N' ? 0 : 0.5, season: Float64Array.from(c.season) };
      const y = simulateEts(c.spec, c.params, start, 2, n + h, 5000 + i);
      const model = fitEts(y.subarray(0, n), { seasonalPeriod: c.m, model: `${c.spec.error}${c.spec.trend}${c.spec.season}` });
      const fc = model.forecast(h, [80, 95]);
      for (let j = 0; j < h; j++) for (const l of [80, 95]) if (y[n + j] >= fc.lower[l][j] && y[n + j] <= fc.upper[l][j]) inside[l]++;
    }
    expect(Math.abs((100 * inside[80]) / (series * h) - 80)).toBeLessThan(3);
    expect(Math.abs((100 * inside[95]) / (series * h) - 95)).toBeLessThan(3);
  });
});

describe('conformal widening', () => {
  const normalFc = (sd: number) => ({
    mean: Float64Array.of(0),
    lower: { 95: Float64Array.of(-1.959964 * sd), 80: Float64Array.of(-1.281552 * sd) },
    upper: { 95: Float64Array.of(1.959964 * sd), 80: Float64Array.of(1.281552 * sd) },
  });

  it('scores errors in units of the interval, and widens an overconfident one to cover its level', () => {
    // Errors twice as large as the forecast's sd: scores are |N(0, 2²)| and the factor near 2.
    const actual = Array.from({ length: 4000 }, (_, i) => 2 * normalQuantile((i + 0.5) / 4000));
    const scores = intervalScores(actual.map((a) => ({ forecast: normalFc(1), actual: [a] })), 95);
    expect(conformalFactor(scores, 95)).toBeCloseTo(2, 1);
    expect(conformalFactor(scores, 80)).toBeCloseTo(2, 1);
    const wide = widenIntervals(normalFc(1), scores);
    const covered = actual.filter((a) => a >= wide.lower[95][0] && a <= wide.upper[95][0]).length / actual.length;
    expect(Math.abs(covered - 0.95)).toBeLessThan(0.01);
  });

  it('never narrows, and leaves intervals alone with too few scores', () => {
    const small = Array.from({ length: 100 }, (_, i) => i / 1000);
    expect(conformalFactor(small, 95)).toBe(1);
    expect(conformalFactor([5, 6, 7], 95)).toBe(1);
  });
});
