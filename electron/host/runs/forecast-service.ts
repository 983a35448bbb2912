import { randomUUID } from 'node:crypto';
import type { ForecastArgs } from '../../../shared/api/methods/forecast';
import type { ForecastFrequency } from '../../../shared/api/forecast-dto';
import type { HostContext } from '../handlers/types';
import { APP_VERSION } from '../version';
import { resolveForecast, type ResolvedForecast } from './resolve-forecast';
import { runLifecycle, type RunExtras } from './run-service';
import { datasetStamp } from './dataset-stamp';

function versions(ctx: HostContext): Record<string, string> {
  const sqlite = (ctx.db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
  return { lathe: APP_VERSION, node: process.versions.node, sqlite, electron: process.versions.electron ?? '' };
}

/** What the run stores: the contract's arguments, resolved (datasets by id, seasons and parameters explicit). */
function storedArgs(spec: ResolvedForecast): ForecastArgs {
  const { datasetId: _d, testDatasetId: _t, ...args } = spec;
  return args;
}

/**
 * Records a forecast run and fits it in a worker ('forecast.train'). The model, report and scored
 * points are written together, only when the job succeeded; a failed or cancelled run keeps none.
 */
export function startForecast(ctx: HostContext, args: ForecastArgs, extras: RunExtras = {}): { runId: string; jobId: string } {
  const spec = resolveForecast(ctx, args);
  const dataset = ctx.repos.datasets.get(spec.datasetId);
  const runId = randomUUID();
  ctx.repos.runs.createForecast({ id: runId, datasetId: spec.datasetId, testDatasetId: spec.testDatasetId, args: storedArgs(spec), ...datasetStamp(dataset), versions: versions(ctx), sweepId: extras.sweepId });
  return forecastJob(ctx, runId, spec, `Forecast ${spec.target} of ${dataset.name} (${spec.model}, ${spec.horizon} steps)`, false, extras);
}

/** The job of a forecast run, new or resumed from its checkpoint (the caller reopened the run). */
export function forecastJob(ctx: HostContext, runId: string, spec: ResolvedForecast, title: string, resume: boolean, extras: RunExtras = {}): { runId: string; jobId: string } {
  const life = runLifecycle(ctx, runId, extras);
  return life.attach(() =>
    ctx.jobs.start('forecast.train', title, { ...spec, runId, ...(resume ? { resume } : {}) }, {
      onMetrics: life.onMetrics,
      onSucceeded: (r) => {
        ctx.repos.runs.completeForecast(runId, r);
        life.changedAndEnded();
        return {
          runId, task: 'forecast' as const, model: spec.model, frequency: r.report.frequency as ForecastFrequency, horizon: spec.horizon,
          metrics: r.report.metrics, durationMs: Math.round(r.durationMs),
        };
      },
      onFinished: life.onFinished,
    }),
  );
}
