/**
 * What a stored metric's number means, for every task: the run's metrics, its report, sweep trials,
 * registry versions and comparisons all hold the same units, and every formatter reads them here.
 */
export type MetricUnit = 'fraction' | 'percent' | 'plain';

/**
 * MAPE, for tabular regression and forecasts alike: a fraction of the actual value (0.031 reads
 * "3.1 %"), as scikit-learn's mean_absolute_percentage_error returns it; actual values of 0 are left out.
 */
export const MAPE_UNIT: MetricUnit = 'fraction';
/** sMAPE, 200|a − f| / (|a| + |f|): in percent (0–200), as the forecasting literature writes it. */
export const SMAPE_UNIT: MetricUnit = 'percent';

/** A metric's unit by its key: MAPE and a forecast's interval coverage (coverage95) are fractions, sMAPE is in percent. */
export function metricUnit(key: string): MetricUnit {
  if (key === 'mape') return MAPE_UNIT;
  if (key === 'smape') return SMAPE_UNIT;
  return /^coverage\d+$/.test(key) ? 'fraction' : 'plain';
}

/** The value in percent where the metric reads as a percentage, else null. */
export function inPercent(key: string, v: number): number | null {
  const unit = metricUnit(key);
  return unit === 'fraction' ? v * 100 : unit === 'percent' ? v : null;
}
