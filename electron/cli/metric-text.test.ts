import { describe, expect, it } from 'vitest';
import { metricText, metricsLine } from './metric-text';

describe('metrics as the CLI prints them', () => {
  it('prints MAPE (a fraction for every task) and sMAPE (in percent) as percentages', () => {
    expect(metricText('mape', 0.031)).toBe('3.100 %');
    expect(metricText('smape', 3.2)).toBe('3.200 %');
    expect(metricText('coverage95', 0.9)).toBe('90.00 %');
  });

  it('prints other metrics in their units and a missing value as a dash', () => {
    expect(metricsLine({ rmse: 47022.4, r2: 0.83612, mape: 0.166 })).toBe('rmse 47022  r2 0.8361  mape 16.60 %');
    expect(metricText('mase', NaN)).toBe('–');
    expect(metricText('mape', null)).toBe('–');
  });
});
