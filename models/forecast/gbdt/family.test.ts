import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../split/prng';
import { accuracy } from '../evaluate';
import { GLOBAL_FAMILIES } from '../families';
import { seasonalNaiveFamily } from '../seasonalNaive';
import { makeTimeline } from '../timeline';
import type { GlobalModel, Timeline } from '../types';
import { gbdtFamily, fitGbdtForecast } from './family';
import type { GbdtForecastJson } from './model';
import { START, weeklyPanel } from './testPanel';

const H = 14;
const N = 224;
const roundTrip = (m: GlobalModel, timelines: readonly Timeline[]) =>
  gbdtFamily.fromJSON(JSON.parse(JSON.stringify(m.toJSON())), timelines) as GlobalModel;

describe('gbdt forecasting family', () => {
  const { series } = weeklyPanel({ series: 20, length: N + H, seed: 1 });
  const train = series.map((s) => ({ y: s.y.slice(0, N), timeline: s.timeline }));
  const model = fitGbdtForecast(train, { horizon: H, seasonalPeriod: 7, seed: 1 });

  it('is the registered global family', () => {
    expect(GLOBAL_FAMILIES.gbdt).toBe(gbdtFamily);
  });

  it('beats the seasonal naive method on MASE over 20 held-out fortnights of a weekly panel', () => {
    let gbdt = 0;
    let snaive = 0;
    series.forEach((s, i) => {
      const test = s.y.slice(N);
      gbdt += accuracy(test, model.members[i].forecast(H, []), train[i].y, 7).mase / series.length;
      snaive += accuracy(test, seasonalNaiveFamily.fit(train[i].y, { seasonalPeriod: 7 }).forecast(H, []), train[i].y, 7).mase / series.length;
    });
    expect(gbdt).toBeLessThan(0.9 * snaive);
    expect(model.describe()).toMatch(/^boosted trees on 14 lags \(\d+ trees, difference\) across 20 series$/);
  });

  it('covers near the nominal level at every step (conformal on its own forecasts from the training tail)', () => {
    const extra = 4 * H;
    const panel = weeklyPanel({ series: 40, length: N + extra, seed: 9 }).series;
    const g = fitGbdtForecast(panel.map((s) => ({ y: s.y.slice(0, N), timeline: s.timeline })), { horizon: H, seasonalPeriod: 7 });
    const inside = { 80: new Array<number>(H).fill(0), 95: new Array<number>(H).fill(0) };
    let forecasts = 0;
    panel.forEach((s, i) => {
      let member = g.members[i];
      // Origins 5 days apart, so each step lands on every weekday.
      for (let o = N; o + H <= N + extra; o += 5, forecasts++) {
        const f = member.forecast(H, [80, 95]);
        for (let j = 0; j < H; j++) {
          for (const l of [80, 95] as const) if (s.y[o + j] >= f.lower[l][j] && s.y[o + j] <= f.upper[l][j]) inside[l][j]++;
        }
        member = member.update(s.y.slice(o, o + 5));
      }
    });
    // 360 forecasts per step (9 origins × 40 series), scored against 120 calibration errors per step.
    for (const l of [80, 95] as const) {
      const perStep = inside[l].map((c) => c / forecasts);
      for (const c of perStep) expect(Math.abs(c - l / 100)).toBeLessThan(l === 80 ? 0.08 : 0.05);
      expect(Math.abs(perStep.reduce((a, b) => a + b) / H - l / 100)).toBeLessThan(0.04);
    }
    expect((g.toJSON() as GbdtForecastJson).calibration).toMatchObject({ source: 'backtest', origins: 3 });
  });

  it('uses a known-future covariate: a promo flag adding 40 moves that step by about 40 and no earlier step', () => {
    const { series: promoted, promos } = weeklyPanel({ series: 10, length: N, seed: 2, promo: 40, future: H, levels: [80, 120] });
    const g = fitGbdtForecast(promoted, { horizon: H, seasonalPeriod: 7 });
    const withPromo = (flags: Float64Array) => makeTimeline({ frequency: 'daily', start: START, covariates: [{ name: 'promo', values: flags, knownFuture: true }] });
    let effect = 0;
    promoted.forEach((_, i) => {
      const off = Float64Array.from(promos[i]).fill(0, N);
      const on = Float64Array.from(off);
      on[N + 2] = 1;
      const member = (t: Timeline) => (roundTrip(g, promoted.map((s, k) => (k === i ? t : s.timeline))).members[i]);
      const a = member(withPromo(off)).forecast(H, []).mean;
      const b = member(withPromo(on)).forecast(H, []).mean;
      expect(Array.from(b.subarray(0, 2))).toEqual(Array.from(a.subarray(0, 2)));
      effect += (b[2] - a[2]) / promoted.length;
    });
    expect(effect).toBeGreaterThan(30);
    expect(effect).toBeLessThan(50);
  });

  it('never reads values after the origin: a past-only covariate tampered after it changes nothing', () => {
    const len = 150;
    const rand = mulberry32(4);
    const visits = Array.from({ length: 6 }, () => Float64Array.from({ length: len + H }, () => 10 * rand()));
    // Each value follows the day before's visits, so the model leans on the covariate.
    const ys = visits.map((v, s) => Float64Array.from({ length: len }, (_, t) => 50 + 10 * s + 8 * (t % 7) + 3 * (t > 0 ? v[t - 1] : 0) + rand()));
    const fitWith = (tamperFrom: number | null) => fitGbdtForecast(
      ys.map((y, s) => {
        const values = visits[s].map((v, t) => (tamperFrom !== null && t >= tamperFrom ? 1e6 : v));
        return { y, timeline: makeTimeline({ frequency: 'daily', start: START, covariates: [{ name: 'visits', values, knownFuture: false }] }) };
      }),
      { horizon: 7, seasonalPeriod: 7, params: { trees: 100 } },
    );
    const forecasts = (g: GlobalModel) => g.members.map((m) => m.forecast(7, [80]));
    const honest = fitWith(null);
    const afterOrigin = fitWith(len);
    expect(afterOrigin.toJSON()).toEqual(honest.toJSON());
    expect(forecasts(afterOrigin)).toEqual(forecasts(honest));
    // The last known visits are read (the test can fail): tampering them moves the forecasts.
    expect(forecasts(fitWith(len - 1))).not.toEqual(forecasts(honest));
  });

  it('round-trips through JSON exactly, for the whole panel and for one member', () => {
    const back = roundTrip(model, train.map((s) => s.timeline));
    expect(back.members.map((m) => m.forecast(H, [80, 95]))).toEqual(model.members.map((m) => m.forecast(H, [80, 95])));
    expect(back.describe()).toBe(model.describe());
    const one = gbdtFamily.fromJSON(JSON.parse(JSON.stringify(model.members[3].toJSON())), [train[3].timeline]) as GlobalModel;
    expect(one.members[0].forecast(30, [90])).toEqual(model.members[3].forecast(30, [90]));
    expect(() => gbdtFamily.fromJSON(model.toJSON(), [train[0].timeline])).toThrow(/20 series; 1 timelines/);
  });

  it('update moves a member on with the trees fixed: fed its own forecasts, it continues the same path', () => {
    const member = model.members[5];
    const long = member.forecast(2 * H, []).mean;
    const moved = member.update(long.subarray(0, H));
    const next = moved.forecast(H, []).mean;
    for (let j = 0; j < H; j++) expect(next[j]).toBeCloseTo(long[H + j], 6);
    // Missing values survive the JSON of a moved member.
    const gap = member.update([NaN, series[5].y[N + 1]]);
    const back = gbdtFamily.fromJSON(JSON.parse(JSON.stringify(gap.toJSON())), [train[5].timeline]) as GlobalModel;
    expect(back.members[0].forecast(H, [80])).toEqual(gap.forecast(H, [80]));
  });

  it('reports progress per tree and validation error, and stops when asked with what it has learned', () => {
    const progress: [number, string][] = [];
    const metrics: Record<string, number>[] = [];
    let trees = 0;
    const small = train.slice(0, 5);
    const g = fitGbdtForecast(small, {
      horizon: 7, seasonalPeriod: 7,
      onProgress: (f, msg) => progress.push([f, msg]),
      onMetrics: (_, m) => metrics.push(m),
      shouldStop: () => ++trees > 8,
    });
    expect(progress.length).toBe(8);
    expect(progress.map((p) => p[0])).toEqual([...progress.map((p) => p[0])].sort((a, b) => a - b));
    expect(progress[0][1]).toMatch(/^tree 1 of at most 500/);
    expect(metrics.every((m) => Number.isFinite(m.valid) && Number.isFinite(m.train))).toBe(true);
    const json = g.toJSON() as GbdtForecastJson;
    expect(json.info).toMatchObject({ cancelled: true, rounds: 8 });
    expect(g.members[0].forecast(7, [80]).mean.every(Number.isFinite)).toBe(true);
    // Stopped during the refit on all the data: the complete first model serves, marked as stopped.
    let polls = 0;
    const refitMessages: string[] = [];
    const r = fitGbdtForecast(small, {
      horizon: 7, seasonalPeriod: 7, params: { trees: 20 },
      onProgress: (_, msg) => refitMessages.push(msg),
      shouldStop: () => ++polls > 23,
    });
    expect(refitMessages.at(-1)).toMatch(/^tree 3 of \d+$/);
    const info = (r.toJSON() as GbdtForecastJson).info;
    expect(info.cancelled).toBe(true);
    expect(info.trainRows).toBeLessThan(fitGbdtForecast(small, { horizon: 7, seasonalPeriod: 7, params: { trees: 2 } }).toJSON().info.trainRows);
    expect(r.members[0].forecast(7, [80]).mean.every(Number.isFinite)).toBe(true);
  });

  it('names the input at fault', () => {
    const y = train[0].y;
    expect(() => fitGbdtForecast([{ y, timeline: undefined as unknown as Timeline }])).toThrow(expect.objectContaining({ field: 'timeline' }));
    const short = [train[0], { y: y.slice(0, 20), timeline: train[1].timeline }];
    expect(() => fitGbdtForecast(short, { params: { lags: 28 } })).toThrow(expect.objectContaining({ field: 'values', message: 'series 2 has 20 values; 28 lags need at least 30' }));
    expect(() => fitGbdtForecast([], {})).toThrow(expect.objectContaining({ field: 'values' }));
    expect(() => fitGbdtForecast(train, { params: { target: 'ratio' } })).toThrow(expect.objectContaining({ field: 'params.target' }));
  });
});
