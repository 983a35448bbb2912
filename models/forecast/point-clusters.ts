/**
 * Which forecast points are the same evidence. Rolling origins one step apart forecast each time from
 * several origins: those points share the actual value (and the shock in it), so a bootstrap that draws
 * them one by one counts one surprise many times. Points of one series for one target time form a
 * cluster, and the paired bootstrap (models/stats/ab.ts) resamples clusters.
 */
import { gridTimestamp, type Frequency } from './frequency';

export interface ForecastPointsIndex {
  series: ArrayLike<number>;
  /** Grid time (epoch ms) of each point's origin, its first forecast step. */
  origin: ArrayLike<number>;
  /** 1-based steps ahead. */
  step: ArrayLike<number>;
}

/** A cluster id per point (0 … count − 1, in order of first appearance) by series and target time. */
export function targetTimeClusters(points: ForecastPointsIndex, frequency: Frequency): { ids: Uint32Array; count: number } {
  const n = points.series.length;
  const ids = new Uint32Array(n);
  const seen = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const key = `${points.series[i]}|${gridTimestamp(frequency, points.origin[i], points.step[i] - 1)}`;
    let id = seen.get(key);
    if (id === undefined) seen.set(key, (id = seen.size));
    ids[i] = id;
  }
  return { ids, count: seen.size };
}
