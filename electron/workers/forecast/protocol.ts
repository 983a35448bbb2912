/**
 * The evaluation protocol, one for every model so that two runs on the same data compare point by point.
 *
 * Without a test dataset: a rolling-origin backtest on the training tail, `windows` origins one step
 * apart, the last leaving exactly `horizon` training values; each origin forecasts `horizon` steps.
 *
 * With a test dataset T (later rows of the same series): origins run one step apart from the end of the
 * training data through T, the last leaving `horizon` values of T (or the first alone when T is shorter
 * than the horizon); each forecasts the next steps that lie in T, at most `horizon`. T as long as the
 * horizon is a single forecast.
 *
 * Either way the model is fitted on the values before the first origin; at each later origin it is
 * refitted (refit 'every', or every N origins) or keeps its parameters and has its state moved on with
 * every value before the origin (`update`). Nothing at or after an origin is read before it is forecast.
 * MASE scales each origin's errors by the in-sample seasonal naive error of the values before it.
 */
import type { ForecastJobArgs } from '../../../shared/api/jobs';
import { AccuracyAccumulator, type Accuracy } from '../../../models/forecast/accuracy';
import type { Forecast, ForecastModel } from '../../../models/forecast/types';
import type { FitInput, Fitted } from './fit-models';
import type { PreparedSeries } from './series-input';

/** The grid indices of one series' origins. */
export function planOrigins(s: Pick<PreparedSeries, 'y' | 'train'>, args: Pick<ForecastJobArgs, 'horizon' | 'windows'>, hasTest: boolean): number[] {
  const h = args.horizon;
  if (hasTest) {
    if (s.y.length === s.train) return [];
    const last = Math.max(s.train, s.y.length - h);
    return Array.from({ length: last - s.train + 1 }, (_, k) => s.train + k);
  }
  const first = s.train - h - (args.windows - 1);
  return Array.from({ length: args.windows }, (_, k) => first + k);
}

/** Where the scored values of an origin end: the end of T, or of the training data in a backtest. */
export function evaluationEnd(s: Pick<PreparedSeries, 'y' | 'train'>, hasTest: boolean): number {
  return hasTest ? s.y.length : s.train;
}

/** One origin's forecast and the actual values it is scored on (at most `horizon`, those that exist). */
export interface ScoredOrigin {
  series: number;
  origin: number;
  forecast: Forecast;
  actual: Float64Array;
  /** MASE's denominator at this origin. */
  scale: number;
}

export interface ProtocolResult {
  overall: Accuracy;
  /** Pooled over series and origins, one per step ahead (1-based). */
  perStep: (Accuracy & { step: number })[];
  /** Each series' model after its last origin, state moved on with every value (null: no origins). */
  models: (ForecastModel | null)[];
}

export interface ProtocolHooks {
  fit(inputs: FitInput[], originIndex: number): Promise<Fitted | null>;
  onOrigin?(o: ScoredOrigin): void;
  onProgress?(done: number, total: number): void;
  shouldStop?(): boolean;
}

function refitAt(k: number, refit: ForecastJobArgs['refit']): boolean {
  return k === 0 || refit === 'every' || (typeof refit === 'number' && k % refit === 0);
}

/** Runs the protocol over every series at once (global families refit across series). null: stopped. */
export async function runProtocol(
  series: readonly PreparedSeries[],
  args: Pick<ForecastJobArgs, 'horizon' | 'windows' | 'refit' | 'levels' | 'season'>,
  hasTest: boolean,
  hooks: ProtocolHooks,
): Promise<ProtocolResult | null> {
  const h = args.horizon;
  const period = args.season.length ? Math.max(1, Math.round(args.season[0])) : 1;
  const plans = series.map((s) => planOrigins(s, args, hasTest));
  const rounds = Math.max(0, ...plans.map((p) => p.length));
  const overall = new AccuracyAccumulator(args.levels);
  const perStep = Array.from({ length: h }, () => new AccuracyAccumulator(args.levels));
  const models: (ForecastModel | null)[] = series.map(() => null);
  const seen = series.map(() => 0);
  const scales = series.map((s) => new NaiveScale(s.y, period));
  for (let k = 0; k < rounds; k++) {
    if (hooks.shouldStop?.()) return null;
    hooks.onProgress?.(k, rounds);
    const active = series.map((_, i) => i).filter((i) => k < plans[i].length);
    for (const i of active) series[i].reveal(plans[i][k]);
    if (refitAt(k, args.refit)) {
      const fitted = await hooks.fit(active.map((i) => ({ id: series[i].id, y: series[i].y.slice(0, plans[i][k]), timeline: series[i].timeline })), k);
      if (!fitted) return null;
      active.forEach((i, j) => (models[i] = fitted.members[j]));
    } else {
      for (const i of active) models[i] = models[i]!.update(series[i].y.slice(seen[i], plans[i][k]));
    }
    for (const i of active) {
      const s = series[i];
      const origin = plans[i][k];
      seen[i] = origin;
      const forecast = models[i]!.forecast(h, args.levels);
      const actual = s.y.slice(origin, Math.min(origin + h, evaluationEnd(s, hasTest)));
      const scale = scales[i].before(origin);
      for (let j = 0; j < actual.length; j++) {
        overall.add(actual[j], forecast, j, scale);
        perStep[j].add(actual[j], forecast, j, scale);
      }
      hooks.onOrigin?.({ series: i, origin, forecast, actual, scale });
    }
  }
  // The state after every value, where the data went past the last origin (a test dataset's tail).
  series.forEach((s, i) => {
    if (hasTest && models[i] && seen[i] < s.y.length) {
      s.reveal(s.y.length);
      models[i] = models[i]!.update(s.y.slice(seen[i]));
    }
  });
  return { overall: overall.result(), perStep: perStep.map((a, j) => ({ step: j + 1, ...a.result() })), models };
}

/**
 * MASE's denominator, models/forecast/accuracy.ts `naiveScale` of the values before an origin, kept as
 * running sums since origins only move forward: the seasonal naive's mean absolute error (the naive's
 * while the values are no longer than one season).
 */
export class NaiveScale {
  private t = 0;
  private readonly sum = [0, 0];
  private readonly count = [0, 0];

  constructor(
    private readonly y: Float64Array,
    private readonly period: number,
  ) {}

  before(origin: number): number {
    const lags = [this.period, 1];
    for (; this.t < origin; this.t++) {
      lags.forEach((m, k) => {
        if (this.t < m) return;
        const d = Math.abs(this.y[this.t] - this.y[this.t - m]);
        if (!Number.isNaN(d)) {
          this.sum[k] += d;
          this.count[k]++;
        }
      });
    }
    const k = origin > this.period ? 0 : 1;
    return this.count[k] > 0 ? this.sum[k] / this.count[k] : NaN;
  }
}
