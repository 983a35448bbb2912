import type { HostContext } from '../handlers/types';
import { startForecast } from './forecast-service';
import { startRecommend } from './recommend-service';
import { startRun } from './run-service';

/** Trains a run again from exactly what it stored: a forecast as a forecast, a recommender as a recommender, any other as a tabular run. */
export function rerun(ctx: HostContext, ref: string): { runId: string; jobId: string } {
  const id = ctx.repos.runs.resolve(ref);
  const forecast = ctx.repos.runs.forecastArgs(id);
  if (forecast) return startForecast(ctx, forecast);
  const recommend = ctx.repos.runs.recommendArgs(id);
  return recommend ? startRecommend(ctx, recommend) : startRun(ctx, ctx.repos.runs.args(id));
}
