import { featureCount, featureRow, rampRow, scaledTime, type Design } from './design';
import type { MapFit } from './fit';
import type { Timeline } from '../types';

/** What the fitted function is made of at one grid index, on the scaled y. */
export interface PointParts {
  t: number;
  /** Trend g(t). */
  trend: number;
  /** Σ of the multiplicative terms (the trend is multiplied by 1 + this). */
  mult: number;
  /** Σ of the additive terms. */
  add: number;
  /** Each feature's term x_j β_j, in design order. */
  terms: Float64Array;
}

export type FittedCoefficients = Omit<MapFit, 'iterations'>;

/** Evaluates the fitted model at grid indices (scratch buffers reused across calls). */
export class PointEvaluator {
  private readonly ramps: Float64Array;
  private readonly row: Float64Array;
  private readonly seasonalEnd: number;

  constructor(
    private readonly d: Design,
    private readonly c: FittedCoefficients,
    private readonly timeline: Timeline,
    multiplicative: boolean,
  ) {
    this.ramps = new Float64Array(d.changepoints.length);
    this.row = new Float64Array(featureCount(d));
    this.seasonalEnd = multiplicative ? d.seasonalities.reduce((s, x) => s + 2 * x.order, 0) : 0;
  }

  trendAt(t: number): number {
    rampRow(this.d, t, this.ramps);
    let g = this.c.k * t + this.c.m;
    for (let j = 0; j < this.ramps.length; j++) g += this.c.delta[j] * this.ramps[j];
    return g;
  }

  at(i: number): PointParts {
    const t = scaledTime(this.d, this.timeline, i);
    const trend = this.trendAt(t);
    featureRow(this.d, this.timeline, i, this.row);
    const terms = new Float64Array(this.row.length);
    let mult = 0, add = 0;
    for (let j = 0; j < this.row.length; j++) {
      terms[j] = this.row[j] * this.c.beta[j];
      if (j < this.seasonalEnd) mult += terms[j];
      else add += terms[j];
    }
    return { t, trend, mult, add, terms };
  }

  /** The fitted value on the scaled y. */
  value(p: PointParts): number {
    return p.trend * (1 + p.mult) + p.add;
  }
}
