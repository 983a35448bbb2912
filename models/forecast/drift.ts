import { checkHorizon, DEFAULT_LEVELS, normalForecast } from './intervals';
import { expectFamily } from './json';
import { countObserved, lastObservedIndex, requireObserved, residualSd } from './residuals';
import type { ForecastFamily, ForecastModel, ModelJson } from './types';

interface DriftJson extends ModelJson {
  family: 'drift';
  last: number;
  /** Average change per step between the first and last observed values. */
  slope: number;
  sigma: number;
  /** Observations the slope was estimated from (T in the interval formula). */
  n: number;
}

/** Random walk with drift: last value + h × average change; sd σ√(h(1 + h/T)) (FPP3 §5.5). */
class DriftModel implements ForecastModel {
  readonly family = 'drift';
  constructor(private readonly s: DriftJson) {}

  describe(): string {
    return 'drift';
  }

  forecast(h: number, levels: readonly number[] = DEFAULT_LEVELS) {
    checkHorizon(h);
    const { last, slope, sigma, n } = this.s;
    const mean = Float64Array.from({ length: h }, (_, j) => last + (j + 1) * slope);
    const sd = Float64Array.from({ length: h }, (_, j) => sigma * Math.sqrt((j + 1) * (1 + (j + 1) / n)));
    return normalForecast(mean, sd, levels);
  }

  /** Moves the last value on; the slope is a parameter and stays. A trailing gap is bridged by the drift. */
  update(newValues: ArrayLike<number>): ForecastModel {
    const i = lastObservedIndex(newValues);
    if (i < 0) return new DriftModel({ ...this.s, last: this.s.last + newValues.length * this.s.slope });
    const tail = newValues.length - 1 - i;
    return new DriftModel({ ...this.s, last: newValues[i] + tail * this.s.slope });
  }

  toJSON(): DriftJson {
    return { ...this.s };
  }
}

export const driftFamily: ForecastFamily = {
  name: 'drift',
  fit(y) {
    requireObserved(y, 3, 'the drift method');
    let first = 0;
    while (Number.isNaN(y[first])) first++;
    const lastIdx = lastObservedIndex(y);
    const slope = (y[lastIdx] - y[first]) / (lastIdx - first);
    const e = new Float64Array(y.length - 1);
    for (let t = 1; t < y.length; t++) e[t - 1] = y[t] - y[t - 1] - slope;
    const model = new DriftModel({ family: 'drift', version: 1, last: y[lastIdx], slope, sigma: residualSd(e, 1), n: countObserved(y) });
    return model.update(y.subarray(lastIdx + 1));
  },
  fromJSON: (json) => new DriftModel(expectFamily<DriftJson>(json, 'drift')),
};
