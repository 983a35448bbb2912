import { mulberry32, gaussian } from '../../split/prng';
import { normalForecast, simulatedForecast } from '../intervals';
import type { Forecast } from '../types';
import { EtsRecursion, type EtsParams, type EtsState } from './recursion';
import { isClassOne, type EtsSpec } from './spec';

/** Sample paths behind simulated intervals (R's ets uses 5,000). */
export const SIMULATION_PATHS = 5000;

/**
 * Forecast variance of a linear additive-error model: σ²(1 + Σ_{j<h} c_j²), where c_j is how much a unit
 * error now moves the forecast j steps later (Hyndman et al. 2008, ch. 6). The c_j come from running the
 * recursion itself on a zero state hit by one unit error, so every class-1 model is covered by one routine.
 */
export function classOneVariance(spec: EtsSpec, params: EtsParams, m: number, sigma2: number, h: number): Float64Array {
  const zero: EtsState = { level: 0, trend: 0, season: new Float64Array(spec.season === 'N' ? 0 : m) };
  const rec = new EtsRecursion(spec, params, zero);
  rec.observe(1, rec.predict());
  const v = new Float64Array(h);
  let sum = 1;
  for (let j = 0; j < h; j++) {
    v[j] = sigma2 * sum;
    const c = rec.predict();
    rec.observe(NaN, c);
    sum += c * c;
  }
  return v;
}

/** Simulates `paths` futures of h steps from `state` with N(0, σ²) errors; path p, step j at out[p·h + j]. */
export function simulatePaths(spec: EtsSpec, params: EtsParams, state: EtsState, sigma: number, h: number, paths: number, seed: number): Float64Array {
  const rand = mulberry32(seed);
  const out = new Float64Array(paths * h);
  for (let p = 0; p < paths; p++) {
    const rec = new EtsRecursion(spec, params, state);
    for (let j = 0; j < h; j++) {
      const yhat = rec.predict();
      const e = sigma * gaussian(rand);
      const y = spec.error === 'A' ? yhat + e : yhat * (1 + e);
      out[p * h + j] = y;
      rec.observe(y, yhat);
    }
  }
  return out;
}

/** Point forecasts and intervals: analytic for class-1 models, simulated (seeded) for the rest. */
export function etsForecast(
  spec: EtsSpec, params: EtsParams, state: EtsState, m: number, sigma2: number, h: number, levels: readonly number[], seed: number,
): Forecast {
  const mean = new EtsRecursion(spec, params, state).forecastMean(h);
  if (levels.length === 0) return { mean, lower: {}, upper: {} };
  if (isClassOne(spec)) {
    const sd = classOneVariance(spec, params, m, sigma2, h).map(Math.sqrt);
    return normalForecast(mean, sd, levels);
  }
  const paths = simulatePaths(spec, params, state, Math.sqrt(sigma2), h, SIMULATION_PATHS, seed);
  return simulatedForecast(mean, paths, SIMULATION_PATHS, levels);
}
