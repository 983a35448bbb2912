import { simulatePaths } from './intervals';
import type { EtsParams, EtsState } from './recursion';
import type { EtsSpec } from './spec';

/** One series of length n simulated from an ETS model (for tests): the model's own recursion with N(0, σ²) errors. */
export function simulateEts(spec: EtsSpec, params: EtsParams, start: EtsState, sigma: number, n: number, seed: number): Float64Array {
  return simulatePaths(spec, params, start, sigma, n, 1, seed);
}
