import { FORECAST_MODEL_SPECS, forecastDefaults } from '../../shared/families/forecast';
import { isSeasonal, seasonalIndices } from './decompose';
import { ForecastInputError } from './errors';
import { fitEts } from './ets/family';
import { EtsRecursion } from './ets/recursion';
import { applyCalibration, calibrateFamily, defaultHorizon, type IntervalCalibration } from './calibration';
import { checkHorizon, DEFAULT_LEVELS, mapForecast, normalForecast } from './intervals';
import { expectFamily } from './json';
import { requireObserved } from './residuals';
import type { FitOptions, Forecast, ForecastFamily, ForecastModel, ModelJson } from './types';

export interface ThetaJson extends ModelJson {
  family: 'theta';
  period: number;
  /** How the series was seasonally adjusted before the Theta lines were fitted. */
  adjustment: 'none' | 'multiplicative' | 'additive';
  /** Seasonal indices in the order they will be used: season[0] belongs to the next step. */
  season: number[];
  /** The theta line's weight: 2 is the standard method; estimated when `optimized`. Absent in older artifacts (2). */
  theta?: number;
  optimized?: boolean;
  /** Simple exponential smoothing of the adjusted series. */
  alpha: number;
  level: number;
  sigma2: number;
  /** (1 − 1/θ) × the slope of the least-squares line through the adjusted series (θ = 2: half the slope). */
  drift: number;
  /** Values seen, for the drift's start-up term (1 − (1 − α)^n)/α. */
  n: number;
  /** Its own backtest on the training tail, widening intervals that covered too little there. Absent in older artifacts. */
  calibration?: IntervalCalibration;
}

const ses = { error: 'A', trend: 'N', season: 'N' } as const;

/**
 * The Theta method (Assimakopoulos & Nikolopoulos 2000) in the form Hyndman & Billah (2003) showed it to be, and
 * R's thetaf computes: simple exponential smoothing with a drift of (1 − 1/θ) times the linear trend (θ = 2:
 * half), on the series seasonally adjusted by classical multiplicative decomposition when the lag-m
 * autocorrelation says it is seasonal. Intervals are those of the SES model, re-seasonalised, then widened by the
 * calibration of its own backtest where they covered too little there.
 */
class ThetaModel implements ForecastModel {
  readonly family = 'theta';
  constructor(private readonly s: ThetaJson) {}

  describe(): string {
    const { theta = 2, optimized } = this.s;
    const name = optimized ? `Optimized Theta (θ = ${theta.toFixed(2)})` : theta === 2 ? 'Theta' : `Theta (θ = ${theta})`;
    return this.s.adjustment === 'none' ? name : `${name}, ${this.s.adjustment} seasonal adjustment (${this.s.period})`;
  }

  forecast(h: number, levels: readonly number[] = DEFAULT_LEVELS): Forecast {
    checkHorizon(h);
    const { alpha, level, sigma2, drift, n } = this.s;
    const startup = (1 - (1 - alpha) ** n) / alpha;
    const mean = Float64Array.from({ length: h }, (_, j) => level + drift * (j + startup));
    const sd = Float64Array.from({ length: h }, (_, j) => Math.sqrt(sigma2 * (1 + alpha * alpha * j)));
    const adjusted = levels.length > 0 ? normalForecast(mean, sd, levels) : { mean, lower: {}, upper: {} };
    return applyCalibration(mapForecast(adjusted, (v, j) => this.reseasonalise(v, j)), this.s.calibration);
  }

  update(newValues: ArrayLike<number>): ForecastModel {
    const rec = new EtsRecursion(ses, { alpha: this.s.alpha, beta: 0, gamma: 0, phi: 1 }, { level: this.s.level, trend: 0, season: new Float64Array(0) });
    for (let i = 0; i < newValues.length; i++) rec.observe(this.adjust(newValues[i], i), rec.predict());
    const m = this.s.season.length;
    const season = Array.from({ length: m }, (_, j) => this.s.season[(j + newValues.length) % m]);
    return new ThetaModel({ ...this.s, level: rec.level, season, n: this.s.n + newValues.length });
  }

