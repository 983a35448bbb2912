import { applyCalibration, type IntervalCalibration } from '../calibration';
import { ForecastInputError } from '../errors';
import { checkHorizon, DEFAULT_LEVELS, simulatedForecast } from '../intervals';
import type { Component, Forecast, ForecastModel, ModelJson, Timeline } from '../types';
import type { Design, DesignNotes } from './design';
import type { DecomposableParams } from './params';
import { PointEvaluator, type FittedCoefficients, type PointParts } from './predict';
import { simulatePaths } from './simulate';

export interface DecomposableJson extends ModelJson {
  family: 'decomposable';
  params: DecomposableParams;
  seed: number;
  /** Length of the fitted history (grid indices 0 .. n − 1). */
  n: number;
  /** Grid points seen, fitted history and updates: forecasts start at this index. */
  seen: number;
  /** y was divided by this (max |y|) for the fit; coefficients are on that scale. */
  yScale: number;
  design: Design;
  notes: DesignNotes;
  coef: FittedCoefficients;
  /** Residuals (y units) of the latest observed values `update` was given, at most `anchorWindow` of them. */
  recent: number[];
  anchorWindow: number;
  /** Its own backtest on the training tail, widening intervals that covered too little there. Absent in older artifacts. */
  calibration?: IntervalCalibration;
}

/**
 * Prophet-like decomposable model: the fitted function of time, evaluated on the timeline.
 * `update(values)` keeps every parameter and the trend as fitted (it continues past the history), moves the
 * forecast origin on by values.length, and shifts forecasts by the mean residual of the latest observed
 * values it was given (up to `anchorWindow`, one longest season) — a level anchor; a freshly fitted model has none.
 */
export class DecomposableModel implements ForecastModel {
  readonly family = 'decomposable';
  private readonly eval: PointEvaluator;

  constructor(
    private readonly s: DecomposableJson,
    private readonly timeline: Timeline,
  ) {
    this.eval = new PointEvaluator(s.design, s.coef, timeline, s.params.seasonalityMode === 'multiplicative');
  }

  describe(): string {
    const { design: d, notes, params } = this.s;
    const parts = [params.seasonalityMode, `${d.changepoints.length} changepoints`];
    if (d.seasonalities.length) parts.push(d.seasonalities.map((x) => `${x.name} ${x.order}`).join(', '));
    if (d.holidays.length) parts.push(`${d.holidays.length} holiday${d.holidays.length > 1 ? 's' : ''}`);
    if (d.regressors.length) parts.push(`regressors ${d.regressors.map((r) => r.name).join(', ')}`);
    if (notes.pastOnlyCovariates.length) parts.push(`past-only covariates not used (unknown in the future): ${notes.pastOnlyCovariates.join(', ')}`);
    if (notes.constantCovariates.length) parts.push(`constant covariates not used: ${notes.constantCovariates.join(', ')}`);
    if (notes.droppedPeriods.length) parts.push(`seasons longer than the history left out: ${notes.droppedPeriods.join(', ')}`);
    return `decomposable (${parts.join('; ')})`;
  }

  /** The level anchor update() set: mean residual of the latest values it was given (0 after fit). */
  get anchor(): number {
    const r = this.s.recent;
    return r.length ? r.reduce((a, b) => a + b, 0) / r.length : 0;
  }

  /** The fitted value (y units, without the anchor) at a grid index. */
  fitted(i: number): number {
    return this.s.yScale * this.eval.value(this.eval.at(i));
  }

  forecast(h: number, levels: readonly number[] = DEFAULT_LEVELS): Forecast {
    checkHorizon(h);
    const { seen, yScale, coef, design, seed } = this.s;
    const steps: PointParts[] = [];
    const mean = new Float64Array(h);
    const offset = this.anchor;
    for (let j = 0; j < h; j++) {
      const p = this.eval.at(seen + j);
      steps.push(p);
      mean[j] = yScale * this.eval.value(p) + offset;
    }
    // Point forecasts only (e.g. one-step residual replays): no paths to draw.
    if (levels.length === 0) return { mean, lower: {}, upper: {} };
    const meanAbsDelta = coef.delta.length ? coef.delta.reduce((a, b) => a + Math.abs(b), 0) / coef.delta.length : 0;
    const paths = simulatePaths({ steps, changepoints: design.changepoints.length, meanAbsDelta, sigma: coef.residualSd, yScale, offset, seed });
    return applyCalibration(simulatedForecast(mean, paths, paths.length / h, levels), this.s.calibration);
  }

  /** The same model with intervals widened by this calibration. */
  withCalibration(calibration: IntervalCalibration): DecomposableModel {
    return new DecomposableModel({ ...this.s, calibration }, this.timeline);
  }

  update(newValues: ArrayLike<number>): DecomposableModel {
    const recent = [...this.s.recent];
    for (let i = 0; i < newValues.length; i++) {
      const v = newValues[i];
      if (Number.isNaN(v)) continue;
      recent.push(v - this.fitted(this.s.seen + i));
    }
    const keep = recent.slice(Math.max(0, recent.length - this.s.anchorWindow));
    return new DecomposableModel({ ...this.s, seen: this.s.seen + newValues.length, recent: keep }, this.timeline);
  }

  /**
   * Trend, each season, holidays, each regressor (and the level anchor, once update set one) over the seen history
   * then h steps, in y units: they add up to the fitted values and the forecast.
   */
  components(h: number): Component[] {
    if (!Number.isInteger(h) || h < 0) throw new ForecastInputError('horizon', `must be a whole number of steps, at least 0 (got ${h})`);
    const { design: d, yScale, coef, n } = this.s;
    const len = this.s.seen + h;
    const multiplicative = this.s.params.seasonalityMode === 'multiplicative';
    const trend = new Float64Array(len);
    const seasons = d.seasonalities.map(() => new Float64Array(len));
    const holidays = new Float64Array(len);
    const regressors = d.regressors.map(() => new Float64Array(len));
    for (let i = 0; i < len; i++) {
      const p = this.eval.at(i);
      trend[i] = yScale * p.trend;
      let c = 0;
      d.seasonalities.forEach((s, k) => {
        let v = 0;
        for (let q = 0; q < 2 * s.order; q++) v += p.terms[c++];
        seasons[k][i] = yScale * (multiplicative ? p.trend * v : v);
      });
      for (let q = 0; q < d.holidays.length; q++) holidays[i] += yScale * p.terms[c++];
      for (let q = 0; q < d.regressors.length; q++) regressors[q][i] = yScale * p.terms[c++];
    }
    // Rate change in y units per grid step (one step is 1 / (n − 1) of the scaled time).
    const perStep = yScale / Math.max(1, n - 1);
    const out: Component[] = [
      { name: 'trend', values: trend, changepoints: d.changepoints.map((cp, j) => ({ index: cp.index, delta: coef.delta[j] * perStep })) },
      ...d.seasonalities.map((s, k) => ({ name: s.name, values: seasons[k] })),
    ];
    if (d.holidays.length) out.push({ name: 'holidays', values: holidays });
    d.regressors.forEach((r, q) => out.push({ name: r.name, values: regressors[q] }));
    // After update, forecasts carry the level anchor: its own piece, so the pieces still add up to them.
    const anchor = this.anchor;
    if (anchor !== 0) out.push({ name: 'level anchor', values: Float64Array.from({ length: len }, (_, i) => (i >= this.s.seen ? anchor : 0)) });
    return out;
  }

  toJSON(): DecomposableJson {
    return structuredClone(this.s);
  }
}
