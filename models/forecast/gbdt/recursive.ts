/**
 * Recursive multi-step forecasts: each step's prediction becomes a lag of the next. Many origins (series, or
 * backtest origins of one series) advance together so each step is one batched pass over the trees.
 */
import type { GbdtModel } from '../../gbdt/model';
import type { Timeline } from '../types';
import { featureNames, levelFrom, memoryOf, writeFeatureRow, type FeatureSpec, type SeriesView } from './features';

export interface Origin {
  seriesIndex: number;
  timeline: Timeline;
  /** Scaled values of grid indices start .. origin − 1 (at least the model's memory of them). */
  values: ArrayLike<number>;
  start: number;
  /** Grid index of the first forecast step: the values seen so far. */
  origin: number;
}

/** Scaled point forecasts, h per origin: out[o][j] is step j + 1 after origin o. */
export function forecastOrigins(model: GbdtModel, spec: FeatureSpec, origins: readonly Origin[], h: number): Float64Array[] {
  const width = featureNames(spec).length;
  const memory = memoryOf(spec);
  // Each origin's last `memory` values followed by room for its h predictions.
  const views: SeriesView[] = origins.map((o) => {
    const buffer = new Float64Array(memory + h).fill(NaN);
    const from = Math.max(o.start, o.origin - memory);
    for (let i = from; i < o.origin; i++) buffer[i - (o.origin - memory)] = o.values[i - o.start];
    return { seriesIndex: o.seriesIndex, timeline: o.timeline, values: buffer, start: o.origin - memory, known: o.origin };
  });
  const X = new Float32Array(origins.length * width);
  const out = origins.map(() => new Float64Array(h));
  for (let j = 0; j < h; j++) {
    for (let r = 0; r < views.length; r++) writeFeatureRow(spec, views[r], origins[r].origin + j, X, r * width);
    const predicted = model.predict(X, views.length);
    for (let r = 0; r < views.length; r++) {
      const t = origins[r].origin + j;
      const z = levelFrom(spec, views[r], t, predicted[r]);
      (views[r].values as Float64Array)[memory + j] = z;
      out[r][j] = z;
    }
  }
  return out;
}
