import { ApiError } from '../../../shared/api/errors';
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
  // The contract states it (shared/api/jobs.ts has its job kind); the job that answers it is not in this build yet.
  'forecast.predict': () => {
    throw new ApiError('unavailable', 'Forecasting future values of a stored forecast model is not available yet', { field: 'model' });
  },
};
