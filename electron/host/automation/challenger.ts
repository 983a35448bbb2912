/**
 * The challenger of a plan run: the champion's recorded spec on the new data, as the champion's own kind
 * of run (a forecast, a recommender, a tabular or text run), and which training job to wait for. A forecast
 * with a short horizon backtests enough origins to be judged (planForecastWindows). Kinds a
 * plan cannot judge are refused here, before anything trains, with the reason.
 */
import type { HostContext } from '../handlers/types';
import { startRun } from '../runs/run-service';
import { startForecast } from '../runs/forecast-service';
import { startRecommend } from '../runs/recommend-service';
import { PlanFailure } from './source';
import { planForecastWindows } from '../../../shared/automation/plan';

export type ChampionKind = 'forecast' | 'recommend' | 'tabular' | 'text';
export type TrainJobKind = 'runs.train' | 'forecast.train' | 'recommend.train';

export interface Challenger {
  runId: string;
  jobId: string;
  job: TrainJobKind;
}

/** What kind of model the champion is, or a failure naming what it is and what plans retrain. */
export function championKind(ctx: HostContext, runId: string, label: string): ChampionKind {
  const { runs } = ctx.repos;
  const forecast = runs.forecastArgs(runId);
  if (forecast) {
    if (forecast.testDataset) {
      throw new PlanFailure(`${label} is a forecast evaluated on a test dataset; plans judge forecasts on backtest origins of the new data, so train the champion without a test dataset`);
    }
    return 'forecast';
  }
  if (runs.recommendArgs(runId)) return 'recommend';
  const format = runs.artifact<{ format?: string }>(runId, 'model')?.format;
  if (format === 'lathe-model') return 'tabular';
  if (format === 'lathe-text-artifact') return 'text';
  const family = runs.get(runId, 0).family;
  throw new PlanFailure(`${label} is ${family === 'ensemble' ? 'an ensemble' : `a ${family ?? 'model of unknown kind'}`}; plans retrain tabular, text, forecast and recommender models`);
}

/** Starts the champion's recorded spec on `datasetId`, continuing from the champion when `warm`. */
export function startChallenger(ctx: HostContext, kind: ChampionKind, championRunId: string, datasetId: string, warm: boolean): Challenger {
  const { runs } = ctx.repos;
  const warmStartFrom = warm ? championRunId : undefined;
  if (kind === 'forecast') {
    const args = runs.forecastArgs(championRunId)!;
    const windows = planForecastWindows(args.windows, args.horizon);
    return { ...startForecast(ctx, { ...args, windows, dataset: datasetId, warmStartFrom }), job: 'forecast.train' };
  }
  if (kind === 'recommend') {
    return { ...startRecommend(ctx, { ...runs.recommendArgs(championRunId)!, dataset: datasetId, warmStartFrom }), job: 'recommend.train' };
  }
  return { ...startRun(ctx, { ...runs.args(championRunId), dataset: datasetId, warmStartFrom }), job: 'runs.train' };
}
