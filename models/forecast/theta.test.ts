import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { zForLevel } from './normal';
import { thetaFamily, type ThetaJson } from './theta';

function airline(): Float64Array {
  const file = path.resolve(import.meta.dirname, '../../resources/samples/airline_passengers/airline-passengers.csv');
  return Float64Array.from(readFileSync(file, 'utf8').trim().split('\n').slice(1), (r) => Number(r.split(',')[1]));
}

describe('Theta method', () => {
  const train = airline().subarray(0, 108); // 1949-01 … 1957-12

  it('on the airline series: seasonal indices, SES and forecasts as statsmodels 0.13.5 computes them', () => {
    // Reference: statsmodels seasonal_decompose(model='mul', period=12) of the same values, ETSModel(error='add')
    // on the adjusted series, then level + b0·(h − 1 + (1 − (1 − α)^n)/α) times the seasonal index.
    const model = thetaFamily.fit(train, { seasonalPeriod: 12 });
    const s = model.toJSON() as ThetaJson;
    expect(s.adjustment).toBe('multiplicative');
    [0.9119038, 0.8985238, 1.02970135].forEach((v, j) => expect(s.season[j]).toBeCloseTo(v, 6));
    expect(s.alpha).toBeCloseTo(0.937303, 3); // a flat likelihood: 1e-4 apart
    expect(s.drift).toBeCloseTo(1.2445882, 5);
    const fc = model.forecast(3, [95]);
    [340.322, 336.446, 386.847].forEach((v, j) => expect(fc.mean[j]).toBeCloseTo(v, 2));
  });

  it('forecasts SES plus half the linear trend, with the SES interval, when the series is not seasonal', () => {
    const y = Float64Array.from({ length: 40 }, (_, t) => 50 + 0.8 * t + 3 * Math.sin(t * 2.1));
    const model = thetaFamily.fit(y, { seasonalPeriod: 12 });
    const s = model.toJSON() as ThetaJson;
    expect(s.adjustment).toBe('none');
    const fc = model.forecast(5, [80]);
    const startup = (1 - (1 - s.alpha) ** 40) / s.alpha;
    for (let j = 0; j < 5; j++) {
      expect(fc.mean[j]).toBeCloseTo(s.level + s.drift * (j + startup), 10);
      expect(fc.upper[80][j] - fc.mean[j]).toBeCloseTo(zForLevel(80) * Math.sqrt(s.sigma2 * (1 + s.alpha ** 2 * j)), 10);
    }
    expect(s.drift).toBeCloseTo(0.4, 1);
  });

  it('update moves the level and the season on; JSON round-trips', () => {
    const model = thetaFamily.fit(train, { seasonalPeriod: 12 });
    const next = model.update(airline().subarray(108, 111));
    const s = next.toJSON() as ThetaJson;
    expect(s.n).toBe(111);
    expect(s.season[0]).toBeCloseTo((model.toJSON() as ThetaJson).season[3], 12);
    expect(s.alpha).toBe((model.toJSON() as ThetaJson).alpha);
    const back = thetaFamily.fromJSON(JSON.parse(JSON.stringify(next.toJSON())));
    expect(back.forecast(12, [95])).toEqual(next.forecast(12, [95]));
  });
});
