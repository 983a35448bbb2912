import { describe, expect, it } from 'vitest';
import { driftFamily } from './drift';
import { naiveFamily } from './naive';
import { zForLevel } from './normal';
import { seasonalNaiveFamily } from './seasonalNaive';
import type { ForecastFamily } from './types';

const y = Float64Array.from([10, 12, 11, 15, 14, 18, 17, 21]);

describe('naive', () => {
  it('repeats the last value; sd σ√h with σ from the first differences', () => {
    const fc = naiveFamily.fit(y).forecast(4, [95]);
    expect(Array.from(fc.mean)).toEqual([21, 21, 21, 21]);
    const d = [2, -1, 4, -1, 4, -1, 4];
    const sigma = Math.sqrt(d.reduce((s, v) => s + v * v, 0) / d.length);
    expect(fc.upper[95][3] - 21).toBeCloseTo(zForLevel(95) * sigma * 2, 10);
  });

  it('skips missing values', () => {
    const fc = naiveFamily.fit(Float64Array.from([1, 2, NaN, 4, NaN])).forecast(1);
    expect(fc.mean[0]).toBe(4);
  });
});

describe('seasonal naive', () => {
  const s = Float64Array.from([1, 5, 9, 2, 6, 10, 3, 7, 12]);
  it('repeats the last season; sd σ√(k + 1)', () => {
    const fc = seasonalNaiveFamily.fit(s, { seasonalPeriod: 3 }).forecast(7, [80]);
    expect(Array.from(fc.mean)).toEqual([3, 7, 12, 3, 7, 12, 3]);
    const e = [1, 1, 1, 1, 1, 2];
    const sigma = Math.sqrt(e.reduce((a, v) => a + v * v, 0) / e.length);
    const z = zForLevel(80);
    expect(fc.upper[80][0] - 3).toBeCloseTo(z * sigma, 10);
    expect(fc.upper[80][3] - 3).toBeCloseTo(z * sigma * Math.SQRT2, 10);
    expect(fc.upper[80][6] - 3).toBeCloseTo(z * sigma * Math.sqrt(3), 10);
  });

  it('update shifts the season', () => {
    const m = seasonalNaiveFamily.fit(s, { seasonalPeriod: 3 }).update([4, NaN]);
    expect(Array.from(m.forecast(3).mean)).toEqual([12, 4, 7]);
  });
});

describe('drift', () => {
  it('extends the line from the first to the last value; sd σ√(h(1 + h/T))', () => {
    const fc = driftFamily.fit(y).forecast(3, [95]);
    const slope = (21 - 10) / 7;
    expect(fc.mean[2]).toBeCloseTo(21 + 3 * slope, 12);
    const e = [2, -1, 4, -1, 4, -1, 4].map((d) => d - slope);
    const sigma = Math.sqrt(e.reduce((a, v) => a + v * v, 0) / (e.length - 1));
    expect(fc.upper[95][2] - fc.mean[2]).toBeCloseTo(zForLevel(95) * sigma * Math.sqrt(3 * (1 + 3 / 8)), 10);
  });

  it('bridges a trailing gap with the drift', () => {
    const fc = driftFamily.fit(Float64Array.from([0, 1, 2, 3, NaN])).forecast(1);
    expect(fc.mean[0]).toBeCloseTo(5, 12);
  });
});

describe.each([naiveFamily, seasonalNaiveFamily, driftFamily] as ForecastFamily[])('$name', (family) => {
  it('round-trips through JSON and updates without refitting', () => {
    const model = family.fit(y, { seasonalPeriod: 2 });
    const back = family.fromJSON(JSON.parse(JSON.stringify(model.toJSON())));
    expect(back.forecast(5, [80, 95])).toEqual(model.forecast(5, [80, 95]));
    const refit = family.fit(Float64Array.from([...y, 20, 23]), { seasonalPeriod: 2 });
    const updated = model.update([20, 23]);
    // Same point forecasts (for naive and seasonal naive), parameters kept from the first fit.
    if (family.name !== 'drift') expect(updated.forecast(3).mean).toEqual(refit.forecast(3).mean);
    expect(updated.forecast(1).mean[0]).not.toBe(model.forecast(1).mean[0]);
    expect(model.forecast(5, [80, 95])).toEqual(back.forecast(5, [80, 95]));
  });

  it('refuses levels outside (0, 100) naming the field', () => {
    expect(() => family.fit(y, { seasonalPeriod: 2 }).forecast(2, [150])).toThrow(expect.objectContaining({ field: 'levels' }));
  });

  it('refuses horizon 0 naming the field', () => {
    expect(() => family.fit(y, { seasonalPeriod: 2 }).forecast(0)).toThrow(expect.objectContaining({ field: 'horizon' }));
  });
});
