/**
 * The gbdt forecasting family: one histogram gradient-boosted model across all series on lags, rolling
 * statistics, calendar parts, covariates, events and a series index; recursive multi-step forecasts; conformal
 * intervals per step from the model's own forecasts on the training tail.
 */
import { forecastDefaults } from '../../../shared/families/forecast';
import { ForecastInputError } from '../errors';
import { SEASONAL_PERIODS } from '../frequency';
import { checkHorizon } from '../intervals';
import { expectFamily } from '../json';
import type { FitOptions, GlobalFamily, Timeline } from '../types';
import { sortedScores } from './conformal';
import { calendarParts, memoryOf, type FeatureSpec, type GbdtTarget, type SeriesView } from './features';
import { GbdtGlobalModel, type GbdtCore, type GbdtForecastJson, type MemberState } from './model';
import { forecastOrigins } from './recursive';
import { buildRows, trainStage, type Rows } from './train';

export interface PanelInput {
  y: Float64Array;
  timeline: Timeline;
}

/** Calibration scores per step wanted in all (over series × origins) for steady 95 % quantiles. */
const SCORES_PER_STEP = 100;

interface Plan {
  spec: FeatureSpec;
  scales: number[];
  horizon: number;
  /** Tail length held out of the first fit (0: too short to calibrate) and origins per series on it. */
  tail: number;
  origins: number;
}

function checkInput(series: readonly PanelInput[]): void {
  if (series.length === 0) throw new ForecastInputError('values', 'needs at least one series');
  series.forEach((s, i) => {
    if (!s.timeline) throw new ForecastInputError('timeline', `series ${i + 1} has no timeline; boosted trees read time, covariates and events from it`);
  });
  const names = series[0].timeline.covariates.join('\u0000');
  series.forEach((s, i) => {
    if (s.timeline.covariates.join('\u0000') !== names) {
      throw new ForecastInputError('timeline', `series ${i + 1} has covariates ${s.timeline.covariates.join(', ') || 'none'}; series 1 has ${series[0].timeline.covariates.join(', ') || 'none'}`);
    }
  });
}

function resolveParams(opts: FitOptions) {
  const p = { ...forecastDefaults('gbdt'), ...(opts.params ?? {}) } as ReturnType<typeof forecastDefaults<'gbdt'>>;
  if (!Number.isInteger(p.lags) || p.lags < 0) throw new ForecastInputError('params.lags', `must be a whole number, at least 0 (got ${p.lags})`);
  if (!Number.isInteger(p.trees) || p.trees < 1) throw new ForecastInputError('params.trees', `must be a whole number, at least 1 (got ${p.trees})`);
  if (p.target !== 'level' && p.target !== 'difference') throw new ForecastInputError('params.target', `must be 'level' or 'difference' (got ${String(p.target)})`);
  return p;
}

function meanAbs(y: Float64Array): number {
  let sum = 0, n = 0;
  for (const v of y) if (!Number.isNaN(v)) (sum += Math.abs(v)), n++;
  const scale = n > 0 ? sum / n : NaN;
  return Number.isFinite(scale) && scale > 0 ? scale : 1;
}

function plan(series: readonly PanelInput[], opts: FitOptions, lagsParam: number, target: GbdtTarget): Plan {
  const timeline = series[0].timeline;
  const m = Math.max(1, Math.round(opts.seasonalPeriod ?? opts.seasonalPeriods?.[0] ?? SEASONAL_PERIODS[timeline.frequency][0] ?? 1));
  const horizon = opts.horizon ?? (m > 1 ? 2 * m : 10);
  checkHorizon(horizon);
  const shortest = Math.min(...series.map((s) => s.y.length));
  const lags = lagsParam > 0 ? lagsParam : Math.max(1, Math.min(Math.max(7, 2 * m), Math.floor(shortest / 3)));
  series.forEach((s, i) => {
    if (s.y.length < lags + 2) {
      throw new ForecastInputError('values', `series ${i + 1} has ${s.y.length} values; ${lags} lags need at least ${lags + 2}`);
    }
  });
  const windows = [...new Set([3, m])].filter((w) => w >= 2 && w <= Math.max(2, Math.floor(shortest / 2)));
  const events = new Set<string>();
  for (const s of series) {
    for (let t = 0; t < s.y.length; t++) {
      const e = s.timeline.event(t);
      if (e !== null) events.add(e);
    }
  }
  const spec: FeatureSpec = {
    lags, windows, calendar: calendarParts(timeline.frequency),
    covariates: timeline.covariates.map((name) => ({ name, knownFuture: timeline.knownFuture.has(name) })),
    events: [...events].sort(), seriesCount: series.length, target,
  };
  // The first fit keeps at least max(lags, 10) rows of the shortest series and half of it.
  const maxTail = Math.min(Math.floor(shortest / 2), shortest - lags - Math.max(lags, 10));
  const origins = Math.min(Math.ceil(SCORES_PER_STEP / series.length), maxTail - horizon + 1);
  return { spec, scales: series.map((s) => meanAbs(s.y)), horizon, tail: origins >= 1 ? horizon + origins - 1 : 0, origins: Math.max(0, origins) };
}

