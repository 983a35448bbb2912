import { describe, expect, it } from 'vitest';
import { ForecastInputError } from '../errors';
import { backtest } from '../evaluate';
import { makeTimeline, type TimelineInput } from '../timeline';
import { decomposableFamily, fitDecomposable } from './family';
import { series, START_MS, weekly } from './synthetic';

const daily = (extra: Partial<TimelineInput> = {}) => makeTimeline({ frequency: 'daily', start: START_MS, ...extra });

function fieldOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    return e instanceof ForecastInputError ? e.field : `not a ForecastInputError: ${String(e)}`;
  }
  return undefined;
}

describe('decomposable model', () => {
  it('puts its largest trend change at a planted slope change', () => {
    const knee = 123;
    const y = series(200, (i) => (i < knee ? 0.5 * i : 0.5 * knee - 1.5 * (i - knee)) + 4 * weekly(i), 1, 1);
    const model = fitDecomposable(y, { timeline: daily(), seasonalPeriods: [7] });
    const trend = model.components(0).find((c) => c.name === 'trend')!;
    const biggest = trend.changepoints!.reduce((a, b) => (Math.abs(b.delta) > Math.abs(a.delta) ? b : a));
    expect(Math.abs(biggest.index - knee)).toBeLessThanOrEqual(6);
    // The change is downward, about −2 per step in total (spread over neighbouring candidates).
    expect(biggest.delta).toBeLessThan(-0.5);
    const total = trend.changepoints!.reduce((s, c) => s + c.delta, 0);
    expect(total).toBeGreaterThan(-2.4);
    expect(total).toBeLessThan(-1.6);
  });

  it('recovers a planted holiday effect', () => {
    const n = 730;
    const events = Array.from({ length: n + 60 }, (_, i) => (i % 45 === 10 ? 'promo' : i % 91 === 3 ? 'closure' : null));
    const y = series(n, (i) => 50 + 0.02 * i + 3 * weekly(i) + (events[i] === 'promo' ? 20 : events[i] === 'closure' ? -15 : 0), 2, 2);
    const model = fitDecomposable(y, { timeline: daily({ events }), seasonalPeriods: [7, 365.25] });
    const holidays = model.components(0).find((c) => c.name === 'holidays')!.values;
    expect(holidays[10]).toBeGreaterThan(18);
    expect(holidays[10]).toBeLessThan(22);
    expect(holidays[3]).toBeGreaterThan(-16.5);
    expect(holidays[3]).toBeLessThan(-13.5);
    expect(holidays[11]).toBe(0);
    // Future promos are forecast with their effect; a name never seen in the history adds nothing.
    const promoDay = events.findIndex((e, i) => i > n && e === 'promo');
    const fc = model.forecast(60, [80]).mean;
    expect(fc[promoDay - n] - fc[promoDay - n - 1]).toBeGreaterThan(12);
  });

  it('ignores event names it never saw', () => {
    const n = 120;
    const events = Array.from({ length: n + 10 }, (_, i) => (i === n + 2 ? 'new' : null));
    const y = series(n, (i) => 10 + weekly(i), 0.5, 3);
    const a = fitDecomposable(y, { timeline: daily({ events }), seasonalPeriods: [7] }).forecast(10, [80]).mean;
    const b = fitDecomposable(y, { timeline: daily(), seasonalPeriods: [7] }).forecast(10, [80]).mean;
    expect(a).toEqual(b);
  });

  it('multiplicative seasons beat additive when the amplitude grows with the trend', () => {
    const n = 144, hold = 24;
    const y = series(n, (i) => (100 + 3 * i) * (1 + 0.25 * Math.sin((2 * Math.PI * i) / 12) + 0.1 * Math.cos((4 * Math.PI * i) / 12)), 2, 4);
    const timeline = makeTimeline({ frequency: 'monthly', start: Date.UTC(2000, 0, 1) });
    const mae = (mode: 'additive' | 'multiplicative') => {
      const fc = fitDecomposable(y.slice(0, n - hold), { timeline, seasonalPeriods: [12], params: { seasonalityMode: mode } }).forecast(hold).mean;
      return fc.reduce((s, v, j) => s + Math.abs(v - y[n - hold + j]), 0) / hold;
    };
    const mult = mae('multiplicative'), add = mae('additive');
    expect(mult).toBeLessThan(0.6 * add);
    expect(mult).toBeLessThan(8);
  });

  it('uses known-future covariates as standardized regressors and leaves past-only ones out', () => {
    const n = 300;
    const rand = series(n + 20, () => 0, 1, 9);
    const price = Float64Array.from(rand, (v) => 10 + 2 * v);
    const lagged = Float64Array.from({ length: n + 20 }, (_, i) => i);
    const y = series(n, (i) => 100 - 3 * price[i] + 2 * weekly(i), 0.5, 5);
    const timeline = daily({ covariates: [{ name: 'price', values: price, knownFuture: true }, { name: 'sales lag', values: lagged, knownFuture: false }] });
    const model = fitDecomposable(y, { timeline, seasonalPeriods: [7] });
    expect(model.describe()).toContain('regressors price');
    expect(model.describe()).toContain('past-only covariates not used (unknown in the future): sales lag');
    const effect = model.components(0).find((c) => c.name === 'price')!.values;
    // −3 per unit of price: the component moves 3 per unit across the history.
    const slope = (effect[1] - effect[0]) / (price[1] - price[0]);
    expect(slope).toBeGreaterThan(-3.2);
    expect(slope).toBeLessThan(-2.8);
  });

  it('components add up to the fitted values and the forecast', () => {
    const events = Array.from({ length: 260 }, (_, i) => (i % 30 === 0 ? 'e' : null));
    const y = series(240, (i) => 20 + 0.1 * i + 3 * weekly(i) + (events[i] ? 5 : 0), 1, 6);
    for (const seasonalityMode of ['additive', 'multiplicative'] as const) {
      const model = fitDecomposable(y, { timeline: daily({ events }), seasonalPeriods: [7, 30.5], params: { seasonalityMode } });
      const parts = model.components(20);
      expect(parts.map((c) => c.name)).toEqual(['trend', 'weekly', 'season 30.5', 'holidays']);
      const fc = model.forecast(20, [80]).mean;
      for (const i of [0, 100, 239, 245, 259]) {
        const sum = parts.reduce((s, c) => s + c.values[i], 0);
        expect(sum).toBeCloseTo(i < 240 ? model.fitted(i) : fc[i - 240], 9);
      }
    }
  });

  it('round-trips through JSON exactly', () => {
    const events = Array.from({ length: 400 }, (_, i) => (i % 50 === 7 ? 'x' : null));
    const y = series(365, (i) => 30 + 0.05 * i + 2 * weekly(i) + (events[i] ? 4 : 0), 1, 7);
    const timeline = daily({ events });
    const model = fitDecomposable(y, { timeline, seasonalPeriods: [7, 365.25], seed: 11, params: { seasonalityMode: 'multiplicative' } }).update(y.slice(0, 5));
    const back = decomposableFamily.fromJSON(JSON.parse(JSON.stringify(model.toJSON())), timeline);
    const a = model.forecast(30, [80, 95]), b = back.forecast(30, [80, 95]);
    for (let j = 0; j < 30; j++) {
      expect(Math.abs(a.mean[j] - b.mean[j])).toBeLessThanOrEqual(1e-12 * Math.abs(a.mean[j]));
      expect(Math.abs(a.lower[95][j] - b.lower[95][j])).toBeLessThanOrEqual(1e-12 * Math.abs(a.lower[95][j]));
      expect(Math.abs(a.upper[80][j] - b.upper[80][j])).toBeLessThanOrEqual(1e-12 * Math.abs(a.upper[80][j]));
    }
    expect(back.describe()).toBe(model.describe());
    expect(fieldOf(() => decomposableFamily.fromJSON(model.toJSON()))).toBe('timeline');
    expect(fieldOf(() => decomposableFamily.fromJSON(model.toJSON(), daily({ start: START_MS + 86_400_000 })))).toBe('timeline');
  });

  it('forecasts the same every time (seeded intervals) and differently with another seed', () => {
    const y = series(100, (i) => i + weekly(i), 1, 8);
    const a = fitDecomposable(y, { timeline: daily(), seasonalPeriods: [7], seed: 1 });
    expect(a.forecast(10)).toEqual(a.forecast(10));
    expect(a.forecast(10, [])).toEqual({ mean: a.forecast(10).mean, lower: {}, upper: {} });
    const b = fitDecomposable(y, { timeline: daily(), seasonalPeriods: [7], seed: 2 });
    expect(b.forecast(10).mean).toEqual(a.forecast(10).mean);
    expect(b.forecast(10).upper[95]).not.toEqual(a.forecast(10).upper[95]);
  });

  it('names the input at fault', () => {
    const y = series(60, (i) => i, 1, 9);
    expect(fieldOf(() => fitDecomposable(y, {}))).toBe('timeline');
    expect(fieldOf(() => fitDecomposable(Float64Array.of(1, 2, NaN, NaN), { timeline: daily() }))).toBe('values');
    expect(fieldOf(() => fitDecomposable(y, { timeline: daily() }).forecast(0))).toBe('horizon');
    expect(fieldOf(() => fitDecomposable(y, { timeline: daily() }).forecast(5, [120]))).toBe('levels');
    expect(fieldOf(() => fitDecomposable(y, { timeline: daily(), params: { changepointPriorScale: -1 } }))).toBe('params.changepointPriorScale');
    expect(fieldOf(() => fitDecomposable(y, { timeline: daily(), params: { seasonalityMode: 'both' } }))).toBe('params.seasonalityMode');
    expect(fieldOf(() => fitDecomposable(y, { timeline: daily(), seasonalPeriods: [0.5] }))).toBe('seasonalPeriods');
  });

  it('leaves missing values out of the fit', () => {
    const clean = series(150, (i) => 10 + 0.2 * i + 2 * weekly(i), 0.5, 10);
    const holed = clean.map((v, i) => (i % 9 === 4 ? NaN : i === 60 ? NaN : v));
    const spiked = clean.map((v, i) => (i % 9 === 4 || i === 60 ? NaN : v));
    const a = fitDecomposable(holed, { timeline: daily(), seasonalPeriods: [7] }).forecast(7).mean;
    const b = fitDecomposable(spiked, { timeline: daily(), seasonalPeriods: [7] }).forecast(7).mean;
    expect(a).toEqual(b);
    const full = fitDecomposable(clean, { timeline: daily(), seasonalPeriods: [7] }).forecast(7).mean;
    for (let j = 0; j < 7; j++) expect(Math.abs(a[j] - full[j])).toBeLessThan(1);
  });

  it('never reads values after the forecast origin (refit once and every)', () => {
    const y = series(400, (i) => 50 + 0.1 * i + 5 * weekly(i), 2, 12);
    const timeline = daily();
    const fit = (train: Float64Array) => fitDecomposable(train, { timeline, seasonalPeriods: [7], seed: 3 });
    for (const refit of ['once', 'every'] as const) {
      const opts = { horizon: 14, windows: 3, step: 20, refit, levels: [80] };
      const honest = backtest(y, fit, opts);
      const cut = honest.origins[1].origin;
      const tampered = y.map((v, t) => (t >= cut ? v * 50 + 1000 : v));
      const after = backtest(tampered, fit, opts);
      for (const k of [0, 1]) {
        expect(after.origins[k].forecast.mean).toEqual(honest.origins[k].forecast.mean);
        expect(after.origins[k].forecast.upper[80]).toEqual(honest.origins[k].forecast.upper[80]);
      }
      expect(after.origins[2].forecast.mean).not.toEqual(honest.origins[2].forecast.mean);
    }
  });

  it('update moves the origin on with the parameters kept and anchors the level on the new residuals', () => {
    const y = series(200, (i) => 20 + 0.1 * i + 2 * weekly(i), 0.5, 13);
    const model = fitDecomposable(y.slice(0, 150), { timeline: daily(), seasonalPeriods: [7] });
    const moved = model.update(y.slice(150, 180));
    expect(moved.toJSON().coef).toEqual(model.toJSON().coef);
    expect(moved.toJSON().seen).toBe(180);
    // A level shift in the new values shifts the forecast by its mean over the anchor window.
    const shifted = model.update(y.slice(150, 180).map((v) => v + 10));
    const d = shifted.forecast(5).mean.map((v, j) => v - moved.forecast(5).mean[j]);
    for (const v of d) expect(v).toBeCloseTo(10, 9);
    const parts = shifted.components(5);
    expect(parts.at(-1)!.name).toBe('level anchor');
    const fc = shifted.forecast(5).mean;
    for (let j = 0; j < 5; j++) expect(parts.reduce((s, c) => s + c.values[180 + j], 0)).toBeCloseTo(fc[j], 9);
    expect(parts.reduce((s, c) => s + c.values[170], 0)).toBeCloseTo(shifted.fitted(170), 9);
    // Gaps are skipped: an update of only NaN moves the origin and keeps the anchor.
    const gap = model.update([NaN, NaN, NaN]);
    expect(gap.anchor).toBe(0);
    expect(gap.forecast(3).mean).toEqual(model.forecast(6).mean.slice(3));
    expect(() => gap.components(-1)).toThrow(ForecastInputError);
    expect(model.components(4)[0].values.length).toBe(154);
  });
});
