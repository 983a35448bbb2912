/**
 * Turns what a user asked for (dialog, CLI, re-run) into the complete forecast run the worker fits:
 * datasets by id, every column checked, the series read once to check they can carry the horizon,
 * the backtest and the seasons, and every model parameter resolved from its schema. Stored as is.
 */
import { ApiError } from '../../../shared/api/errors';
import type { ForecastArgs } from '../../../shared/api/methods/forecast';
import type { ForecastJobArgs } from '../../../shared/api/jobs';
import type { ForecastModelId } from '../../../shared/families/forecast';
import { checkForecastColumns } from '../../data/forecast/columns';
import { detectSeries } from '../../data/forecast/detect';
import { seriesLabel, type GridSeries } from '../../data/forecast/series';
import type { HostContext } from '../handlers/types';
import { resolveForecastWarmStart } from './warm-start';
import { resolveForecastParams } from './forecast-params';

export type ResolvedForecast = Omit<ForecastJobArgs, 'runId'>;

/** Models that use no season: every other one models the seasons it is given. */
const NON_SEASONAL: ReadonlySet<ForecastModelId> = new Set(['naive', 'drift']);
/** Fewest points any model is fitted on. */
const MIN_FIT_POINTS = 3;

export function resolveForecast(ctx: HostContext, args: ForecastArgs): ResolvedForecast {
  const datasetId = ctx.repos.datasets.resolve(args.dataset, 'dataset');
  const testDatasetId = args.testDataset ? ctx.repos.datasets.resolve(args.testDataset, 'testDataset') : null;
  const roles = { time: args.time, target: args.target, series: args.series, covariates: args.covariates, futureCovariates: args.futureCovariates, events: args.events };
  checkForecastColumns(ctx.repos.datasets.columns(datasetId), roles);
  if (testDatasetId) checkForecastColumns(ctx.repos.datasets.columns(testDatasetId), roles, 'testDataset');
  const params = resolveForecastParams(args.model, args.params);
  const { series } = detectSeries(ctx.db, datasetId, roles, args.duplicates);
  const fit = firstFitPoints(series, args, testDatasetId !== null);
  const season = resolveSeasons(series, args, fit);
  const warmStartFrom = args.warmStartFrom ? resolveForecastWarmStart(ctx, args.warmStartFrom, args) : undefined;
  // Field by field: a caller's object may carry more than the contract.
  return {
    dataset: datasetId, datasetId, testDataset: testDatasetId ?? undefined, testDatasetId,
    time: args.time, target: args.target, series: args.series, covariates: args.covariates, futureCovariates: args.futureCovariates, events: args.events,
    horizon: args.horizon, model: args.model, season, levels: [...args.levels].sort((a, b) => a - b), refit: args.refit, windows: args.windows,
    duplicates: args.duplicates, params, seed: args.seed, warmStartFrom,
  };
}

interface FirstFit {
  /** Points the first model of the shortest series is fitted on. */
  points: number;
  series: GridSeries;
  /** How those points came about, for messages. */
  why: string;
}

/**
 * Without a test dataset the first model is fitted before the first backtest origin:
 * n − horizon − (windows − 1) points (origins one step apart); with one, on all the training data.
 */
function firstFitPoints(series: readonly GridSeries[], args: ForecastArgs, hasTest: boolean): FirstFit {
  let shortest = series[0];
  for (const s of series) if (s.series.values.length < shortest.series.values.length) shortest = s;
  const n = shortest.series.values.length;
  const label = seriesLabel(shortest.id, args.series);
  if (hasTest) {
    if (n < MIN_FIT_POINTS) throw new ApiError('bad_request', `${cap(label)} has ${n} points; forecasting needs at least ${MIN_FIT_POINTS}`, { field: 'dataset' });
    return { points: n, series: shortest, why: `${label} has ${n} points` };
  }
  const points = n - args.horizon - (args.windows - 1);
  const why = `${label} has ${n} points; a backtest of ${args.windows} window${args.windows === 1 ? '' : 's'} at horizon ${args.horizon} leaves ${points} before its first origin`;
  if (points < MIN_FIT_POINTS) {
    throw new ApiError('bad_request', `${cap(why)}, fewer than the ${MIN_FIT_POINTS} a model needs: lower the horizon or the windows, or give a test dataset`, {
      field: args.horizon > args.windows ? 'horizon' : 'windows',
    });
  }
  return { points, series: shortest, why };
}

/** The given seasons, checked; or those proposed from the frequency that two seasons of data can carry. */
function resolveSeasons(series: readonly GridSeries[], args: ForecastArgs, fit: FirstFit): number[] {
  const needs = (p: number) => Math.ceil(2 * p);
  if (args.season === undefined) return series[0].series.seasonalPeriods.filter((p) => fit.points >= needs(p));
  if (NON_SEASONAL.has(args.model)) return [...args.season];
  for (const p of args.season) {
    if (fit.points < needs(p)) {
      throw new ApiError('bad_request', `${cap(fit.why)}, fewer than two seasons of ${p} (${needs(p)} points); give a shorter season or more data`, { field: 'season' });
    }
  }
  return [...args.season];
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