  toJSON(): ThetaJson {
    return structuredClone(this.s);
  }

  private adjust(v: number, step: number): number {
    const { adjustment, season } = this.s;
    if (adjustment === 'none') return v;
    const s = season[step % season.length];
    return adjustment === 'multiplicative' ? v / s : v - s;
  }

  private reseasonalise(v: number, step: number): number {
    const { adjustment, season } = this.s;
    if (adjustment === 'none') return v;
    const s = season[step % season.length];
    return adjustment === 'multiplicative' ? v * s : v + s;
  }
}

/** The least-squares slope of y on time (missing values left out). */
function slope(y: ArrayLike<number>): number {
  let sx = 0, sy = 0, sxx = 0, sxy = 0, k = 0;
  for (let t = 0; t < y.length; t++) {
    if (Number.isNaN(y[t])) continue;
    sx += t;
    sy += y[t];
    sxx += t * t;
    sxy += t * y[t];
    k++;
  }
  const d = k * sxx - sx * sx;
  return d > 0 ? (k * sxy - sx * sy) / d : 0;
}

/** Largest theta line weight w = 1 − 1/θ the optimizer may reach (θ = 100). */
const MAX_WEIGHT = 0.99;
const ALPHA_LO = 0.01;
const ALPHA_HI = 0.99;

interface OptimizedFit {
  alpha: number;
  /** w = 1 − 1/θ. */
  weight: number;
  level: number;
  sse: number;
  count: number;
}

/**
 * One-step errors of SES with drift w·b for one α are linear in the initial level ℓ0 and in w:
 * e_t = x_t − s_t − ℓ0·c_t − w·g_t, where s is SES started from 0, c_t the weight ℓ0 still has and
 * g_t = b(1 − (1 − α)^t)/α the drift's start-up. So ℓ0 and w are a small least-squares problem, w kept in
 * [0, MAX_WEIGHT] (θ ≥ 1, as Fiorucci et al.), and only α needs a search.
 */
function fitForAlpha(x: ArrayLike<number>, b: number, alpha: number): OptimizedFit {
  let s = 0, c = 1;
  let rc = 0, rg = 0, cc = 0, cg = 0, gg = 0, rr = 0, count = 0;
  for (let t = 0; t < x.length; t++) {
    const g = (b * (1 - (1 - alpha) ** t)) / alpha;
    if (!Number.isNaN(x[t])) {
      const r = x[t] - s;
      rc += r * c; rg += r * g; cc += c * c; cg += c * g; gg += g * g; rr += r * r;
      count++;
      s = alpha * x[t] + (1 - alpha) * s;
      c *= 1 - alpha;
    }
  }
  const sseOf = (l0: number, w: number) => rr - 2 * l0 * rc - 2 * w * rg + l0 * l0 * cc + 2 * l0 * w * cg + w * w * gg;
  const det = cc * gg - cg * cg;
  let weight = det > 1e-12 * cc * gg ? (cc * rg - cg * rc) / det : 0;
  weight = Math.min(MAX_WEIGHT, Math.max(0, weight));
  const level0 = (rc - weight * cg) / cc;
  return { alpha, weight, level: s + c * level0, sse: Math.max(0, sseOf(level0, weight)), count };
}

/** α by a coarse grid then golden-section search around the best point (the error is smooth in α, rarely bimodal). */
function optimizeTheta(x: ArrayLike<number>): OptimizedFit {
  const b = slope(x);
  const grid = 24;
  const at = (i: number) => ALPHA_LO + ((ALPHA_HI - ALPHA_LO) * i) / grid;
  let best = fitForAlpha(x, b, at(0));
  let bestI = 0;
  for (let i = 1; i <= grid; i++) {
    const f = fitForAlpha(x, b, at(i));
    if (f.sse < best.sse) [best, bestI] = [f, i];
  }
  let lo = at(Math.max(0, bestI - 1));
  let hi = at(Math.min(grid, bestI + 1));
  const ratio = (Math.sqrt(5) - 1) / 2;
  let a = hi - ratio * (hi - lo), fa = fitForAlpha(x, b, a);
  let c = lo + ratio * (hi - lo), fc = fitForAlpha(x, b, c);
  for (let k = 0; k < 40 && hi - lo > 1e-6; k++) {
    if (fa.sse <= fc.sse) {
      hi = c; c = a; fc = fa;
      a = hi - ratio * (hi - lo); fa = fitForAlpha(x, b, a);
    } else {
      lo = a; a = c; fa = fc;
      c = lo + ratio * (hi - lo); fc = fitForAlpha(x, b, c);
    }
  }
  for (const f of [fa, fc]) if (f.sse < best.sse) best = f;
  return best;
}

