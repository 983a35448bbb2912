import { seasonalIndices } from '../decompose';
import type { EtsState } from './recursion';
import type { EtsSpec } from './spec';

/**
 * Starting states for the optimiser, as R's ets finds them (Hyndman et al. 2008, §2.6.1): seasonal indices from
 * a classical decomposition of the first (up to) three seasons, then a straight line through the first
 * max(10, 2m) seasonally adjusted values gives the level (its value at time 0) and the trend.
 */
export function initialStates(y: ArrayLike<number>, spec: EtsSpec, m: number): EtsState {
  const n = y.length;
  let season: Float64Array = new Float64Array(0);
  let adjusted: ArrayLike<number> = y;
  if (spec.season !== 'N') {
    const seasons = Math.max(2, Math.min(3, Math.floor(n / m)));
    const head = Array.prototype.slice.call(y, 0, seasons * m) as number[];
    season = seasonalIndices(head, m, spec.season === 'A' ? 'additive' : 'multiplicative');
    if (spec.season === 'M') season = season.map((s) => Math.max(s, 1e-2));
    const s = season;
    adjusted = Float64Array.from({ length: n }, (_, t) => (spec.season === 'A' ? y[t] - s[t % m] : y[t] / s[t % m]));
  }
  const maxn = Math.min(Math.max(10, 2 * m), n);
  let sx = 0, sy = 0, sxx = 0, sxy = 0, k = 0;
  for (let t = 0; t < maxn; t++) {
    const v = adjusted[t];
    if (Number.isNaN(v)) continue;
    const x = t + 1;
    sx += x;
    sy += v;
    sxx += x * x;
    sxy += x * v;
    k++;
  }
  if (spec.trend === 'N' || k < 2) return { level: sy / k, trend: 0, season };
  const slope = (k * sxy - sx * sy) / (k * sxx - sx * sx);
  let level = (sy - slope * sx) / k;
  let trend = slope;
  // Multiplicative errors divide by the first forecast l0 + b0: keep it off zero.
  if (Math.abs(level + trend) < 1e-8) {
    level *= 1 + 1e-3;
    trend *= 1 - 1e-3;
  }
  return { level, trend, season };
}
