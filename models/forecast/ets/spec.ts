import { ForecastInputError } from '../errors';

export type ErrorType = 'A' | 'M';
export type TrendType = 'N' | 'A' | 'Ad';
export type SeasonType = 'N' | 'A' | 'M';

/** One member of the ETS class: additive or multiplicative errors, no / additive / damped trend, no / additive / multiplicative season. */
export interface EtsSpec {
  error: ErrorType;
  trend: TrendType;
  season: SeasonType;
}

/** A spec where any component may be 'Z': chosen by AICc. */
export interface EtsPattern {
  error: ErrorType | 'Z';
  trend: TrendType | 'Z';
  season: SeasonType | 'Z';
}

/** Longest season ETS estimates (as R's ets): each season adds a state to optimise. */
export const MAX_ETS_PERIOD = 24;

export function specName(s: EtsSpec): string {
  return `ETS(${s.error},${s.trend},${s.season})`;
}

/** Reads 'ZZZ', 'MAM', 'AAdN', 'ANN'… (error, trend, season; Z = choose). */
export function parseEtsPattern(text: string): EtsPattern {
  const m = /^([AMZ])(Ad|[NAZ])([NAMZ])$/.exec(text);
  if (!m) throw new ForecastInputError('model', `"${text}" is not an ETS model: error A/M/Z, trend N/A/Ad/Z, season N/A/M/Z, e.g. MAM or ZZZ`);
  return { error: m[1] as EtsPattern['error'], trend: m[2] as EtsPattern['trend'], season: m[3] as EtsPattern['season'] };
}

/**
 * The admissible models matching a pattern: multiplicative components need strictly positive data, seasonal ones
 * a period of 2..MAX_ETS_PERIOD, and additive errors never meet a multiplicative season (infinite forecast variance,
 * excluded as in R's ets).
 */
export function candidateSpecs(pattern: EtsPattern, period: number, positive: boolean): EtsSpec[] {
  const errors: ErrorType[] = pattern.error === 'Z' ? (positive ? ['A', 'M'] : ['A']) : [pattern.error];
  const trends: TrendType[] = pattern.trend === 'Z' ? ['N', 'A', 'Ad'] : [pattern.trend];
  const seasonal = period >= 2 && period <= MAX_ETS_PERIOD;
  const seasons: SeasonType[] = pattern.season === 'Z' ? (seasonal ? (positive ? ['N', 'A', 'M'] : ['N', 'A']) : ['N']) : [pattern.season];
  const out: EtsSpec[] = [];
  for (const error of errors) for (const trend of trends) for (const season of seasons) {
    if (error === 'A' && season === 'M') continue;
    out.push({ error, trend, season });
  }
  return out;
}

/** Checks one requested model against the data, naming what rules it out. */
export function checkSpec(spec: EtsSpec, period: number, positive: boolean): void {
  if ((spec.error === 'M' || spec.season === 'M') && !positive) {
    throw new ForecastInputError('model', `${specName(spec)} has multiplicative components and needs strictly positive values`);
  }
  if (spec.season !== 'N' && (period < 2 || period > MAX_ETS_PERIOD)) {
    throw new ForecastInputError('seasonalPeriod', `${specName(spec)} needs a seasonal period of 2 to ${MAX_ETS_PERIOD} (got ${period})`);
  }
  if (spec.error === 'A' && spec.season === 'M') {
    throw new ForecastInputError('model', `${specName(spec)} (additive errors, multiplicative season) has infinite forecast variance`);
  }
}

/** Linear models with additive errors: their forecast variance has a closed form (Hyndman et al. 2008, class 1). */
export function isClassOne(spec: EtsSpec): boolean {
  return spec.error === 'A' && spec.season !== 'M';
}
