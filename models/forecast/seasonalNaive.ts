import { ForecastInputError } from './errors';
import { checkHorizon, DEFAULT_LEVELS, normalForecast } from './intervals';
import { expectFamily } from './json';
import { requireObserved, residualSd } from './residuals';
import type { ForecastFamily, ForecastModel, ModelJson } from './types';

interface SeasonalNaiveJson extends ModelJson {
  family: 'seasonal-naive';
  period: number;
  /** The last full season, oldest first: lastSeason[j] is the value m − j steps before the next one. */
  lastSeason: number[];
  sigma: number;
}

/** Each forecast repeats the value one season earlier; sd σ√(k + 1), k = ⌊(h − 1)/m⌋ full seasons (FPP3 §5.5). */
class SeasonalNaiveModel implements ForecastModel {
  readonly family = 'seasonal-naive';
  constructor(private readonly s: SeasonalNaiveJson) {}

  describe(): string {
    return `seasonal naive (${this.s.period})`;
  }

  forecast(h: number, levels: readonly number[] = DEFAULT_LEVELS) {
    checkHorizon(h);
    const m = this.s.period;
    const mean = Float64Array.from({ length: h }, (_, j) => this.s.lastSeason[j % m]);
    const sd = Float64Array.from({ length: h }, (_, j) => this.s.sigma * Math.sqrt(Math.floor(j / m) + 1));
    return normalForecast(mean, sd, levels);
  }

  update(newValues: ArrayLike<number>): ForecastModel {
    const season = [...this.s.lastSeason];
    for (let i = 0; i < newValues.length; i++) {
      const old = season.shift()!;
      // A missing value is forecast as the seasonal naive would have: the value a season earlier.
      season.push(Number.isNaN(newValues[i]) ? old : newValues[i]);
    }
    return new SeasonalNaiveModel({ ...this.s, lastSeason: season });
  }

  toJSON(): SeasonalNaiveJson {
    return { ...this.s, lastSeason: [...this.s.lastSeason] };
  }
}

export const seasonalNaiveFamily: ForecastFamily = {
  name: 'seasonal-naive',
  fit(y, opts = {}) {
    const m = opts.seasonalPeriod ?? 1;
    if (!Number.isInteger(m) || m < 1) throw new ForecastInputError('seasonalPeriod', `must be a whole number, at least 1 (got ${m})`);
    requireObserved(y, m + 1, `the seasonal naive method with period ${m}`);
    const e = new Float64Array(y.length - m);
    for (let t = m; t < y.length; t++) e[t - m] = y[t] - y[t - m];
    const empty = new SeasonalNaiveModel({ family: 'seasonal-naive', version: 1, period: m, lastSeason: new Array(m).fill(NaN), sigma: residualSd(e, 0) });
    return empty.update(y);
  },
  fromJSON: (json) => new SeasonalNaiveModel(expectFamily<SeasonalNaiveJson>(json, 'seasonal-naive')),
};
