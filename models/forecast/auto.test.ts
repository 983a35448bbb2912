import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { autoFamily, fitAuto, type AutoJson } from './auto';
import { accuracy } from './evaluate';

function airline(): Float64Array {
  const file = path.resolve(import.meta.dirname, '../../resources/samples/airline_passengers/airline-passengers.csv');
  return Float64Array.from(readFileSync(file, 'utf8').trim().split('\n').slice(1), (r) => Number(r.split(',')[1]));
}

describe('auto', () => {
  const y = airline();
  const train = y.slice(0, 108); // before 1958-01
  const test = y.slice(108);
  const model = fitAuto(train, { seasonalPeriod: 12, horizon: 36 });

  it('forecasts the airline series 1958–1960 within 5.1 % MAPE (the published Holt–Winters figure)', () => {
    const a = accuracy(test, model.forecast(36, [95]), train, 12);
    expect(a.mape).toBeLessThanOrEqual(0.051);
    expect(a.intervals[95].coverage).toBeGreaterThanOrEqual(0.9);
  });

  it('averages the three best candidates of its backtest on the training tail', () => {
    const s = model.toJSON() as AutoJson;
    expect(s.members.map((m) => m.candidate)).toEqual(s.scores.slice(0, 3).map((c) => c.candidate));
    expect(s.scores.map((c) => c.mase)).toEqual([...s.scores.map((c) => c.mase)].sort((a, b) => a - b));
    expect(s.backtest.firstOrigin + s.backtest.windows - 1 + s.backtest.horizon).toBe(108);
  });

  it('with combine 1 keeps only the best candidate', () => {
    const one = fitAuto(train, { seasonalPeriod: 12, horizon: 12, combine: 1, candidates: ['naive', 'seasonal-naive', 'drift'] });
    const s = one.toJSON() as AutoJson;
    expect(s.members).toHaveLength(1);
    expect(s.members[0].candidate).toBe(s.scores[0].candidate);
    expect(s.members[0].candidate).toBe('seasonal-naive');
  });

  it('leaves out the log candidates for series that are not strictly positive, and the seasonal naive without a period', () => {
    const z = Float64Array.from({ length: 60 }, (_, t) => Math.sin(t) + t / 10 - 2);
    const s = fitAuto(z, { horizon: 6 }).toJSON() as AutoJson;
    expect(s.scores.map((c) => c.candidate).sort()).toEqual(['drift', 'ets', 'naive', 'theta']);
  });

  it('round-trips through JSON', () => {
    const back = autoFamily.fromJSON(JSON.parse(JSON.stringify(model.toJSON())));
    expect(back.forecast(36, [80, 95])).toEqual(model.forecast(36, [80, 95]));
    expect(back.describe()).toBe(model.describe());
  });

  it('names the field of a bad request', () => {
    expect(() => fitAuto(train, { combine: 0 })).toThrow(expect.objectContaining({ field: 'combine' }));
    expect(() => fitAuto(train, { horizon: 0 })).toThrow(expect.objectContaining({ field: 'horizon' }));
  });
});
