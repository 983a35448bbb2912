import type { ChartOption } from '../../charts/EChart';
import type { ColumnProfileDto } from '../../../shared/api/datasets-dto';
import { formatNumber, formatStat } from './format';

const GRID = { left: 44, right: 10, top: 10, bottom: 24, containLabel: false };
const ACCENT = '#4f7fd9';

/** Bars over the column's bins; date bins are labelled as dates. */
export function histogramOption(c: ColumnProfileDto): ChartOption {
  const bins = c.histogram ?? [];
  const labels = bins.map((b) => formatStat(b.lo, c.type));
  return {
    grid: GRID,
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (items: { dataIndex: number }[]) => {
        const b = bins[items[0]?.dataIndex ?? 0];
        return b ? `${formatStat(b.lo, c.type)} – ${formatStat(b.hi, c.type)}<br/><b>${formatNumber(b.count)}</b> rows` : '';
      },
    },
    xAxis: { type: 'category', data: labels, axisLabel: { hideOverlap: true, fontSize: 10 }, axisTick: { show: false } },
    yAxis: { type: 'value', axisLabel: { fontSize: 10, formatter: (v: number) => formatNumber(v) }, splitNumber: 3 },
    series: [{ type: 'bar', data: bins.map((b) => b.count), barCategoryGap: '6%', itemStyle: { color: ACCENT } }],
  };
}

/** Horizontal bars of the most frequent values, the most frequent on top. */
export function topValuesOption(c: ColumnProfileDto): ChartOption {
  const top = c.top.slice(0, 8).reverse();
  return {
    grid: { ...GRID, left: 8, right: 40, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'value', axisLabel: { show: false }, splitLine: { show: false } },
    yAxis: {
      type: 'category',
      data: top.map((t) => t.value),
      axisLabel: { fontSize: 10, width: 110, overflow: 'truncate' },
      axisTick: { show: false },
    },
    series: [
      {
        type: 'bar',
        data: top.map((t) => t.count),
        itemStyle: { color: ACCENT },
        label: { show: true, position: 'right', fontSize: 10, formatter: (p: { value: number }) => formatNumber(p.value) },
      },
    ],
  };
}

/** Pearson r for every pair, blue (−1) through neutral (0) to red (+1). */
export function correlationOption(columns: string[], matrix: number[][], dark: boolean): ChartOption {
  const data: [number, number, number | '-'][] = [];
  matrix.forEach((row, y) => row.forEach((r, x) => data.push([x, y, Number.isFinite(r) ? Math.round(r * 100) / 100 : '-'])));
  const many = columns.length > 14;
  return {
    grid: { left: 8, right: 16, top: 8, bottom: 64, containLabel: true },
    tooltip: {
      formatter: (p: { value: [number, number, number | '-'] }) =>
        `${columns[p.value[1]]} × ${columns[p.value[0]]}<br/>r = <b>${p.value[2] === '-' ? 'n/a' : p.value[2].toFixed(2)}</b>`,
    },
    // With many columns, echarts drops labels that would overlap; the tooltip still names every cell.
    xAxis: { type: 'category', data: columns, axisLabel: { rotate: 45, fontSize: 10, interval: many ? 'auto' : 0 }, splitArea: { show: true } },
    yAxis: { type: 'category', data: columns, inverse: true, axisLabel: { fontSize: 10, interval: many ? 'auto' : 0 }, splitArea: { show: true } },
    visualMap: {
      min: -1,
      max: 1,
      calculable: true,
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      itemHeight: 160,
      inRange: { color: ['#2166ac', '#67a9cf', dark ? '#3a3f46' : '#f4f4f4', '#ef8a62', '#b2182b'] },
    },
    series: [
      {
        type: 'heatmap',
        data,
        label: { show: !many, fontSize: 10, formatter: (p: { value: [number, number, number | '-'] }) => (p.value[2] === '-' ? '' : p.value[2].toFixed(2)) },
        emphasis: { itemStyle: { borderColor: dark ? '#fff' : '#000', borderWidth: 1 } },
      },
    ],
  };
}
