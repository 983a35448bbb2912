import type { PdpDto } from '../../../shared/api/methods/explorer';
import type { ChartOption } from '../../charts/EChart';
import { formatValue, type ContributionBar } from './explain';

export const UP = '#e0563b';
export const DOWN = '#2f6fdf';

const signed = (v: number) => `${v > 0 ? '+' : v < 0 ? '−' : ''}${formatValue(Math.abs(v))}`;

/** Contributions as bars from zero, the largest on top: red pushes the output up, blue down; values on the right. */
export function contributionsOption(bars: ContributionBar[]): ChartOption {
  const colour = (i: number) => (bars[i]?.contribution >= 0 ? UP : DOWN);
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: number) => signed(v) },
    grid: { left: 8, right: 8, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', axisLabel: { formatter: (v: number) => formatValue(v) }, splitLine: { lineStyle: { opacity: 0.5 } } },
    yAxis: [
      { type: 'category', inverse: true, data: bars.map((b) => b.label), axisTick: { show: false }, axisLabel: { interval: 0, width: 220, overflow: 'truncate' } },
      {
        type: 'category',
        inverse: true,
        position: 'right',
        data: bars.map((b) => signed(b.contribution)),
        axisLine: { show: false },
        axisTick: { show: false },
        axisLabel: { interval: 0, fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace', color: (_: unknown, i: number) => colour(i) },
      },
    ],
    series: [
      {
        type: 'bar',
        barMaxWidth: 16,
        data: bars.map((b) => ({
          value: b.contribution,
          itemStyle: { color: b.contribution >= 0 ? UP : DOWN, opacity: b.column ? 1 : 0.55, borderRadius: b.contribution >= 0 ? [0, 3, 3, 0] : [3, 0, 0, 3] },
        })),
      },
    ],
  };
}

/** Linear interpolation of a curve at x (grid sorted ascending); clamped at the ends. */
export function valueAt(grid: number[], values: number[], x: number): number {
  if (grid.length === 0) return NaN;
  if (x <= grid[0]) return values[0];
  for (let i = 1; i < grid.length; i++) {
    if (x <= grid[i]) {
      const t = (x - grid[i - 1]) / (grid[i] - grid[i - 1] || 1);
      return values[i - 1] + t * (values[i] - values[i - 1]);
    }
  }
  return values[values.length - 1];
}

/**
 * Partial dependence: the mean prediction as one column varies. Numbers and dates draw lines with
 * a dashed marker at the form's value; categories draw bars, the form's category solid.
 */
export function pdpOption(pdp: PdpDto, current: number | string | null): ChartOption {
  const many = pdp.series.length > 1;
  const legend = many ? { top: 0, type: 'scroll' } : undefined;
  const top = many ? 34 : 16;
  if (pdp.kind === 'categorical' || pdp.kind === 'boolean' || pdp.kind === 'text') {
    const cats = pdp.grid.map(String);
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: number) => formatValue(v) },
      legend,
      grid: { left: 8, right: 16, top, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: cats, axisLabel: { interval: 0, rotate: cats.length > 5 ? 30 : 0, width: 110, overflow: 'truncate' } },
      // Bars start at zero, so their heights compare honestly.
      yAxis: { type: 'value', axisLabel: { formatter: (v: number) => formatValue(v) } },
      series: pdp.series.map((s) => ({
        name: s.name,
        type: 'bar',
        barMaxWidth: 36,
        data: s.values.map((v, i) => ({ value: v, itemStyle: { opacity: current === null || cats[i] === String(current) ? 1 : 0.4 } })),
      })),
    };
  }
  const grid = pdp.grid.map(Number);
  const x = typeof current === 'number' && Number.isFinite(current) ? current : null;
  const all = pdp.series.flatMap((s) => s.values);
  const lo = Math.min(...all);
  const hi = Math.max(...all);
  const series: object[] = pdp.series.map((s) => ({ name: s.name, type: 'line', showSymbol: false, smooth: false, data: grid.map((g, i) => [g, s.values[i]]) }));
  if (x !== null) {
    series.push({
      name: 'this row',
      type: 'line',
      data: [[x, lo], [x, hi]],
      showSymbol: false,
      silent: true,
      lineStyle: { type: 'dashed', width: 1.5, color: '#8a8f98' },
      itemStyle: { color: '#8a8f98' },
      z: 1,
    });
    series.push({
      name: 'this row',
      type: 'scatter',
      symbolSize: 10,
      data: pdp.series.map((s) => [x, valueAt(grid, s.values, x)]),
      itemStyle: { color: '#e0782f', borderColor: '#fff', borderWidth: 1.5 },
      z: 5,
    });
  }
  return {
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => formatValue(v) },
    legend: many ? { ...legend, data: pdp.series.map((s) => s.name) } : undefined,
    grid: { left: 8, right: 24, top, bottom: 8, containLabel: true },
    xAxis: { type: pdp.kind === 'date' ? 'time' : 'value', scale: true, axisLabel: pdp.kind === 'date' ? undefined : { formatter: (v: number) => formatValue(v) } },
    yAxis: { type: 'value', scale: true, axisLabel: { formatter: (v: number) => formatValue(v) } },
    series,
  };
}
