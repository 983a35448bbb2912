import { checkHorizon, DEFAULT_LEVELS, normalForecast } from './intervals';
import { expectFamily } from './json';
import { lastObservedIndex, requireObserved, residualSd } from './residuals';
import type { ForecastFamily, ForecastModel, ModelJson } from './types';

interface NaiveJson extends ModelJson {
  family: 'naive';
  last: number;
  sigma: number;
}

/** Random walk: every forecast is the last value; sd after h steps σ√h (FPP3 §5.5). */
class NaiveModel implements ForecastModel {
  readonly family = 'naive';
  constructor(private readonly s: NaiveJson) {}

  describe(): string {
    return 'naive';
  }

  forecast(h: number, levels: readonly number[] = DEFAULT_LEVELS) {
    checkHorizon(h);
    const mean = new Float64Array(h).fill(this.s.last);
    const sd = Float64Array.from({ length: h }, (_, j) => this.s.sigma * Math.sqrt(j + 1));
    return normalForecast(mean, sd, levels);
  }

  update(newValues: ArrayLike<number>): ForecastModel {
    const i = lastObservedIndex(newValues);
    return i < 0 ? this : new NaiveModel({ ...this.s, last: newValues[i] });
  }

  toJSON(): NaiveJson {
    return { ...this.s };
  }
}

export const naiveFamily: ForecastFamily = {
  name: 'naive',
  fit(y) {
    requireObserved(y, 2, 'the naive method');
    const e = new Float64Array(y.length - 1);
    for (let t = 1; t < y.length; t++) e[t - 1] = y[t] - y[t - 1];
    return new NaiveModel({ family: 'naive', version: 1, last: y[lastObservedIndex(y)], sigma: residualSd(e, 0) });
  },
  fromJSON: (json) => new NaiveModel(expectFamily<NaiveJson>(json, 'naive')),
};
