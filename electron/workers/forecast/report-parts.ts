/** Pieces of a forecast run's report: metrics as the DTO names them, points, thinned history, residual ACF, components. */
import type { ForecastMetricsDto, ForecastPointDto, ForecastSeriesReportDto } from '../../../shared/api/forecast-dto';
import type { Accuracy } from '../../../models/forecast/accuracy';
import type { Forecast, ForecastModel, Timeline } from '../../../models/forecast/types';

/** mae, rmse, mape, smape, mase, then coverageL and winklerL per level, in the units of shared/metric-units. */
export function metricsDto(a: Accuracy, levels: readonly number[]): ForecastMetricsDto {
  const out: ForecastMetricsDto = { mae: a.mae, rmse: a.rmse, mape: a.mape, smape: a.smape, mase: a.mase };
  for (const l of levels) out[`coverage${l}`] = a.intervals[l]?.coverage ?? NaN;
  for (const l of levels) out[`winkler${l}`] = a.intervals[l]?.winkler ?? NaN;
  return out;
}

/** The first `steps` points of a forecast from grid index `from`, with actual values where given. */
export function forecastPoints(f: Forecast, timeline: Timeline, from: number, steps: number, levels: readonly number[], actual?: ArrayLike<number>): ForecastPointDto[] {
  const out: ForecastPointDto[] = [];
  for (let j = 0; j < steps; j++) {
    const lower: Record<string, number> = {};
    const upper: Record<string, number> = {};
    for (const l of levels) {
      lower[l] = f.lower[l][j];
      upper[l] = f.upper[l][j];
    }
    const a = actual && j < actual.length ? actual[j] : NaN;
    out.push({ t: timeline.time(from + j), mean: f.mean[j], lower, upper, actual: Number.isNaN(a) ? null : a });
  }
  return out;
}

/** Every k-th index of 0..n−1 so at most `max` remain, the last always kept (for drawing). */
export function thinIndices(n: number, max: number): number[] {
  const stride = Math.max(1, Math.ceil(n / Math.max(1, max)));
  const out: number[] = [];
  for (let i = 0; i < n; i += stride) out.push(i);
  if (n > 0 && out[out.length - 1] !== n - 1) out.push(n - 1);
  return out;
}

export function historyOf(y: Float64Array, length: number, timeline: Timeline, max: number): ForecastSeriesReportDto['history'] {
  return thinIndices(length, max)
    .filter((i) => !Number.isNaN(y[i]))
    .map((i) => ({ t: timeline.time(i), y: y[i] }));
}

/** Autocorrelation at lags 1..maxLag (missing residuals skipped pairwise), with the ±1.96/√n band. */
export function acf(e: ArrayLike<number>, maxLag: number): { acf: ForecastSeriesReportDto['residualAcf']; band: number } {
  const xs = Array.from(e).filter((v) => Number.isFinite(v));
  const n = xs.length;
  if (n < 4) return { acf: [], band: NaN };
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  const c0 = xs.reduce((a, v) => a + (v - mean) ** 2, 0);
  const out: ForecastSeriesReportDto['residualAcf'] = [];
  for (let lag = 1; lag <= Math.min(maxLag, n - 1); lag++) {
    let c = 0;
    for (let t = lag; t < n; t++) c += (xs[t] - mean) * (xs[t - lag] - mean);
    out.push({ lag, value: c0 > 0 ? c / c0 : 0 });
  }
  return { acf: out, band: 1.96 / Math.sqrt(n) };
}

/** Most one-step residuals replayed per series (the fit covers the rest). */
const MAX_REPLAY = 1000;

/**
 * One-step forecast errors over the later part of the training data: a model fitted on the first part
 * (at least half, and two seasons) forecasts one step, sees the value, and moves on. Models need not
 * expose in-sample fitted values for this; parameters are fixed at that first fit.
 */
export function oneStepResiduals(y: Float64Array, train: number, period: number, fit: (prefix: Float64Array) => ForecastModel): Float64Array {
  const cut = Math.max(Math.ceil(train / 2), 2 * period + 2, 3, train - MAX_REPLAY);
  if (train - cut < 4) return new Float64Array(0);
  let model = fit(y.slice(0, cut));
  const e = new Float64Array(train - cut);
  for (let t = cut; t < train; t++) {
    e[t - cut] = y[t] - model.forecast(1, []).mean[0];
    model = model.update(y.subarray(t, t + 1));
  }
  return e;
}

/** The model's components over what it has seen plus the horizon, on grid times (thinned for drawing). */
export function componentsOf(model: ForecastModel, timeline: Timeline, h: number, max: number): ForecastSeriesReportDto['components'] {
  if (!model.components) return [];
  return model.components(h).map((c) => {
    const keep = thinIndices(c.values.length, max);
    return {
      name: c.name,
      t: keep.map((i) => timeline.time(i)),
      values: keep.map((i) => c.values[i]),
      ...(c.changepoints ? { changepoints: c.changepoints.map((p) => ({ t: timeline.time(p.index), delta: p.delta })) } : {}),
    };
  });
}
