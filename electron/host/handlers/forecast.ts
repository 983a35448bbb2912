import path from 'node:path';
import { ApiError } from '../../../shared/api/errors';
import { refuseOverwrite } from '../../data/output-files';
import { resolveModelRef } from './export';
import { detectSeries } from '../../data/forecast/detect';
import { startForecast } from '../runs/forecast-service';
import type { HandlerGroup } from './types';

export const forecastHandlers: HandlerGroup<'forecast.detect' | 'forecast.start' | 'forecast.predict'> = {
  /** Reads the time, target and series columns only; fits nothing. */
  'forecast.detect': (args, ctx) => {
    const datasetId = ctx.repos.datasets.resolve(args.dataset, 'dataset');
    return detectSeries(ctx.db, datasetId, { time: args.time, target: args.target, series: args.series }, args.duplicates).dto;
  },
  'forecast.start': (args, ctx) => startForecast(ctx, args),
  /** Future values of a stored forecast model as CSV; the job id at once. */
  'forecast.predict': (args, ctx) => {
    const { runId } = resolveModelRef(ctx, args.model);
    const model = ctx.repos.runs.artifact<{ kind?: unknown }>(runId, 'model');
    if (model?.kind !== 'forecast') {
      throw new ApiError('bad_request', `${args.model} is not a forecast model; predict a tabular model from a CSV with models.predict`, { field: 'model' });
    }
    const historyDatasetId = args.history ? ctx.repos.datasets.resolve(args.history, 'history') : null;
    const out = path.resolve(args.out);
    // Refused at once rather than after the model is loaded; the worker checks again.
    refuseOverwrite([out], args.force, path.dirname(out));
    const title = `Forecast ${args.horizon} steps with ${args.model}`;
    const job = ctx.jobs.start('forecast.predict', title, { runId, horizon: args.horizon, historyDatasetId, out, force: args.force });
    return { jobId: job.id };
  },
};
