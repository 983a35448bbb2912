import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { backtest } from './evaluate';
import { FORECAST_FAMILIES, loadForecastModel } from './families';
import { makeTimeline } from './timeline';
import type { FamilyName } from './types';

function airline(): Float64Array {
  const file = path.resolve(import.meta.dirname, '../../resources/samples/airline_passengers/airline-passengers.csv');
  return Float64Array.from(readFileSync(file, 'utf8').trim().split('\n').slice(1), (r) => Number(r.split(',')[1]));
}

const y = airline().slice(0, 120);
const names = Object.keys(FORECAST_FAMILIES) as FamilyName[];
// 1949-01 on; the families that need no timeline ignore it.
const timeline = makeTimeline({ frequency: 'monthly', start: Date.UTC(1949, 0, 1) });

describe.each(names)('%s', (name) => {
  const family = FORECAST_FAMILIES[name]!;
  const fit = (train: Float64Array) => family.fit(train, { seasonalPeriod: 12, horizon: 6, seed: 3, timeline });

  it.each(['once', 'every'] as const)('a forecast from origin t never reads values after t (refit %s)', (refit) => {
    const opts = { horizon: 6, windows: 3, step: 8, seasonalPeriod: 12, refit, levels: [80] };
    const honest = backtest(y, fit, opts);
    // Replace everything from the second origin on with values no model could have guessed.
    const cut = honest.origins[1].origin;
    const tampered = y.map((v, t) => (t >= cut ? v * 50 + 1000 : v));
    const after = backtest(tampered, fit, opts);
    for (const k of [0, 1]) {
      expect(after.origins[k].forecast.mean).toEqual(honest.origins[k].forecast.mean);
      expect(after.origins[k].forecast.lower[80]).toEqual(honest.origins[k].forecast.lower[80]);
    }
    expect(after.origins[2].forecast.mean).not.toEqual(honest.origins[2].forecast.mean);
  });

  it('loads from its JSON artifact with the same forecasts', () => {
    const model = fit(y);
    const back = loadForecastModel(JSON.parse(JSON.stringify(model.toJSON())), timeline);
    expect(back.family).toBe(name);
    expect(back.forecast(6, [95])).toEqual(model.forecast(6, [95]));
  });
});
