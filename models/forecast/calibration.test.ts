import { describe, expect, it } from 'vitest';
import { calibrationPlan, type IntervalCalibration } from './calibration';
import { decomposableFamily } from './decomposable/family';
import { series, START_MS, weekly } from './decomposable/synthetic';
import { thetaFamily, uncalibratedThetaFamily } from './theta';
import { makeTimeline } from './timeline';
import type { Forecast, ForecastFamily, ForecastModel, ModelJson } from './types';

const n = 200, h = 14;
const timeline = makeTimeline({ frequency: 'daily', start: START_MS });
const fitOpts = { seasonalPeriod: 7, seasonalPeriods: [7], horizon: h, seed: 1, timeline };

/**
 * A daily series with a weekly season and a slight trend; `sd(i)` is the noise's spread at index i. Seeded, so
 * the pooled coverages below are fixed numbers, not draws.
 */
function simulate(seed: number, sd: (i: number) => number): Float64Array {
  const noise = series(n + h, () => 0, 1, 100 + seed);
  return Float64Array.from(noise, (e, i) => 20 + 0.02 * i + 2 * weekly(i) + sd(i) * e);
}
/** The noise quadruples over the last 60 training values and stays so: the fitted spread is too small. */
const regimeShift = (i: number) => (i >= n - 60 ? 4 : 1);
/** Wild early values inflate the fitted spread; the tail and the future are calm: intervals too wide. */
const calmTail = (i: number) => (i < 40 ? 6 : 1);

type Json = ModelJson & { calibration?: IntervalCalibration };

/** The fitted model and the same model loaded from its JSON without the calibration (an older artifact). */
function fitBoth(family: ForecastFamily, y: Float64Array): { calibrated: ForecastModel; plain: ForecastModel; json: Json } {
  const calibrated = family.fit(y, fitOpts);
  const json = calibrated.toJSON() as Json;
  const { calibration: _, ...older } = structuredClone(json);
  return { calibrated, plain: family.fromJSON(older, timeline), json };
}

function coverage(runs: { forecast: Forecast; actual: Float64Array }[], level: number): number {
  let inside = 0, count = 0;
  for (const { forecast, actual } of runs) {
    actual.forEach((v, j) => {
      count++;
      if (v >= forecast.lower[level][j] && v <= forecast.upper[level][j]) inside++;
    });
  }
  return inside / count;
}

const width = (f: Forecast, level: number, j: number) => f.upper[level][j] - f.lower[level][j];

describe.each([
  ['theta', thetaFamily],
  ['decomposable', decomposableFamily],
] as const)('%s calibrates its intervals on its own backtest', (_, family) => {
  const seeds = [0, 1, 2, 3, 4, 5, 6, 7];

  it('widens intervals that covered too little after a regime shift in the training tail, mean unchanged', () => {
    const plainRuns = [], calibratedRuns = [];
    for (const seed of seeds) {
      const y = simulate(seed, regimeShift);
      const { calibrated, plain, json } = fitBoth(family, y.slice(0, n));
      expect(json.calibration?.level).toBe(95);
      const actual = y.slice(n);
      const before = plain.forecast(h, [80, 95]);
      const after = calibrated.forecast(h, [80, 95]);
      expect(after.mean).toEqual(before.mean);
      for (let j = 0; j < h; j++) for (const level of [80, 95]) expect(width(after, level, j)).toBeGreaterThan(width(before, level, j));
      plainRuns.push({ forecast: before, actual });
      calibratedRuns.push({ forecast: after, actual });
    }
    // Measured: theta 45 → 86 % (80 %) and 72 → 92 % (95 %); decomposable 45 → 84 % and 68 → 94 %.
    expect(coverage(plainRuns, 95)).toBeLessThan(0.8);
    expect(coverage(calibratedRuns, 95)).toBeGreaterThanOrEqual(0.9);
    expect(coverage(plainRuns, 80)).toBeLessThan(0.6);
    expect(coverage(calibratedRuns, 80)).toBeGreaterThanOrEqual(0.75);
  });

  it('never narrows: intervals that covered well on the backtest stay exactly as the model made them', () => {
    for (const seed of seeds.slice(0, 3)) {
      const { calibrated, plain, json } = fitBoth(family, simulate(seed, calmTail).slice(0, n));
      expect(json.calibration?.scores.length).toBeGreaterThan(0);
      expect(calibrated.forecast(h, [50, 80, 95])).toEqual(plain.forecast(h, [50, 80, 95]));
    }
  });

  it('keeps its calibration through JSON and update; older JSON without one loads as the uncalibrated model', () => {
    const y = simulate(0, regimeShift);
    const { calibrated, plain, json } = fitBoth(family, y.slice(0, n - 5));
    const back = family.fromJSON(JSON.parse(JSON.stringify(json)), timeline);
    expect(back.toJSON()).toEqual(json);
    expect(back.forecast(h, [80, 95])).toEqual(calibrated.forecast(h, [80, 95]));
    const moved = calibrated.update(y.slice(n - 5, n));
    const movedBack = family.fromJSON(JSON.parse(JSON.stringify(moved.toJSON())), timeline);
    expect((moved.toJSON() as Json).calibration).toEqual(json.calibration);
    expect(movedBack.forecast(h, [95])).toEqual(moved.forecast(h, [95]));
    // After update the calibration still widens: wider than the uncalibrated model moved on the same way.
    expect(width(moved.forecast(h, [95]), 95, 0)).toBeGreaterThan(width(plain.update(y.slice(n - 5, n)).forecast(h, [95]), 95, 0));
  });
});

describe('calibration', () => {
  it('adds only the calibration to what Theta fits', () => {
    const y = simulate(0, regimeShift).slice(0, n);
    const { calibration, ...rest } = thetaFamily.fit(y, fitOpts).toJSON() as Json;
    expect(calibration?.scores).toEqual([...calibration!.scores].sort((a, b) => a - b));
    expect(rest).toEqual(uncalibratedThetaFamily.fit(y, fitOpts).toJSON());
  });

  it('is left out when the series is too short to backtest', () => {
    const y = simulate(0, calmTail).slice(0, 12);
    expect(calibrationPlan(12, 7, h).windows).toBeLessThan(1);
    expect((thetaFamily.fit(y, fitOpts).toJSON() as Json).calibration).toBeUndefined();
    expect((decomposableFamily.fit(y, fitOpts).toJSON() as Json).calibration).toBeUndefined();
  });

  it('is left out of a decomposable fit that was stopped', () => {
    const y = simulate(0, regimeShift).slice(0, n);
    expect((decomposableFamily.fit(y, { ...fitOpts, shouldStop: () => true }).toJSON() as Json).calibration).toBeUndefined();
  });

  it('plans origins on the training tail only, the last leaving exactly the horizon', () => {
    const plan = calibrationPlan(108, 12, 36);
    expect(plan).toEqual({ horizon: 27, windows: 12, firstOrigin: 70 });
    expect(plan.firstOrigin + plan.windows - 1 + plan.horizon).toBe(108);
  });
});
