import { describe, expect, it } from 'vitest';
import { importanceViews } from './importance-views';
import type { RunReportDto } from '../../../shared/api/runs-dto';

const base: RunReportDto = {
  classes: null, importance: [{ feature: 'x', importance: 0.7, std: 0 }], importanceKind: 'gain', confusion: null, calibration: null,
  roc: null, pr: null, intervals: null, foldMetrics: null, residuals: null, testRows: 100, features: ['x'], notes: [],
};

describe('importance views', () => {
  it('an old tree report (gain only, no new fields) shows its gain', () => {
    const views = importanceViews(base);
    expect(views.map((v) => v.id)).toEqual(['gain']);
    expect(views[0]).toMatchObject({ kind: 'bars', items: base.importance });
  });

  it('an old linear report keeps its permutation caption', () => {
    const views = importanceViews({ ...base, importanceKind: 'permutation' });
    expect(views.map((v) => v.id)).toEqual(['permutation']);
    expect(views[0].caption).toContain('up to 2,000 test rows');
  });

  it('a new tree report: permutation first, gain beside; the caption says the metric and the rows', () => {
    const r: RunReportDto = {
      ...base, importanceKind: 'permutation', permutation: { metric: 'rmse', rows: 357, repeats: 3 },
      importance: [{ feature: 'x', importance: 5000, std: 120 }], gain: [{ feature: 'x', importance: 1, std: 0 }],
    };
    const views = importanceViews(r);
    expect(views.map((v) => v.id)).toEqual(['permutation', 'gain']);
    expect(views[0].caption).toMatch(/RMSE rises .* among 357 held-out test rows; the mean of 3 seeded shuffles/);
    expect(views[1].format(0.25)).toBe('25.0 %');
  });

  it('a new linear classifier: permutation in accuracy points, and coefficients towards the class', () => {
    const r: RunReportDto = {
      ...base, classes: ['no', 'yes'], importanceKind: 'permutation', permutation: { metric: 'accuracy', rows: 200, repeats: 3 },
      coefficients: [{ feature: 'city=d', column: 'city', class: 'yes', coefficient: -1.5 }],
    };
    const views = importanceViews(r);
    expect(views.map((v) => v.id)).toEqual(['permutation', 'coefficients']);
    expect(views[0].format(0.153)).toBe('15.3 pts');
    expect(views[1].caption).toContain('log-odds of “yes”');
  });

  it('text runs keep their terms and nothing else', () => {
    expect(importanceViews({ ...base, importanceKind: 'coefficient' }).map((v) => v.id)).toEqual(['terms']);
    expect(importanceViews({ ...base, importanceKind: 'lexicon' }).map((v) => v.id)).toEqual(['lexicon']);
  });
});
