import { describe, expect, it } from 'vitest';
import type { DriftFeatureDto } from '../../../shared/api/monitor-dto';
import { distributionLabels, distributionOption, qualityFindings } from './drift-charts';

const feature = (over: Partial<DriftFeatureDto>): DriftFeatureDto => ({
  name: 'f', kind: 'numeric', test: 'ks', statistic: 0.3, pValue: 0.001, adjustedPValue: 0.002, method: 'exact', drifted: true, material: true, severity: 'drift',
  effect: { psi: 0.4, wasserstein: 0.5, js: 0.2, newCategoryShare: null },
  quality: { missingReference: 0, missingCurrent: 0.1, missingJump: 0.1, outOfRangeShare: 0.05, newCategories: [], flags: ['missing', 'range'] },
  n: { reference: 100, current: 100 },
  ...over,
});

describe('drift charts', () => {
  it('labels numeric bins by their ranges, dates as days', () => {
    const d = { kind: 'numeric' as const, edges: [0, 0.5, 1], reference: [0.5, 0.5], current: [0.2, 0.8] };
    expect(distributionLabels(d)).toEqual(['0–0.5', '0.5–1']);
    expect(distributionLabels({ ...d, edges: [Date.UTC(2024, 0, 1), Date.UTC(2024, 0, 2), Date.UTC(2024, 0, 3)] }, true)).toEqual(['2024-01-01–2024-01-02', '2024-01-02–2024-01-03']);
  });

  it('overlays both sides in percent, or draws nothing without a distribution', () => {
    const f = feature({ distribution: { kind: 'categorical', categories: ['a', 'b'], reference: [0.25, 0.75], current: [0.5, 0.5] } });
    const o = distributionOption(f, { reference: 'ref', current: 'cur' }) as { series: { name: string; data: number[] }[] };
    expect(o.series.map((s) => [s.name, s.data])).toEqual([['ref', [25, 75]], ['cur', [50, 50]]]);
    expect(distributionOption(feature({}), { reference: 'r', current: 'c' })).toBeNull();
  });

  it('words the failed quality checks', () => {
    expect(qualityFindings(feature({}))).toEqual(['missing rose from 0.0 % to 10.0 %', "5.0 % of values outside the reference's range"]);
  });
});