/** |actual − forecast| per step (scaled) of forecasts from `origins` origins on each series' last `tail` values. */
function backtestScores(core: Pick<GbdtCore, 'spec' | 'model'>, views: readonly SeriesView[], p: Plan): number[][] {
  const starts = views.flatMap((v) => Array.from({ length: p.origins }, (_, w) => ({ view: v, origin: v.known - p.tail + w })));
  const paths = forecastOrigins(core.model, core.spec, starts.map(({ view, origin }) => ({ ...view, origin })), p.horizon);
  return Array.from({ length: p.horizon }, (_, j) =>
    sortedScores(starts.map(({ view, origin }, r) => view.values[origin + j] - paths[r][j])));
}

/** One-step in-sample residuals, for series too short to hold a tail out. */
function inSampleScores(core: Pick<GbdtCore, 'model'>, rows: Rows): number[][] {
  const predicted = core.model.predict(rows.X, rows.nRows);
  return [sortedScores(Array.from(rows.y, (y, i) => y - predicted[i]))];
}

export function fitGbdtForecast(series: readonly PanelInput[], opts: Omit<FitOptions, 'timeline'> = {}): GbdtGlobalModel {
  checkInput(series);
  const p = resolveParams(opts);
  const pl = plan(series, opts, p.lags, p.target as GbdtTarget);
  const { spec } = pl;
  const views: SeriesView[] = series.map((s, i) => ({
    seriesIndex: i, timeline: s.timeline, values: s.y.map((v) => v / pl.scales[i]), start: 0, known: s.y.length,
  }));
  const n = (s: number) => series[s].y.length;
  const stage = { learningRate: p.learningRate, maxDepth: p.maxDepth, seed: opts.seed ?? 0, shouldStop: opts.shouldStop };
  const allRows = () => buildRows(spec, views, () => spec.lags, n);

  let core: GbdtCore;
  if (pl.tail > 0) {
    // Fit on all but the tail, stopping on the tail's one-step error; calibrate on its multi-step forecasts.
    const head = buildRows(spec, views, () => spec.lags, (s) => n(s) - pl.tail);
    const tail = buildRows(spec, views, (s) => Math.max(spec.lags, n(s) - pl.tail), n);
    const first = trainStage(spec, head, tail, {
      ...stage, trees: p.trees,
      onTree(iter, metrics) {
        opts.onProgress?.((0.6 * (iter + 1)) / p.trees, `tree ${iter + 1} of at most ${p.trees} (before the tail)`);
        opts.onMetrics?.(iter, metrics.valid === undefined ? { train: metrics.train } : { train: metrics.train, valid: metrics.valid });
      },
    });
    const scores = backtestScores({ spec, model: first.model }, views, pl);
    const calibration = { source: 'backtest' as const, scores, origins: pl.origins };
    core = { spec, model: first.model, calibration, info: { trainRows: head.nRows, rounds: first.rounds, cancelled: first.cancelled } };
    if (!first.cancelled) {
      // Refit on everything with the rounds the tail chose.
      const rows = allRows();
      const final = trainStage(spec, rows, null, {
        ...stage, trees: first.rounds,
        onTree: (iter) => opts.onProgress?.(0.65 + (0.35 * (iter + 1)) / first.rounds, `tree ${iter + 1} of ${first.rounds}`),
      });
      // Stopped during the refit: the complete first model serves, fitted without the tail.
      if (final.cancelled) core = { ...core, info: { ...core.info, cancelled: true } };
      else core = { spec, model: final.model, calibration, info: { trainRows: rows.nRows, rounds: final.rounds, cancelled: false } };
    }
  } else {
    const rows = allRows();
    const only = trainStage(spec, rows, null, {
      ...stage, trees: p.trees,
      onTree: (iter) => opts.onProgress?.((iter + 1) / p.trees, `tree ${iter + 1} of ${p.trees}`),
    });
    const calibration = { source: 'in-sample' as const, scores: inSampleScores(only, rows), origins: 0 };
    core = { spec, model: only.model, calibration, info: { trainRows: rows.nRows, rounds: only.rounds, cancelled: only.cancelled } };
  }
  const memory = memoryOf(spec);
  const states: MemberState[] = series.map((s, i) => ({
    seriesIndex: i, length: s.y.length, scale: pl.scales[i],
    recent: Array.from(s.y.subarray(Math.max(0, s.y.length - memory)), (v) => (Number.isNaN(v) ? null : v)),
  }));
  return new GbdtGlobalModel(core, states, series.map((s) => s.timeline));
}

export const gbdtFamily: GlobalFamily = {
  name: 'gbdt',
  fit: (series, opts) => fitGbdtForecast(series, opts),
  fromJSON: (json, timelines) => GbdtGlobalModel.fromJSON(expectFamily<GbdtForecastJson>(json, 'gbdt'), timelines),
};
