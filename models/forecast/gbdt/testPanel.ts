/** Seeded synthetic panels for the gbdt forecasting tests. */
import { gaussian, mulberry32 } from '../../split/prng';
import { makeTimeline } from '../timeline';
import type { Timeline } from '../types';

export const DAY = 86_400_000;
/** A Monday. */
export const START = Date.UTC(2024, 0, 1);

export interface PanelSeries {
  y: Float64Array;
  timeline: Timeline;
}

export interface PanelOptions {
  series: number;
  length: number;
  seed: number;
  /** Additive effect of a known-future promo flag (on about one day in eight); 0 = no promo covariate. */
  promo?: number;
  /** Extra grid steps the timelines (promo flags) run past the data. */
  future?: number;
  /** Levels of the first and last series (geometric in between); default 10 and 1,000. */
  levels?: [number, number];
}

const WEEK = [1.0, 1.1, 1.05, 1.0, 1.2, 1.5, 0.7];

/** Daily series with a weekly pattern, levels spread geometrically (10 to 1,000 by default), AR(1) noise of 5 % of the level, a mild trend. */
export function weeklyPanel(o: PanelOptions): { series: PanelSeries[]; promos: Float64Array[] } {
  const rand = mulberry32(o.seed);
  const series: PanelSeries[] = [];
  const promos: Float64Array[] = [];
  for (let s = 0; s < o.series; s++) {
    const [lo, hi] = o.levels ?? [10, 1000];
    const level = lo * Math.pow(hi / lo, s / Math.max(1, o.series - 1));
    const trend = (rand() - 0.5) * 0.004 * level;
    const promo = Float64Array.from({ length: o.length + (o.future ?? 0) }, () => (o.promo && rand() < 0.125 ? 1 : 0));
    const y = new Float64Array(o.length);
    let noise = 0;
    for (let t = 0; t < o.length; t++) {
      noise = 0.5 * noise + 0.05 * level * gaussian(rand);
      y[t] = level * WEEK[t % 7] + trend * t + noise + (o.promo ?? 0) * promo[t];
    }
    const covariates = o.promo ? [{ name: 'promo', values: promo, knownFuture: true }] : [];
    series.push({ y, timeline: makeTimeline({ frequency: 'daily', start: START, covariates }) });
    promos.push(promo);
  }
  return { series, promos };
}
