import type { RankingAtKDto, RecommendReportDto } from '../../../shared/api/recommend-dto';
import type { ChartOption } from '../../charts/EChart';
import { formatMetric } from '../experiments/format';

/** The ranking metrics a list of k items is scored by, as the run page names them. */
export const RANKING_METRICS = ['ndcg', 'precision', 'recall', 'map', 'hitRate', 'mrr'] as const;
export type RankingMetric = (typeof RANKING_METRICS)[number];

export const RANKING_LABEL: Record<RankingMetric, string> = {
  ndcg: 'nDCG',
  precision: 'Precision',
  recall: 'Recall',
  map: 'MAP',
  hitRate: 'Hit rate',
  mrr: 'MRR',
};

/** Which users a curve is over. */
export type Slice = 'overall' | 'coldUsers' | 'coldItems';
export const SLICE_LABEL: Record<Slice, string> = { overall: 'all users', coldUsers: 'cold users', coldItems: 'cold items' };
/** One colour per slice; the same in light and dark (each passes 3:1 against both backgrounds). */
const SLICE_COLOUR: Record<Slice, string> = { overall: '#2f6fdf', coldUsers: '#d0631a', coldItems: '#2b9a5a' };

/** The slices a report has (all users always; cold users and cold items when there were any). */
export function slicesOf(r: RecommendReportDto): Slice[] {
  return (['overall', 'coldUsers', 'coldItems'] as const).filter((s) => (s === 'overall' ? true : (r[s]?.atK.length ?? 0) > 0));
}

const pointsOf = (atK: RankingAtKDto[], metric: RankingMetric) => [...atK].sort((a, b) => a.k - b.k).map((p) => [p.k, p[metric]] as [number, number]);

/** The metric at k = 1 … maxK for each shown slice, the run's own k marked. */
export function atKOption(r: RecommendReportDto, metric: RankingMetric, shown: Slice[], dark: boolean): ChartOption {
  const label = RANKING_LABEL[metric];
  const series = shown
    .map((s) => ({ s, slice: s === 'overall' ? r.overall : r[s] }))
    .filter((x) => x.slice && x.slice.atK.length > 0)
    .map(({ s, slice }, i) => ({
      name: `${SLICE_LABEL[s]} (${slice!.users.toLocaleString()})`,
      type: 'line',
      data: pointsOf(slice!.atK, metric),
      showSymbol: true,
      symbolSize: 5,
      lineStyle: { width: 2, color: SLICE_COLOUR[s] },
      itemStyle: { color: SLICE_COLOUR[s] },
      ...(i === 0 ? { markLine: { silent: true, symbol: 'none', lineStyle: { type: 'dashed', color: dark ? '#9aa4b2' : '#5b6472' }, label: { formatter: `k = ${r.k}`, color: dark ? '#c9d1dc' : '#3d4550' }, data: [{ xAxis: r.k }] } } : {}),
    }));
  return {
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => formatMetric(v) },
    legend: { top: 0 },
    grid: { left: 64, right: 28, top: 36, bottom: 44 },
    xAxis: { type: 'value', name: 'list length k', nameLocation: 'middle', nameGap: 28, min: 1, max: Math.max(1, ...r.overall.atK.map((p) => p.k)), minInterval: 1 },
    yAxis: { type: 'value', name: `${label}@k`, nameTextStyle: { align: 'left' }, min: 0, axisLabel: { formatter: (v: number) => formatMetric(v) } },
    series,
  };
}

/** A qualitative palette for the map's groups; the rest fall into “other”. */
const GROUP_COLOURS = ['#2f6fdf', '#d0631a', '#2b9a5a', '#9b4dca', '#c23b57', '#1f8a9a', '#8a6d1f', '#5b6472'];
/** Groups beyond the palette's length are drawn as one “other” colour. */
export const MAX_MAP_GROUPS = GROUP_COLOURS.length - 1;

type MapPoint = NonNullable<RecommendReportDto['itemMap']>[number];

/** Groups by size, the largest ones named and the rest as “other”. */
export function mapGroups(points: MapPoint[]): { name: string; points: MapPoint[] }[] {
  const by = new Map<string, MapPoint[]>();
  for (const p of points) {
    const g = p.group ?? 'no value';
    by.set(g, [...(by.get(g) ?? []), p]);
  }
  const sorted = [...by.entries()].sort((a, b) => b[1].length - a[1].length);
  const named = sorted.slice(0, MAX_MAP_GROUPS).map(([name, pts]) => ({ name, points: pts }));
  const rest = sorted.slice(MAX_MAP_GROUPS).flatMap(([, pts]) => pts);
  return rest.length ? [...named, { name: 'other', points: rest }] : named;
}

/** Items on the 2-D map of their vectors, coloured by the chosen feature, sized by popularity. */
export function itemMapOption(r: RecommendReportDto, dark: boolean): ChartOption {
  const points = r.itemMap ?? [];
  const coloured = r.itemMapColour !== null && points.some((p) => p.group !== null);
  const groups = coloured ? mapGroups(points) : [{ name: 'items', points }];
  const maxPop = Math.max(1e-9, ...points.map((p) => p.popularity));
  const size = (pop: number) => 4 + 10 * Math.sqrt(Math.max(0, pop) / maxPop);
  return {
    tooltip: {
      trigger: 'item',
      formatter: (p: { data: { value: [number, number]; item: string; label: string | null; group: string | null; popularity: number } }) => {
        const d = p.data;
        const title = escapeHtml(d.label ?? d.item);
        const group = coloured && d.group ? `<br/>${escapeHtml(r.itemMapColour ?? '')}: ${escapeHtml(d.group)}` : '';
        return `<b>${title}</b>${d.label ? ` <span style="opacity:.7">(${escapeHtml(d.item)})</span>` : ''}${group}<br/>popularity ${formatMetric(d.popularity)}`;
      },
    },
    legend: coloured ? { top: 0, type: 'scroll' } : undefined,
    grid: { left: 56, right: 24, top: coloured ? 36 : 16, bottom: 44 },
    xAxis: { type: 'value', name: 'component 1', nameLocation: 'middle', nameGap: 26, scale: true, splitLine: { show: false }, axisLine: { onZero: false } },
    yAxis: { type: 'value', name: 'component 2', nameLocation: 'middle', nameGap: 38, scale: true, splitLine: { show: false }, axisLine: { onZero: false } },
    series: groups.map((g, i) => ({
      name: g.name,
      type: 'scatter',
      large: g.points.length > 2000,
      data: g.points.map((p) => ({ value: [p.x, p.y], item: p.item, label: p.label, group: p.group, popularity: p.popularity, symbolSize: size(p.popularity) })),
      itemStyle: { color: coloured ? GROUP_COLOURS[Math.min(i, GROUP_COLOURS.length - 1)] : dark ? '#6ea2ff' : '#2f6fdf', opacity: 0.75 },
    })),
  };
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
