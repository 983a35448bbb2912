import { describe, expect, it } from 'vitest';
import { accuracy, backtest, naiveScale } from './evaluate';
import { naiveFamily } from './naive';
import { seasonalNaiveFamily } from './seasonalNaive';
import type { Forecast } from './types';

describe('accuracy', () => {
  const fc: Forecast = {
    mean: Float64Array.from([10, 10]),
    lower: { 80: Float64Array.from([9, 8]) },
    upper: { 80: Float64Array.from([11, 12]) },
  };

  it('scores point forecasts and intervals', () => {
    const a = accuracy([12, 10], fc, [1, 2, 4, 8], 1);
    expect(a.mae).toBe(1);
    expect(a.rmse).toBeCloseTo(Math.SQRT2, 12);
    expect(a.mape).toBeCloseTo(2 / 12 / 2, 12); // a fraction, as tabular regression's
    expect(a.smape).toBeCloseTo((100 * (4 / 22)) / 2, 12);
    expect(a.mase).toBeCloseTo(1 / (7 / 3), 12); // in-sample naive MAE = (1 + 2 + 4) / 3
    expect(a.intervals[80].coverage).toBe(0.5);
    // Winkler: width 2 + (2 / 0.2) × 1 outside, then width 4 inside.
    expect(a.intervals[80].winkler).toBeCloseTo((12 + 4) / 2, 12);
    expect(a.n).toBe(2);
  });

  it('MASE scales by the seasonal naive, or the naive when the training data holds no full season', () => {
    expect(naiveScale([1, 2, 3, 5, 6, 7], 3)).toBe(4);
    expect(naiveScale([1, 3], 3)).toBe(2);
  });

  it('skips missing actual values', () => {
    expect(accuracy([NaN, 10], fc, [1, 2], 1).n).toBe(1);
  });
});

describe('backtest', () => {
  const y = Float64Array.from({ length: 40 }, (_, t) => 10 + Math.sin(t) + 0.1 * t);

  it('places the origins so the last leaves exactly one horizon', () => {
    const r = backtest(y, (train) => naiveFamily.fit(train), { horizon: 5, windows: 3, step: 2 });
    expect(r.origins.map((o) => o.origin)).toEqual([31, 33, 35]);
    expect(r.overall.n).toBe(15);
    expect(r.perStep.map((s) => s.n)).toEqual([3, 3, 3, 3, 3]);
    expect(r.origins[2].forecast.mean[0]).toBe(y[34]);
  });

  it("moving the state on with update gives the seasonal naive's refit forecasts", () => {
    const fit = (train: Float64Array) => seasonalNaiveFamily.fit(train, { seasonalPeriod: 4 });
    const once = backtest(y, fit, { horizon: 6, windows: 5, seasonalPeriod: 4 });
    const every = backtest(y, fit, { horizon: 6, windows: 5, seasonalPeriod: 4, refit: 'every' });
    expect(once.origins.map((o) => Array.from(o.forecast.mean))).toEqual(every.origins.map((o) => Array.from(o.forecast.mean)));
    expect(once.overall.mae).toBeCloseTo(every.overall.mae, 12);
  });

  it('refuses windows that leave nothing to train on, naming the field', () => {
    expect(() => backtest(y, (t) => naiveFamily.fit(t), { horizon: 10, windows: 40 })).toThrow(expect.objectContaining({ field: 'windows' }));
    expect(() => backtest(y, (t) => naiveFamily.fit(t), { horizon: 0, windows: 1 })).toThrow(expect.objectContaining({ field: 'horizon' }));
  });
});
