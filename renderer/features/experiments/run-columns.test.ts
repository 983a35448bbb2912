import { describe, expect, it } from 'vitest';
import type { RunSummaryDto } from '../../../shared/api/dto';
import { columnLabel, gridColumns, headlineValue, metricColumns } from './run-columns';
import { buildItems } from './run-rows';
import { formatMetricOf } from './format';

const run = (id: string, p: Partial<RunSummaryDto>): RunSummaryDto => ({
  id, name: null, datasetId: 'd1', target: 'y', task: 'regression', family: 'gbdt', status: 'succeeded', metrics: null, createdAt: '2026-01-01T00:00:00Z',
  durationMs: null, backend: null, params: {}, tags: [], ...p,
});

const regression = run('reg', { metrics: { rmse: 47022, mae: 30982, r2: 0.836, mape: 0.166 } });
const binary = run('bin', { task: 'binary', metrics: { accuracy: 0.85, auc: 0.9, logloss: 0.3 } });
const forecast = run('fc', { task: 'forecast', family: 'auto', metrics: { mae: 12, rmse: 15, mape: 0.031, smape: 3.2, mase: 0.81, coverage80: 0.78, coverage95: 0.93, winkler95: 80 } });
const rated = run('mf', { task: 'recommend', family: 'mf', metrics: { rmse: 0.86, mae: 0.68, precisionAt10: 0.12, ndcgAt10: 0.21, coverage: 0.4, popularityBias: 0.7 } });
const implicit = run('pop', { task: 'recommend', family: 'popularity', metrics: { precisionAt5: 0.08, ndcgAt5: 0.15, coverage: 0.1, popularityBias: 0.9 } });

describe('metric columns of the runs table', () => {
  it('regression runs alone get RMSE and R²; classifiers accuracy and AUC', () => {
    expect(metricColumns([regression])).toEqual(['rmse', 'r2']);
    expect(metricColumns([binary, run('mc', { task: 'multiclass', metrics: { accuracy: 0.7 } })])).toEqual(['accuracy', 'auc']);
  });

  it('a forecast run gets MASE, sMAPE and the coverage of its widest interval, not RMSE and R²', () => {
    expect(metricColumns([forecast])).toEqual(['mase', 'smape', 'coverage95']);
  });

  it('a recommender gets nDCG and precision at its own k, and RMSE only when it learned from ratings', () => {
    expect(metricColumns([implicit])).toEqual(['ndcgAt5', 'precisionAt5']);
    expect(metricColumns([rated])).toEqual(['ndcgAt10', 'precisionAt10', 'rmse']);
    // Two ks side by side: nDCG beside nDCG.
    expect(metricColumns([rated, implicit])).toEqual(['ndcgAt10', 'ndcgAt5', 'precisionAt10', 'precisionAt5', 'rmse']);
  });

  it('mixed tasks stand task by task, each key once, whatever order the runs come in', () => {
    const want = ['rmse', 'r2', 'accuracy', 'auc', 'mase', 'smape', 'coverage95', 'ndcgAt10', 'precisionAt10'];
    expect(metricColumns([rated, forecast, binary, regression])).toEqual(want);
    expect(metricColumns([regression, binary, forecast, rated])).toEqual(want);
  });

  it('a task whose runs have no metrics yet still shows its columns; runs without a task add none', () => {
    expect(metricColumns([run('r', { status: 'running' })])).toEqual(['rmse', 'r2']);
    expect(metricColumns([run('f', { task: 'forecast', status: 'failed' })])).toEqual(['mase', 'smape']);
    expect(metricColumns([run('q', { task: null, status: 'queued' })])).toEqual([]);
  });

  it('fills a cell only with a metric that headlines the run itself', () => {
    expect(headlineValue(forecast, 'rmse')).toBeUndefined();
    expect(headlineValue(forecast, 'mase')).toBe(0.81);
    expect(headlineValue(rated, 'rmse')).toBe(0.86);
    expect(headlineValue(regression, 'mae')).toBeUndefined();
  });

  it('sorts a metric column by the headline values only, runs without one last', () => {
    const fc2 = run('fc2', { task: 'forecast', metrics: { mase: 0.5, smape: 2 } });
    const items = buildItems([regression, forecast, fc2], { query: '', sort: { key: 'rmse', desc: false }, datasetNames: { d1: 'sales' }, extras: {} });
    // The forecasts' own RMSE (15) would sort before the regression's 47,022; they have no headline RMSE.
    expect(items.flatMap((it) => (it.kind === 'run' ? [it.run.id] : []))).toEqual(['reg', 'fc', 'fc2']);
    const byMase = buildItems([regression, forecast, fc2], { query: '', sort: { key: 'mase', desc: false }, datasetNames: { d1: 'sales' }, extras: {} });
    expect(byMase.flatMap((it) => (it.kind === 'run' ? [it.run.id] : []))).toEqual(['fc2', 'fc', 'reg']);
  });

  it('headers are short, the cells read as elsewhere', () => {
    expect(['rmse', 'r2', 'auc', 'mase', 'smape', 'coverage95', 'ndcgAt10', 'precisionAt10'].map(columnLabel)).toEqual(['RMSE', 'R²', 'AUC', 'MASE', 'sMAPE', '95 % cov.', 'nDCG@10', 'P@10']);
    expect(formatMetricOf('coverage95', 0.93)).toBe('93 %');
    expect(formatMetricOf('smape', 3.2)).toBe('3.2 %');
    expect(formatMetricOf('rmse', 47022)).toBe('47,022');
  });

  it('the grid has a track per metric column, and no empty repeat when there is none', () => {
    const three = gridColumns(3, false);
    expect(three.template).toContain('repeat(3, ');
    expect(gridColumns(0, true).template).not.toContain('repeat');
    expect(gridColumns(7, true).minWidth - gridColumns(3, true).minWidth).toBe(4 * (64 + 10));
  });
});
