import { describe, expect, it } from 'vitest';
import type { DeploymentDetailDto, DeploymentWindowDto } from '../../../shared/api/methods/deployments';
import { metricOption, trafficOption } from './charts';
import { formatInterval, metricSeries, metricsOf, stepTitle, trafficSeries, versionTotals } from './view';

const iv = (estimate: number, lo: number, hi: number, method: 'wilson' | 'bootstrap' = 'bootstrap') => ({ estimate, lo, hi, method, n: 30 });
const win = (start: string, version: string, share: number, mae?: number): DeploymentWindowDto => ({
  start, end: start, version, requests: 30, share,
  metrics: { successRate: iv(1, 0.89, 1, 'wilson'), ...(mae === undefined ? {} : { mae: iv(mae, mae * 0.8, mae * 1.2) }) },
});

/** A canary that advanced to 50 % and rolled back: the candidate is gone from the third window on. */
const sample: DeploymentDetailDto = {
  id: 'd1', name: 'canary', modelName: 'prices', policy: 'canary', versions: ['1.0.0', '1.1.0'], source: '/logs', startedAt: '2026-11-30T09:00:00.000Z',
  endedAt: '2026-11-30T09:01:30.000Z', requests: 90, outcome: 'rolled-back', importedAt: '2026-11-30T10:00:00.000Z', windowS: 30,
  windows: [
    win('2026-11-30T09:00:00.000Z', '1.0.0', 0.9, 1.0), win('2026-11-30T09:00:00.000Z', '1.1.0', 0.1, 1.4),
    win('2026-11-30T09:00:30.000Z', '1.0.0', 0.5, 1.1), win('2026-11-30T09:00:30.000Z', '1.1.0', 0.5, 1.6),
    win('2026-11-30T09:01:00.000Z', '1.0.0', 1),
  ],
  timeline: [
    { step: 0, canaryStep: 0, at: '2026-11-30T09:00:29.000Z', action: 'advance', traffic: { stable: 50, candidate: 50 }, evidence: { decisions: 30, checks: [] }, reason: 'passed', aliasMove: null },
    { step: 1, canaryStep: 1, at: '2026-11-30T09:00:59.000Z', action: 'rollback', traffic: { stable: 100, candidate: 0 }, evidence: { decisions: 60, checks: [] }, reason: 'metric failed', aliasMove: { alias: 'production', from: '1.1.0', to: '1.0.0' } },
  ],
  comparisons: [],
};

describe('deployment view', () => {
  it('lays traffic shares on one time grid, zero where a version answered nothing', () => {
    const t = trafficSeries(sample);
    expect(t.times).toHaveLength(3);
    expect(t.shares['1.0.0']).toEqual([0.9, 0.5, 1]);
    expect(t.shares['1.1.0']).toEqual([0.1, 0.5, 0]);
  });

  it('lists only the metrics the windows carry, quality first', () => {
    expect(metricsOf(sample).map((m) => m.key)).toEqual(['mae', 'successRate']);
    expect(metricSeries(sample, '1.1.0', 'mae')).toEqual([
      [Date.parse('2026-11-30T09:00:00Z'), 1.4, 1.4 * 0.8, 1.4 * 1.2],
      [Date.parse('2026-11-30T09:00:30Z'), 1.6, 1.6 * 0.8, 1.6 * 1.2],
    ]);
  });

  it('totals requests per version and keeps its last window with each metric', () => {
    const [stable, candidate] = versionTotals(sample);
    expect(stable).toMatchObject({ version: '1.0.0', role: 'stable', requests: 90 });
    expect(stable.last.mae.estimate).toBe(1.1);
    expect(candidate).toMatchObject({ role: 'candidate', requests: 60 });
    expect(formatInterval('successRate', candidate.last.successRate)).toBe('100.0 % [89.0 % – 100.0 %]');
  });

  it('names decisions and marks the rollback in the traffic chart', () => {
    expect(stepTitle(sample.timeline[1], sample.versions)).toBe('Rolled back to 1.0.0');
    expect(stepTitle(sample.timeline[0], sample.versions)).toBe('Advanced: candidate to 50 %');
    const o = trafficOption(sample, false) as { series: { name: string; data: { action?: string; symbol?: string }[] }[] };
    const marks = o.series.find((s) => s.name === 'decisions')!.data;
    expect(marks.map((m) => [m.action, m.symbol])).toEqual([['advance', 'circle'], ['rollback', 'diamond']]);
  });

  it('draws each version’s interval as a band under its line', () => {
    const o = metricOption(sample, 'mae', true) as { series: { name: string; stack?: string; data: [number, number][] }[] };
    expect(o.series.map((s) => s.name)).toEqual(['1.0.0 lo', '1.0.0 interval', '1.0.0', '1.1.0 lo', '1.1.0 interval', '1.1.0']);
    const [lo, width] = o.series;
    expect(lo.data[0][1] + width.data[0][1]).toBeCloseTo(1.2, 12);
  });
});
