/** echarts options of the Text page: the mean score over time with its interval band, and per group with intervals. */
import type { SentimentIntervalDto, TimeBucketDto } from '../../../shared/api/text-dto';
import type { ChartOption } from '../../charts/EChart';

export const POSITIVE = '#2e8b57';
export const NEGATIVE = '#c8453c';
const MEAN = '#2f6fdf';

const fmt = (v: number) => (v >= 0 ? '+' : '') + v.toFixed(3);

/**
 * Axis bounds symmetric about zero (as the score bars are), wide enough for every interval, in
 * steps of 0.1 and never beyond the score's own [-1, 1]; `interval` puts ticks at ±half and ±full.
 */
export function scoreBounds(points: readonly SentimentIntervalDto[]): { min: number; max: number; interval: number } {
  const reach = Math.max(0.1, ...points.map((p) => Math.max(Math.abs(p.lo), Math.abs(p.hi))));
  const m = Math.min(1, Math.ceil((reach + 0.02) * 10) / 10);
  return { min: -m, max: m, interval: m / 2 };
}

function tipRow(p: SentimentIntervalDto): string {
  return `mean ${fmt(p.mean)}<br/>95 % interval ${fmt(p.lo)} … ${fmt(p.hi)}<br/>${p.n.toLocaleString('en-US')} text${p.n === 1 ? '' : 's'}`;
}

const escape = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/**
 * The mean per bucket as a line, its interval as a band (the stacked-area trick: an invisible lower
 * line, then the band's width stacked on it; 'all' stacks across signs, as scores go below zero).
 */
export function overTimeOption(points: readonly SentimentIntervalDto[], bucket: TimeBucketDto, dark: boolean): ChartOption {
  const keys = points.map((p) => p.key);
  const bounds = scoreBounds(points);
  return {
    grid: { left: 48, right: 16, top: 30, bottom: 36 },
    tooltip: {
      trigger: 'axis',
      formatter: (params: { dataIndex: number }[]) => {
        const p = points[params[0]?.dataIndex ?? 0];
        return p ? `<b>${bucket} of ${escape(p.key)}</b><br/>${tipRow(p)}` : '';
      },
    },
    xAxis: { type: 'category', data: keys, boundaryGap: false, axisLabel: { hideOverlap: true } },
    yAxis: { type: 'value', name: 'mean score', nameTextStyle: { align: 'left' }, ...bounds },
    series: [
      { name: 'lower', type: 'line', stack: 'interval', stackStrategy: 'all', data: points.map((p) => p.lo), lineStyle: { opacity: 0 }, showSymbol: false, silent: true, tooltip: { show: false } },
      {
        name: '95 % interval',
        type: 'line',
        stack: 'interval',
        stackStrategy: 'all',
        data: points.map((p) => p.hi - p.lo),
        lineStyle: { opacity: 0 },
        areaStyle: { color: MEAN, opacity: dark ? 0.3 : 0.18 },
        showSymbol: false,
        silent: true,
      },
      {
        name: 'mean score',
        type: 'line',
        data: points.map((p) => p.mean),
        itemStyle: { color: MEAN },
        showSymbol: points.length <= 60,
        markLine: { silent: true, symbol: 'none', label: { show: false }, lineStyle: { color: dark ? '#8a8f98' : '#9aa0a8', type: 'dashed' }, data: [{ yAxis: 0 }] },
      },
    ],
  };
}

/** One row per group: its 95 % interval as a bar-less line, its mean as a dot coloured by sign. Largest group on top. */
export function byGroupOption(groups: readonly SentimentIntervalDto[], dark: boolean): ChartOption {
  const rows = [...groups].reverse();
  const bounds = scoreBounds(rows);
  return {
    grid: { left: 12, right: 24, top: 8, bottom: 28, containLabel: true },
    tooltip: {
      trigger: 'item',
      formatter: (p: { dataIndex: number; seriesName: string }) => {
        const g = rows[p.dataIndex];
        return g ? `<b>${escape(g.key)}</b><br/>${tipRow(g)}` : '';
      },
    },
    xAxis: { type: 'value', ...bounds, name: 'mean score', nameLocation: 'middle', nameGap: 22 },
    yAxis: { type: 'category', data: rows.map((g) => g.key), axisLabel: { width: 140, overflow: 'truncate' } },
    series: [
      ...rows.map((g) => ({
        name: g.key,
        type: 'line',
        data: [[g.lo, g.key], [g.hi, g.key]],
        symbol: 'none',
        lineStyle: { width: 3, color: dark ? '#9fb7e8' : '#9db4e0' },
        silent: true,
        tooltip: { show: false },
        z: 1,
      })),
      {
        name: 'mean',
        type: 'scatter',
        data: rows.map((g) => ({ value: [g.mean, g.key], itemStyle: { color: g.mean >= 0 ? POSITIVE : NEGATIVE } })),
        symbolSize: 10,
        z: 2,
        markLine: { silent: true, symbol: 'none', label: { show: false }, lineStyle: { color: dark ? '#8a8f98' : '#9aa0a8', type: 'dashed' }, data: [{ xAxis: 0 }] },
      },
    ],
  };
}
