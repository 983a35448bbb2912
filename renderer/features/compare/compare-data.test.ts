import { describe, expect, it } from 'vitest';
import type { RunDetailDto } from '../../../shared/api/runs-dto';
import { defaultAbMetric, formatDelta, metricRows, paramRows } from './compare-data';

const run = (id: string, metrics: Record<string, number>, params: Record<string, unknown> = {}, extra: Partial<RunDetailDto> = {}) =>
  ({
    id, family: 'gbdt', datasetId: 'd', datasetName: 'housing', target: 'y', task: 'regression', metrics, params, seed: 42, exclude: [],
    split: { kind: 'random', testFraction: 0.2 }, curves: {}, ...extra,
  }) as unknown as RunDetailDto;

describe('metric deltas', () => {
  it('measures every run against the first, coloured by the metric’s direction', () => {
    const rows = metricRows([run('a', { rmse: 10, r2: 0.8 }), run('b', { rmse: 12, r2: 0.9 }), run('c', { rmse: 8 })]);
    const rmse = rows.find((r) => r.metric === 'rmse')!;
    expect(rmse.direction).toBe('lower');
    expect(rmse.cells.map((c) => c.tone)).toEqual(['none', 'worse', 'better']);
    expect(rmse.cells[1].delta).toBe(2);
    expect(rmse.cells[1].relative).toBeCloseTo(0.2);
    expect(rmse.cells.map((c) => c.best)).toEqual([false, false, true]);
    const r2 = rows.find((r) => r.metric === 'r2')!;
    expect(r2.cells.map((c) => c.tone)).toEqual(['none', 'better', 'none']);
    expect(r2.cells[2].value).toBeNull();
    expect(rows.map((r) => r.metric)).toEqual(['rmse', 'r2']);
  });

  it('writes signed changes with their percentage', () => {
    expect(formatDelta(2, 0.2, String)).toBe('+2 (+20 %)');
    expect(formatDelta(-0.5, -0.05, String)).toBe('−0.5 (−5.0 %)');
  });
});

describe('params side by side', () => {
  it('marks what differs, setup first', () => {
    const rows = paramRows([run('a', {}, { trees: 100, maxDepth: 6 }), run('b', {}, { trees: 100 }, { family: 'linear', seed: 7 })]);
    const by = Object.fromEntries(rows.map((r) => [r.key, r]));
    expect(rows[0].key).toBe('family');
    expect(by.family.differs).toBe(true);
    expect(by.seed.differs).toBe(true);
    expect(by.target.differs).toBe(false);
    expect(by.trees.differs).toBe(false);
    expect(by.maxDepth.values).toEqual(['6', '—']);
  });
});

describe('A/B metric', () => {
  it('starts from the host’s default when both runs have it', () => {
    expect(defaultAbMetric(run('a', { rmse: 1, mae: 1 }), run('b', { rmse: 2, mae: 1 }))).toBe('rmse');
    expect(defaultAbMetric(run('a', { accuracy: 0.9, auc: 0.9 }, {}, { task: 'binary' }), run('b', { auc: 0.8 }, {}, { task: 'binary' }))).toBe('auc');
  });
});
