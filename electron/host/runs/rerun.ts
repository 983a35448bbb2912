import type { HostContext } from '../handlers/types';
import { startForecast } from './forecast-service';
import { startRun } from './run-service';

/** Trains a run again from exactly what it stored: a forecast run as a forecast, any other as a tabular run. */
export function rerun(ctx: HostContext, ref: string): { runId: string; jobId: string } {
  const id = ctx.repos.runs.resolve(ref);
  const forecast = ctx.repos.runs.forecastArgs(id);
  return forecast ? startForecast(ctx, forecast) : startRun(ctx, ctx.repos.runs.args(id));
}
