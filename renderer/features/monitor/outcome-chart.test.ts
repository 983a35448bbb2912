import { describe, expect, it } from 'vitest';
import type { OutcomesReportDto } from '../../../shared/api/outcomes-dto';
import { outcomeOption } from './outcome-chart';

const report = (baseline: number | null): OutcomesReportDto => ({
  model: 'm@1.0.0', task: 'classification', metric: 'accuracy', lowerIsBetter: false, baseline,
  columns: { key: 'id', predicted: 'predicted_y', actual: 'y', time: 'at' }, window: { by: 'week' },
  windows: [
    { label: 'week of 2024-03-04', start: 0, end: 1, n: 100, metrics: { accuracy: { value: 0.9, lower: 0.83, upper: 0.95 } } },
    { label: 'week of 2024-03-11', start: 1, end: 2, n: 1, metrics: { accuracy: { value: 1, lower: null, upper: null } } },
  ],
  overall: { label: 'all', start: 0, end: 2, n: 101, metrics: {} }, matched: 101, unmatchedOutcomes: 0, awaitingOutcome: 0, notes: [],
});

type Series = { name: string; data: (number | null)[] };

describe('performance chart', () => {
  it('stacks the band from the lower bound to the upper one, leaving a window without an interval open', () => {
    const series = (outcomeOption(report(0.88)) as { series: Series[] }).series;
    const by = (n: string) => series.find((s) => s.name === n)!.data;
    expect(by('lower')).toEqual([0.83, null]);
    expect(by('95 % interval')[0]).toBeCloseTo(0.12, 12);
    expect(by('95 % interval')[1]).toBeNull();
    expect(by('accuracy')).toEqual([0.9, 1]);
    expect(by('test score')).toEqual([0.88, 0.88]);
  });

  it('draws no test-score line when the version has none', () => {
    expect((outcomeOption(report(null)) as { series: Series[] }).series.map((s) => s.name)).toEqual(['lower', '95 % interval', 'accuracy']);
  });
});
