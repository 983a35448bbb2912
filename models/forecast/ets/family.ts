import { ForecastInputError } from '../errors';
import { checkHorizon, checkLevels, DEFAULT_LEVELS } from '../intervals';
import { expectFamily } from '../json';
import { requireObserved } from '../residuals';
import type { FitOptions, Forecast, ForecastFamily, ForecastModel, ModelJson } from '../types';
import { estimateEts, type EtsFit } from './estimate';
import { etsForecast } from './intervals';
import { etsPatternOf } from './params';
import { EtsRecursion, type EtsParams } from './recursion';
import { candidateSpecs, checkSpec, parseEtsPattern, specName, type EtsSpec } from './spec';

export interface EtsFitOptions extends FitOptions {
  /**
   * A model such as 'MAM', 'AAdN', or a pattern with some Z (chosen by AICc). Overrides `params`
   * (error/trend/season, each 'auto' by default, i.e. 'ZZZ').
   */
  model?: string;
}

export interface EtsJson extends ModelJson {
  family: 'ets';
  spec: EtsSpec;
  period: number;
  params: EtsParams;
  /** State after the last value seen; season[0] is the factor of the next step. */
  state: { level: number; trend: number; season: number[] };
  sigma2: number;
  loglik: number;
  aicc: number;
  /** Training values the parameters were estimated on. */
  n: number;
  seed: number;
  /** AICc of every model tried, for the run report. */
  candidates: { model: string; aicc: number }[];
}

export class EtsModel implements ForecastModel {
  readonly family = 'ets';
  constructor(readonly s: EtsJson) {}

  describe(): string {
    return specName(this.s.spec);
  }

  forecast(h: number, levels: readonly number[] = DEFAULT_LEVELS): Forecast {
    checkHorizon(h);
    checkLevels(levels);
    const { spec, params, period, sigma2, seed } = this.s;
    return etsForecast(spec, params, this.state(), period, sigma2, h, levels, seed);
  }

  update(newValues: ArrayLike<number>): EtsModel {
    const rec = new EtsRecursion(this.s.spec, this.s.params, this.state());
    for (let i = 0; i < newValues.length; i++) rec.observe(newValues[i], rec.predict());
    const st = rec.state();
    return new EtsModel({ ...this.s, state: { level: st.level, trend: st.trend, season: Array.from(st.season) } });
  }

  toJSON(): EtsJson {
    return structuredClone(this.s);
  }

  private state() {
    const st = this.s.state;
    return { level: st.level, trend: st.trend, season: Float64Array.from(st.season) };
  }
}

/** Fits every admissible model matching the pattern (or the parameters) and keeps the lowest AICc. */
export function fitEts(y: Float64Array, opts: EtsFitOptions = {}): EtsModel {
  const m = opts.seasonalPeriod ?? 1;
  if (!Number.isInteger(m) || m < 1) throw new ForecastInputError('seasonalPeriod', `must be a whole number, at least 1 (got ${m})`);
  requireObserved(y, 3, 'ETS');
  const pattern = parseEtsPattern(opts.model ?? etsPatternOf(opts.params));
  let positive = true;
  for (const v of y) if (v <= 0) positive = false;
  const specs = candidateSpecs(pattern, m, positive);
  // Components chosen by AICc are admissible by construction; a fixed one may not be, and is named.
  for (const spec of specs) checkSpec(spec, m, positive);
  if (specs.length === 0) {
    // Only a multiplicative season with additive errors (asked for, or all that non-positive data allows) gets here.
    checkSpec({ error: pattern.error === 'Z' ? 'A' : pattern.error, trend: 'N', season: 'M' }, m, positive);
  }
  let best: EtsFit | null = null;
  const candidates: EtsJson['candidates'] = [];
  for (const spec of specs) {
    const fit = estimateEts(y, spec, m);
    if (!fit) continue;
    candidates.push({ model: specName(spec), aicc: fit.aicc });
    if (!best || fit.aicc < best.aicc || (!Number.isFinite(best.aicc) && fit.loglik > best.loglik)) best = fit;
  }
  if (!best) throw new ForecastInputError('values', `no ETS model (${specs.map(specName).join(', ')}) could be fitted to this series`);
  return new EtsModel({
    family: 'ets', version: 1, spec: best.spec, period: best.period, params: best.params,
    state: { level: best.final.level, trend: best.final.trend, season: Array.from(best.final.season) },
    sigma2: best.sigma2, loglik: best.loglik, aicc: best.aicc, n: best.n, seed: opts.seed ?? 1, candidates,
  });
}

export const etsFamily: ForecastFamily = {
  name: 'ets',
  fit: (y, opts) => fitEts(y, opts),
  fromJSON: (json) => new EtsModel(expectFamily<EtsJson>(json, 'ets')),
};
