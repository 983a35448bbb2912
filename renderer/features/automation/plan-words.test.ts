import { describe, expect, it } from 'vitest';
import type { PlanAbDto, PlanRunDto } from '../../../shared/automation/dto';
import { abWords } from './plan-words';

const ab = (over: Partial<PlanAbDto>): PlanAbDto => ({
  a: 'a', b: 'b', metric: 'rmse', lowerIsBetter: true, valueA: 2, valueB: 1.5, rows: 120,
  difference: { estimate: -0.5, lo: -0.7, hi: -0.3, level: 0.95, resamples: 1000 }, margin: 0, verdict: 'b-better', text: '', mcnemar: null, correctedT: null,
  mode: 'better', rowsNote: '', ...over,
});
const run = (a: PlanAbDto | null) => ({ ab: a }) as PlanRunDto;

describe('abWords', () => {
  it('names the metric and what the held-out count counts, rows when the result does not say', () => {
    expect(abWords(run(ab({})))).toBe('rmse 2 (champion) against 1.5 (challenger): B − A −0.5, 95 % [−0.7, −0.3] on 120 rows');
    expect(abWords(run(ab({ metric: 'mae', unit: 'points', rows: 24 })))).toMatch(/^mae 2 .* on 24 points$/);
    const grouped = { estimate: -0.5, lo: -0.9, hi: -0.1, level: 0.95, resamples: 1000, clusters: 9 };
    expect(abWords(run(ab({ metric: 'mae', unit: 'points', rows: 24, difference: grouped })))).toMatch(/^mae 2 .* on 24 points in 9 \(series, time\) groups$/);
    expect(abWords(run(ab({ metric: 'ndcg', unit: 'users', valueA: 0.21, valueB: 0.34, rows: 1500 })))).toMatch(/^ndcg 0\.21 \(champion\) against 0\.34 \(challenger\).* on 1,500 users$/);
    expect(abWords(run(null))).toBeNull();
  });
});
