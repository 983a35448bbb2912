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

export interface PdpView {
  /** Draw the ICE curves (one thin line per sampled row) under the mean. */
  ice: boolean;
  /** Shift every curve to start at zero, so differences in shape stand out (c-ICE). */
  centered: boolean;
  /** With ICE, the one series drawn (the positive or explained class); null: every series. */
  focus: string | null;
}

export const ICE_COLOUR = '#2f6fdf';
const PLAIN: PdpView = { ice: false, centered: false, focus: null };

/** The series and ICE curves a view draws: the focused series only, centered when asked. */
export function pdpCurves(pdp: PdpDto, view: PdpView): { series: PdpDto['series']; ice: number[][] } {
  const focused = view.ice && view.focus ? pdp.series.filter((s) => s.name === view.focus) : [];
  const series = focused.length ? focused : pdp.series;
  const curves = view.ice && pdp.ice && series.length === 1 ? (pdp.ice.series.find((s) => s.name === series[0].name)?.curves ?? []) : [];
  if (!view.centered) return { series, ice: curves };
  const shift = (v: number[]) => v.map((x) => x - v[0]);
  return { series: series.map((s) => ({ name: s.name, values: shift(s.values) })), ice: curves.map(shift) };
}

/** Thin translucent lines, one per row, behind the mean and out of the tooltip. */
function iceSeries(curves: number[][], point: (i: number, v: number) => [number | string, number]): object[] {
  return curves.map((c) => ({
    type: 'line',
    data: c.map((v, i) => point(i, v)),
    showSymbol: false,
    silent: true,
    animation: false,
    tooltip: { show: false },
    lineStyle: { width: 1, opacity: 0.2, color: ICE_COLOUR },
    itemStyle: { color: ICE_COLOUR },
    emphasis: { disabled: true },
    z: 1,
  }));
}

/**
 * Partial dependence: the mean prediction as one column varies. Numbers and dates draw lines with
 * a dashed marker at the form's value; categories draw bars, the form's category solid. With ICE,
 * each sampled row's own curve is drawn thin behind the mean, which is drawn bold.
 */
export function pdpOption(pdp: PdpDto, current: number | string | null, view: PdpView = PLAIN): ChartOption {
  const { series: curves, ice } = pdpCurves(pdp, view);
  const many = curves.length > 1;
  const legend = many ? { top: 0, type: 'scroll', data: curves.map((s) => s.name) } : undefined;
  const top = many ? 34 : 16;
  const withIce = ice.length > 0;
  const bold = withIce ? { lineStyle: { width: 3, color: ICE_COLOUR }, itemStyle: { color: ICE_COLOUR }, z: 3 } : {};
  if (pdp.kind === 'categorical' || pdp.kind === 'boolean' || pdp.kind === 'text') {
    const cats = pdp.grid.map(String);
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: number) => formatValue(v) },
      legend,
      grid: { left: 8, right: 16, top, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: cats, axisLabel: { interval: 0, rotate: cats.length > 5 ? 30 : 0, width: 110, overflow: 'truncate' } },
      // Bars start at zero, so their heights compare honestly.
      yAxis: { type: 'value', axisLabel: { formatter: (v: number) => formatValue(v) } },
      series: [
        ...curves.map((s) => ({
          name: s.name,
          type: 'bar',
          barMaxWidth: 36,
          data: s.values.map((v, i) => ({ value: v, itemStyle: { opacity: (current === null || cats[i] === String(current) ? 1 : 0.4) * (withIce ? 0.6 : 1) } })),
        })),
        ...iceSeries(ice, (i, v) => [cats[i], v]),
      ],
    };
  }
  const grid = pdp.grid.map(Number);
  const x = typeof current === 'number' && Number.isFinite(current) ? current : null;
  const all = [...curves.flatMap((s) => s.values), ...ice.flat()];
  const lo = Math.min(...all);
  const hi = Math.max(...all);
  const series: object[] = [
    ...iceSeries(ice, (i, v) => [grid[i], v]),
    ...curves.map((s) => ({ name: s.name, type: 'line', showSymbol: false, smooth: false, data: grid.map((g, i) => [g, s.values[i]]), ...bold })),
  ];
  if (x !== null) {
    series.push({
      name: 'this row',
      type: 'line',
      data: [[x, lo], [x, hi]],
      showSymbol: false,
      silent: true,
      lineStyle: { type: 'dashed', width: 1.5, color: '#8a8f98' },
      itemStyle: { color: '#8a8f98' },
      z: 2,
    });
    series.push({
      name: 'this row',
      type: 'scatter',
      symbolSize: 10,
      data: curves.map((s) => [x, valueAt(grid, s.values, x)]),
      itemStyle: { color: '#e0782f', borderColor: '#fff', borderWidth: 1.5 },
      z: 5,
    });
  }
  return {
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => formatValue(v) },
    legend,
    grid: { left: 8, right: 24, top, bottom: 8, containLabel: true },
    xAxis: { type: pdp.kind === 'date' ? 'time' : 'value', scale: true, axisLabel: pdp.kind === 'date' ? undefined : { formatter: (v: number) => formatValue(v) } },
    yAxis: { type: 'value', scale: true, axisLabel: { formatter: (v: number) => formatValue(v) } },
    series,
  };
}