/** θ from the model's parameters (schema default when omitted): 0 asks for the optimized method. */
function thetaParam(params: Readonly<Record<string, unknown>> = {}): number {
  const spec = FORECAST_MODEL_SPECS.theta.params.theta;
  const theta = params.theta ?? forecastDefaults('theta').theta;
  if (typeof theta !== 'number' || !(theta >= spec.min && theta <= spec.max)) {
    throw new ForecastInputError('params.theta', `must be a number from ${spec.min} to ${spec.max}, 0 for optimized (got ${String(theta)})`);
  }
  return theta;
}

/** The Theta model's state as fitted on y, without calibration. */
function fitThetaState(y: Float64Array, opts: FitOptions): ThetaJson {
  const m = opts.seasonalPeriod ?? 1;
  if (!Number.isInteger(m) || m < 1) throw new ForecastInputError('seasonalPeriod', `must be a whole number, at least 1 (got ${m})`);
  const thetaAsked = thetaParam(opts.params);
  requireObserved(y, 4, 'the Theta method');
  const n = y.length;
  let adjustment: ThetaJson['adjustment'] = 'none';
  let indices: Float64Array = new Float64Array(0);
  if (isSeasonal(y, m)) {
    adjustment = y.every((v) => Number.isNaN(v) || v > 0) ? 'multiplicative' : 'additive';
    indices = seasonalIndices(y, m, adjustment);
  }
  const at = (t: number) => indices[t % m];
  const x = adjustment === 'none' ? y : y.map((v, t) => (adjustment === 'multiplicative' ? v / at(t) : v - at(t)));
  const season = adjustment === 'none' ? [] : Array.from({ length: m }, (_, j) => at(n + j));
  const base = { family: 'theta', version: 1, period: m, adjustment, season, n } as const;
  if (thetaAsked === 0) {
    // Optimized Theta (Fiorucci et al. 2016): θ and the smoothing chosen together by in-sample one-step MSE.
    const f = optimizeTheta(x);
    const k = 3; // α, w, ℓ0
    return {
      ...base, theta: 1 / (1 - f.weight), optimized: true, alpha: f.alpha, level: f.level,
      sigma2: f.sse / Math.max(1, f.count - k), drift: f.weight * slope(x),
    };
  }
  // A fixed θ: α of simple exponential smoothing by maximum likelihood, as R's thetaf and statsmodels.
  const fit = fitEts(x, { model: 'ANN' }).s;
  return {
    ...base, theta: thetaAsked, optimized: false,
    alpha: fit.params.alpha, level: fit.state.level, sigma2: fit.sigma2, drift: (1 - 1 / thetaAsked) * slope(x),
  };
}

/** Theta without calibration: auto's candidate (auto calibrates its combined forecast itself) and the backtest's fit. */
export const uncalibratedThetaFamily: ForecastFamily = {
  name: 'theta',
  fit: (y, opts = {}) => new ThetaModel(fitThetaState(y, opts)),
  fromJSON: (json) => new ThetaModel(expectFamily<ThetaJson>(json, 'theta')),
};

export const thetaFamily: ForecastFamily = {
  name: 'theta',
  fit(y, opts = {}) {
    const state = fitThetaState(y, opts);
    const calibration = calibrateFamily(y, (train) => new ThetaModel(fitThetaState(train, opts)), {
      seasonalPeriod: state.period,
      horizon: defaultHorizon(opts.horizon, state.period),
    });
    return new ThetaModel(calibration ? { ...state, calibration } : state);
  },
  fromJSON: uncalibratedThetaFamily.fromJSON,
};
