import { ApiError } from '../../../shared/api/errors';
import type { Task } from '../protocol';

/** The job kind is in the contract; the task that forecasts from a stored model replaces this one. */
export const forecastPredictTask: Task<'forecast.predict'> = async () => {
  throw new ApiError('unavailable', 'Forecasting future values of a stored forecast model is not available yet', { field: 'model' });
};
