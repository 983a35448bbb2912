import { describe, expect, it } from 'vitest';
import type { RunSummaryDto } from '../../../shared/api/dto';
import { buildItems } from './run-rows';

const run = (id: string, p: Partial<RunSummaryDto>): RunSummaryDto => ({
  id, name: null, datasetId: 'd1', target: 'price', task: 'regression', family: 'gbdt', status: 'succeeded', metrics: null, createdAt: '2026-01-01T00:00:00Z',
  durationMs: null, backend: null, params: {}, tags: [], ...p,
});

const runs = [
  run('a', { metrics: { rmse: 3 }, createdAt: '2026-01-03T00:00:00Z' }),
  run('b', { family: 'linear', metrics: { rmse: 1 }, createdAt: '2026-01-02T00:00:00Z' }),
  run('c', { status: 'failed', createdAt: '2026-01-04T00:00:00Z' }),
  run('d', { target: 'income', task: 'binary', metrics: { accuracy: 0.8 }, createdAt: '2026-01-01T00:00:00Z' }),
];
const opts = { query: '', sort: { key: 'created' as const, desc: true }, datasetNames: { d1: 'houses' }, extras: {} };
const ids = (items: ReturnType<typeof buildItems>) => items.map((it) => (it.kind === 'group' ? `[${it.label}→${it.target}]` : it.run.id));

describe('buildItems', () => {
  it('groups by dataset and target, newest group first', () => {
    expect(ids(buildItems(runs, opts))).toEqual(['[houses→price]', 'c', 'a', 'b', '[houses→income]', 'd']);
  });

  it('sorts by a metric inside groups, runs without it last', () => {
    expect(ids(buildItems(runs, { ...opts, sort: { key: 'rmse', desc: false } }))).toEqual(['[houses→price]', 'b', 'a', 'c', '[houses→income]', 'd']);
  });

  it('searches every word over target, family, status and known params', () => {
    const extras = { a: { durationMs: 10, backend: 'typescript-cpu', params: { trees: 300 }, tags: [] } };
    expect(ids(buildItems(runs, { ...opts, query: 'linear' }))).toEqual(['[houses→price]', 'b']);
    expect(ids(buildItems(runs, { ...opts, query: 'trees=300', extras }))).toEqual(['[houses→price]', 'a']);
    expect(ids(buildItems(runs, { ...opts, query: 'income gbdt' }))).toEqual(['[houses→income]', 'd']);
  });

  it('finds a run by the name it was given', () => {
    const named = [...runs.slice(0, 3), run('e', { name: 'Tuned Depth' })];
    expect(ids(buildItems(named, { ...opts, query: 'tuned depth' }))).toEqual(['[houses→price]', 'e']);
  });
});
