import { forecastDefaults } from '../../shared/families/forecast';
import { autoFamily, fitAuto, type AutoJson, type AutoModel } from './auto';
import { ForecastInputError } from './errors';
import { checkHorizon, checkLevels, DEFAULT_LEVELS } from './intervals';
import { expectFamily } from './json';
import type { Forecast, ForecastFamily, ForecastModel, ModelJson } from './types';

export interface EnsembleJson extends ModelJson {
  family: 'ensemble';
  /** auto's candidates, backtest and its best k members, refitted on all the data. */
  auto: AutoJson;
}

/** Median of sorted-in-place values (mean of the middle two for an even count). */
function median(values: Float64Array): number {
  values.sort();
  const n = values.length;
  return n % 2 === 1 ? values[(n - 1) / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

/**
 * The median of the best k of auto's candidates, per step and per interval bound: a median of forecasts is not
 * pulled by one member that goes astray (a trend extrapolated too far), which a mean is.
 */
class EnsembleModel implements ForecastModel {
  readonly family = 'ensemble';
  constructor(private readonly auto: AutoModel) {}

  describe(): string {
    const names = this.auto.members.map((m) => m.model.describe());
    return names.length === 1 ? `ensemble: ${names[0]}` : `ensemble: median of ${names.join(', ')}`;
  }

  forecast(h: number, levels: readonly number[] = DEFAULT_LEVELS): Forecast {
    checkHorizon(h);
    checkLevels(levels);
    const parts = this.auto.members.map((m) => m.model.forecast(h, levels));
    const column = new Float64Array(parts.length);
    const medianOf = (pick: (f: Forecast) => Float64Array) =>
      Float64Array.from({ length: h }, (_, j) => {
        parts.forEach((f, i) => (column[i] = pick(f)[j]));
        return median(column);
      });
    const lower: Record<number, Float64Array> = {};
    const upper: Record<number, Float64Array> = {};
    for (const l of levels) {
      lower[l] = medianOf((f) => f.lower[l]);
      upper[l] = medianOf((f) => f.upper[l]);
    }
    return { mean: medianOf((f) => f.mean), lower, upper };
  }

  update(newValues: ArrayLike<number>): ForecastModel {
    return new EnsembleModel(this.auto.update(newValues) as AutoModel);
  }

  toJSON(): EnsembleJson {
    return { family: 'ensemble', version: 1, auto: this.auto.toJSON() };
  }
}

export const ensembleFamily: ForecastFamily = {
  name: 'ensemble',
  fit(y, opts = {}) {
    const k = opts.params?.k ?? forecastDefaults('ensemble').k;
    if (typeof k !== 'number' || !Number.isInteger(k) || k < 2) throw new ForecastInputError('params.k', `must be a whole number, at least 2 (got ${String(k)})`);
    // auto's candidates and backtest, keeping its best k: one candidate machinery for both families.
    return new EnsembleModel(fitAuto(y, { ...opts, params: undefined, combine: k }) as AutoModel);
  },
  fromJSON(json) {
    const j = expectFamily<EnsembleJson>(json, 'ensemble');
    return new EnsembleModel(autoFamily.fromJSON(j.auto) as AutoModel);
  },
};
