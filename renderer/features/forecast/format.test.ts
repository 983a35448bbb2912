import { describe, expect, it } from 'vitest';
import type { ForecastMetricsDto } from '../../../shared/api/forecast-dto';
import { formatMetricOf } from '../experiments/format';
import { metricColumns } from './format';

const m: ForecastMetricsDto = { mae: 12.5, rmse: 15.25, mape: 0.031, smape: 3.2, mase: 0.71, coverage95: 0.9, winkler95: 80 };
const text = (key: string) => metricColumns([95]).find((c) => c.key === key)!.format(m);

describe('backtest table columns', () => {
  it('print MAPE (a fraction) and sMAPE (in percent) as the run pages do', () => {
    expect(text('mape')).toBe('3.1 %');
    expect(text('mape')).toBe(formatMetricOf('mape', m.mape));
    expect(text('smape')).toBe('3.2 %');
    expect(text('mase')).toBe('0.71');
    expect(text('coverage95')).toBe('90.0 %');
  });

  it('print a missing MAPE (no nonzero actual) as a dash', () => {
    expect(metricColumns([95]).find((c) => c.key === 'mape')!.format({ ...m, mape: NaN })).toBe('—');
  });
});
