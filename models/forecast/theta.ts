import { isSeasonal, seasonalIndices } from './decompose';
import { ForecastInputError } from './errors';
import { fitEts } from './ets/family';
import { EtsRecursion } from './ets/recursion';
import { checkHorizon, DEFAULT_LEVELS, mapForecast, normalForecast } from './intervals';
import { expectFamily } from './json';
import { requireObserved } from './residuals';
import type { Forecast, ForecastFamily, ForecastModel, ModelJson } from './types';

export interface ThetaJson extends ModelJson {
  family: 'theta';
  period: number;
  /** How the series was seasonally adjusted before the Theta lines were fitted. */
  adjustment: 'none' | 'multiplicative' | 'additive';
  /** Seasonal indices in the order they will be used: season[0] belongs to the next step. */
  season: number[];
  /** Simple exponential smoothing of the adjusted series. */
  alpha: number;
  level: number;
  sigma2: number;
  /** Half the slope of the least-squares line through the adjusted series: the theta = 0 line's trend, halved. */
  drift: number;
  /** Values seen, for the drift's start-up term (1 − (1 − α)^n)/α. */
  n: number;
}

const ses = { error: 'A', trend: 'N', season: 'N' } as const;

/**
 * The standard Theta method (Assimakopoulos & Nikolopoulos 2000) in the form Hyndman & Billah (2003) showed it
 * to be, and R's thetaf computes: simple exponential smoothing with a drift of half the linear trend, on the
 * series seasonally adjusted by classical multiplicative decomposition when the lag-m autocorrelation says
 * it is seasonal. Intervals are those of the SES model, re-seasonalised.
 */
class ThetaModel implements ForecastModel {
  readonly family = 'theta';
  constructor(private readonly s: ThetaJson) {}

  describe(): string {
    return this.s.adjustment === 'none' ? 'Theta' : `Theta, ${this.s.adjustment} seasonal adjustment (${this.s.period})`;
  }

  forecast(h: number, levels: readonly number[] = DEFAULT_LEVELS): Forecast {
    checkHorizon(h);
    const { alpha, level, sigma2, drift, n } = this.s;
    const startup = (1 - (1 - alpha) ** n) / alpha;
    const mean = Float64Array.from({ length: h }, (_, j) => level + drift * (j + startup));
    const sd = Float64Array.from({ length: h }, (_, j) => Math.sqrt(sigma2 * (1 + alpha * alpha * j)));
    const adjusted = levels.length > 0 ? normalForecast(mean, sd, levels) : { mean, lower: {}, upper: {} };
    return mapForecast(adjusted, (v, j) => this.reseasonalise(v, j));
  }

  update(newValues: ArrayLike<number>): ForecastModel {
    const rec = new EtsRecursion(ses, { alpha: this.s.alpha, beta: 0, gamma: 0, phi: 1 }, { level: this.s.level, trend: 0, season: new Float64Array(0) });
    for (let i = 0; i < newValues.length; i++) rec.observe(this.adjust(newValues[i], i), rec.predict());
    const m = this.s.season.length;
    const season = Array.from({ length: m }, (_, j) => this.s.season[(j + newValues.length) % m]);
    return new ThetaModel({ ...this.s, level: rec.level, season, n: this.s.n + newValues.length });
  }

  toJSON(): ThetaJson {
    return { ...this.s, season: [...this.s.season] };
  }

  private adjust(v: number, step: number): number {
    const { adjustment, season } = this.s;
    if (adjustment === 'none') return v;
    const s = season[step % season.length];
    return adjustment === 'multiplicative' ? v / s : v - s;
  }

  private reseasonalise(v: number, step: number): number {
    const { adjustment, season } = this.s;
    if (adjustment === 'none') return v;
    const s = season[step % season.length];
    return adjustment === 'multiplicative' ? v * s : v + s;
  }
}

/** Half the least-squares slope of y on time (missing values left out). */
function halfSlope(y: ArrayLike<number>): number {
  let sx = 0, sy = 0, sxx = 0, sxy = 0, k = 0;
  for (let t = 0; t < y.length; t++) {
    if (Number.isNaN(y[t])) continue;
    sx += t;
    sy += y[t];
    sxx += t * t;
    sxy += t * y[t];
    k++;
  }
  return (k * sxy - sx * sy) / (k * sxx - sx * sx) / 2;
}

export const thetaFamily: ForecastFamily = {
  name: 'theta',
  fit(y, opts = {}) {
    const m = opts.seasonalPeriod ?? 1;
    if (!Number.isInteger(m) || m < 1) throw new ForecastInputError('seasonalPeriod', `must be a whole number, at least 1 (got ${m})`);
    requireObserved(y, 4, 'the Theta method');
    const n = y.length;
    let adjustment: ThetaJson['adjustment'] = 'none';
    let indices: Float64Array = new Float64Array(0);
    if (isSeasonal(y, m)) {
      adjustment = y.every((v) => Number.isNaN(v) || v > 0) ? 'multiplicative' : 'additive';
      indices = seasonalIndices(y, m, adjustment);
    }
    const at = (t: number) => indices[t % m];
    const x = adjustment === 'none' ? y : y.map((v, t) => (adjustment === 'multiplicative' ? v / at(t) : v - at(t)));
    const fit = fitEts(x, { model: 'ANN' }).s;
    return new ThetaModel({
      family: 'theta', version: 1, period: m, adjustment,
      season: adjustment === 'none' ? [] : Array.from({ length: m }, (_, j) => at(n + j)),
      alpha: fit.params.alpha, level: fit.state.level, sigma2: fit.sigma2, drift: halfSlope(x), n,
    });
  },
  fromJSON: (json) => new ThetaModel(expectFamily<ThetaJson>(json, 'theta')),
};
