import { describe, expect, it } from 'vitest';
import { formatMetric, formatMetricOf, formatValue, headlineKeys, metricLabel, residualCaption, runDisplayName } from './format';

describe('number formatting', () => {
  it('reads MAPE as a percentage and other metrics as numbers', () => {
    expect(formatMetricOf('mape', 0.1234)).toBe('12.3 %');
    expect(formatMetricOf('mape', 0.004567)).toBe('0.457 %');
    expect(formatMetricOf('rmse', 48123.7)).toBe('48,124');
    expect(formatMetricOf('r2', 0.81234567)).toBe('0.8123');
    expect(formatMetricOf('mape', NaN)).toBe('—');
  });

  it("reads a forecast's MAPE as a tabular run's (a fraction) and its sMAPE as the percentage it is", () => {
    // A forecast scored 3.1 % off: the same key, the same unit, the same text on every page.
    expect(formatMetricOf('mape', 0.031)).toBe('3.1 %');
    expect(formatMetricOf('smape', 3.2)).toBe('3.2 %');
    expect(formatMetricOf('smape', 5.148)).toBe(formatMetricOf('mape', 0.05148));
    expect(formatMetricOf('coverage95', 0.925)).toBe('92.5 %');
    expect(formatMetricOf('mase', 0.81)).toBe('0.81');
  });

  it('drops float32 noise and separates thousands', () => {
    expect(formatMetric(0.30000001192092896)).toBe('0.3');
    expect(formatValue(0.30000001192092896)).toBe('0.3');
    expect(formatValue(0.1 + 0.2)).toBe('0.3');
    expect(formatValue(20640)).toBe('20,640');
    expect(formatValue(0.0123456789)).toBe('0.0123457');
    expect(formatValue([64, 32])).toBe('64, 32');
    expect(formatValue('leafwise')).toBe('leafwise');
  });

  it('calls a run by its name, else by family and short id', () => {
    expect(runDisplayName({ name: 'baseline', family: 'gbdt', id: '0123456789' })).toBe('baseline');
    expect(runDisplayName({ name: null, family: 'gbdt', id: '0123456789' })).toBe('gbdt 01234567');
  });

  it('says when a plot shows a sample of the test rows', () => {
    expect(residualCaption(2064, 4128)).toMatch(/^Actual against predicted for a sample of 2,064 of 4,128 test rows/);
    expect(residualCaption(900, 900)).toMatch(/^Actual against predicted for all 900 test rows/);
  });
});

describe('recommender headlines', () => {
  it('ndcg and precision at the run’s own k, and RMSE only when it learned from ratings', () => {
    expect(headlineKeys('recommend', { precisionAt5: 0.1, ndcgAt5: 0.3, coverage: 0.5 })).toEqual(['ndcgAt5', 'precisionAt5']);
    expect(headlineKeys('recommend', { rmse: 0.9, ndcgAt10: 0.2, precisionAt10: 0.1 })).toEqual(['ndcgAt10', 'precisionAt10', 'rmse']);
    expect(metricLabel('ndcgAt10')).toBe('nDCG@10');
    expect(metricLabel('hitRateAt5')).toBe('Hit rate@5');
    expect(metricLabel('rmse')).toBe('RMSE');
  });
});

describe('forecast headlines', () => {
  it('MASE, sMAPE and the coverage of the widest interval, as percentages', () => {
    expect(headlineKeys('forecast', { mase: 0.8, smape: 3, coverage80: 0.8, coverage95: 0.94, coverage50: 0.5 })).toEqual(['mase', 'smape', 'coverage95']);
    expect(headlineKeys('forecast', null)).toEqual(['mase', 'smape']);
    expect(metricLabel('coverage95')).toBe('95 % coverage');
    expect(metricLabel('smape')).toBe('sMAPE');
    expect(formatMetricOf('coverage80', 0.7812)).toBe('78.1 %');
    expect(formatMetricOf('smape', 12.345)).toBe('12.3 %'); // 3 significant digits, as MAPE
    expect(formatMetricOf('smape', NaN)).toBe('—');
  });
});
