import { mapForecast } from './intervals';
import type { Forecast, Forecaster, ForecastModel, ModelJson } from './types';

/**
 * A model fitted to log(y), answering on the original scale. Exponentiated quantiles stay quantiles, so the
 * intervals carry over; the point forecast becomes the median, which suits series that grow by percentages.
 */
export class LogModel implements Forecaster {
  constructor(readonly inner: ForecastModel) {}

  describe(): string {
    return `${this.inner.describe()} on log values`;
  }

  forecast(h: number, levels?: readonly number[]): Forecast {
    return mapForecast(this.inner.forecast(h, levels), Math.exp);
  }

  update(newValues: ArrayLike<number>): LogModel {
    return new LogModel(this.inner.update(Array.from(newValues, Math.log)));
  }

  toJSON(): ModelJson {
    return this.inner.toJSON();
  }
}
