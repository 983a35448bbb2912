import { describe, expect, it } from 'vitest';
import { makeTimeline } from '../timeline';
import { calendarParts, categoryCounts, featureNames, targetAt, writeFeatureRow, type FeatureSpec, type SeriesView } from './features';
import { START } from './testPanel';

const spec: FeatureSpec = {
  lags: 3, windows: [3, 7], calendar: calendarParts('daily'),
  covariates: [{ name: 'price', knownFuture: true }, { name: 'visits', knownFuture: false }],
  events: ['launch', 'sale'], seriesCount: 4, target: 'difference',
};

function view(values: number[], price: number[], visits: number[], events: (string | null)[] = [], known = values.length): SeriesView {
  const timeline = makeTimeline({
    frequency: 'daily', start: START, events,
    covariates: [{ name: 'price', values: price, knownFuture: true }, { name: 'visits', values: visits, knownFuture: false }],
  });
  return { seriesIndex: 2, timeline, values, start: 0, known };
}

function row(v: SeriesView, t: number): number[] {
  const out = new Float64Array(featureNames(spec).length);
  writeFeatureRow(spec, v, t, out, 0);
  return Array.from(out);
}

const ys = Array.from({ length: 20 }, (_, t) => 10 + t + (t % 7));
const prices = Array.from({ length: 25 }, (_, t) => 100 + t);
const visits = Array.from({ length: 20 }, (_, t) => 1000 + t);

describe('gbdt forecasting features', () => {
  it('names one feature per value written, series and events categorical', () => {
    expect(featureNames(spec)).toEqual([
      'series', 'lag 1', 'lag 2', 'lag 3', 'mean 3', 'std 3', 'mean 7', 'std 7', 'dayOfWeek', 'month', 'dayOfYear',
      'price', 'price (t-1)', 'visits (t-1)', 'event', 'event (t-1)',
    ]);
    expect(categoryCounts(spec)).toEqual([4, ...new Array(13).fill(0), 3, 3]);
  });

  it('writes lags relative to the last value for differences, calendar parts, covariates and event codes', () => {
    const events: (string | null)[] = new Array(20).fill(null);
    events[10] = 'sale';
    events[9] = 'unknown';
    const r = row(view(ys, prices, visits, events), 10);
    // 2024-01-11 is a Thursday, day 11 of January.
    const last = ys[9];
    expect(r.slice(0, 4)).toEqual([2, last, ys[8] - last, ys[7] - last]);
    expect(r[4]).toBeCloseTo((ys[7] + ys[8] + ys[9]) / 3 - last, 12);
    expect(r.slice(8, 11)).toEqual([4, 1, 11]);
    expect(r.slice(11, 14)).toEqual([110, 109, 1009]);
    expect(r[14]).toBe(2);
    expect(r[15]).toBeNaN();
    expect(targetAt(spec, view(ys, prices, visits), 10)).toBe(ys[10] - ys[9]);
    expect(targetAt({ ...spec, target: 'level' }, view(ys, prices, visits), 10)).toBe(ys[10]);
  });

  it('never reads a value at or after t, nor a past-only covariate past the last known index', () => {
    const honest = row(view(ys, prices, visits, [], 12), 12);
    const tamperedY = ys.map((v, t) => (t >= 12 ? v * 100 : v));
    const tamperedVisits = visits.map((v, t) => (t >= 12 ? -v : v));
    expect(row(view(tamperedY, prices, tamperedVisits, [], 12), 12)).toEqual(honest);
    // Forecasting index 15 from 12 known values: past-only visits carry the last known one forward.
    const ahead = row(view(ys.slice(0, 12), prices, tamperedVisits, [], 12), 15);
    expect(ahead[13]).toBe(visits[11]);
    expect(ahead[11]).toBe(prices[15]);
  });
});
