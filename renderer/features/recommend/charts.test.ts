import { describe, expect, it } from 'vitest';
import type { RankingAtKDto, RecommendReportDto } from '../../../shared/api/recommend-dto';
import { atKOption, itemMapOption, mapGroups, MAX_MAP_GROUPS, slicesOf } from './charts';
import { headlineMetrics } from './format';
import { boundProblem, offeredValues } from './preferences';

const atK = (n: number, scale = 1): RankingAtKDto[] => Array.from({ length: n }, (_, i) => ({ k: i + 1, precision: 0.3 * scale, recall: 0.02 * (i + 1) * scale, ndcg: 0.2 * scale, map: 0.1, hitRate: 0.5, mrr: 0.3 }));

const report = (p: Partial<RecommendReportDto> = {}): RecommendReportDto => ({
  model: 'mf',
  feedback: 'explicit',
  split: 'random',
  k: 10,
  counts: { users: 60, items: 40, interactions: 720, train: 600, test: 120, duplicatesMerged: 0, skippedRows: 0 },
  evaluatedUsers: 60,
  evaluatedHow: 'all',
  metrics: { rmse: 0.9, mae: 0.7, ndcgAt10: 0.31, precisionAt10: 0.12, recallAt10: 0.4, mapAt10: 0.2, hitRateAt10: 0.7, mrrAt10: 0.35, coverage: 0.5, popularityBias: 0.62 },
  overall: { users: 60, atK: atK(20) },
  coldUsers: null,
  coldItems: { users: 7, atK: atK(20, 0.5) },
  groups: [],
  blend: null,
  itemMap: null,
  itemMapColour: null,
  notes: [],
  ...p,
});

describe('recommender charts', () => {
  it('draws one curve per slice that has users, the run’s k marked, axes named', () => {
    const r = report();
    expect(slicesOf(r)).toEqual(['overall', 'coldItems']);
    const o = atKOption(r, 'recall', slicesOf(r), false) as { series: { name: string; data: [number, number][]; markLine?: unknown }[]; xAxis: { name: string; max: number }; yAxis: { name: string } };
    expect(o.series.map((s) => s.name)).toEqual(['all users (60)', 'cold items (7)']);
    expect(o.series[0].data).toHaveLength(20);
    expect(o.series[0].data[4]).toEqual([5, 0.1]);
    expect(o.series[0].markLine).toBeDefined();
    expect(o.xAxis).toMatchObject({ name: 'list length k', max: 20 });
    expect(o.yAxis.name).toBe('Recall@k');
    // A hidden slice is not drawn.
    expect((atKOption(r, 'ndcg', ['coldItems'], true) as { series: unknown[] }).series).toHaveLength(1);
  });

  it('colours the item map by its feature, the smallest groups folded into “other”', () => {
    const pts = Array.from({ length: 40 }, (_, i) => ({ item: String(i), x: i, y: -i, label: `Book ${i}`, group: `g${i % 10}`, popularity: i }));
    const groups = mapGroups(pts);
    expect(groups).toHaveLength(MAX_MAP_GROUPS + 1);
    expect(groups[groups.length - 1].name).toBe('other');
    expect(groups.reduce((s, g) => s + g.points.length, 0)).toBe(40);
    const o = itemMapOption(report({ itemMap: pts, itemMapColour: 'genre' }), false) as { series: { data: { item: string }[] }[]; legend?: unknown; xAxis: { name: string } };
    expect(o.series).toHaveLength(MAX_MAP_GROUPS + 1);
    expect(o.legend).toBeDefined();
    expect(o.xAxis.name).toBe('component 1');
    const plain = itemMapOption(report({ itemMap: pts.map((p) => ({ ...p, group: null })), itemMapColour: null }), false) as { series: unknown[]; legend?: unknown };
    expect(plain.series).toHaveLength(1);
    expect(plain.legend).toBeUndefined();
  });

  it('headlines the metrics at the run’s k, rating errors only with ratings', () => {
    const keys = headlineMetrics(report().metrics, 10);
    expect(keys.map((m) => m.label)).toEqual(['nDCG@10', 'Precision@10', 'Recall@10', 'MAP@10', 'Hit rate@10', 'MRR@10', 'RMSE', 'MAE', 'Coverage', 'Popularity bias']);
    expect(keys.find((m) => m.key === 'coverage')!.value).toBe('50.0 %');
    const implicit = headlineMetrics({ ndcgAt5: 0.2, coverage: 0.1, popularityBias: 0.9 }, 5);
    expect(implicit.map((m) => m.key)).not.toContain('rmse');
    expect(implicit[0]).toMatchObject({ label: 'nDCG@5', value: '0.2' });
  });
});

describe('cold-start preferences', () => {
  it('splits tag lists into tags ranked by how often they occur', () => {
    const values = [
      { value: 'fantasy|classic', count: 3 },
      { value: 'crime|new', count: 5 },
      { value: 'fantasy|new', count: 1 },
      { value: null, count: 9 },
    ];
    expect(offeredValues(values)).toEqual(['new', 'crime', 'fantasy', 'classic']);
    expect(offeredValues(values, 2)).toEqual(['new', 'crime']);
  });

  it('reads numeric bounds as the model does', () => {
    for (const ok of ['20', '<=20', '>= 4', '10..30', '-1.5']) expect(boundProblem(ok)).toBeNull();
    expect(boundProblem('cheap')).toMatch(/<=N/);
  });
});
