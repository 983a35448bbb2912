import type { RunDetailDto } from '../../../shared/api/runs-dto';
import { lttb, type XY } from '../../charts/downsample';
import type { ChartOption } from '../../charts/EChart';
import { formatValue, runDisplayName } from '../experiments/format';
import { curveMetricName } from '../experiments/curves';

/** Points per series: a few runs × two curves stay light whatever each run recorded. */
const MAX_POINTS = 600;

/** One colour per run, readable on light and dark; train dashed, validation solid. */
export const RUN_COLORS = ['#2f6fdf', '#e0782f', '#2f9e6b', '#c2417a', '#8a63d2', '#b59a1c', '#3aa5b8', '#8c5a3c'];
export const runColor = (i: number) => RUN_COLORS[i % RUN_COLORS.length];

export const runLabel = (r: Pick<RunDetailDto, 'family' | 'id' | 'name'>, i: number) => `${String.fromCharCode(65 + (i % 26))} · ${runDisplayName(r)}`;

/** Downsampled once per run and kept: curves of finished runs never change. */
const cache = new WeakMap<RunDetailDto['curves'], Record<string, XY[]>>();

export function sampledCurves(run: RunDetailDto): Record<string, XY[]> {
  const hit = cache.get(run.curves);
  if (hit) return hit;
  const out: Record<string, XY[]> = {};
  for (const [name, pts] of Object.entries(run.curves)) {
    const xy: XY[] = [];
    for (const p of pts) if (Number.isFinite(p.value)) xy.push([p.step, p.value]);
    if (xy.length) out[name] = lttb(xy, MAX_POINTS);
  }
  cache.set(run.curves, out);
  return out;
}

const CURVE_LABEL: Record<string, string> = { train: 'train', valid: 'valid' };

/** Train and validation curves of every run on one chart, a colour per run. */
export function overlayOption(runs: RunDetailDto[], dark: boolean): ChartOption {
  const series = runs.flatMap((run, i) => {
    const curves = sampledCurves(run);
    return Object.keys(curves)
      .sort((a, b) => (a === 'train' ? -1 : b === 'train' ? 1 : a.localeCompare(b)))
      .map((name) => ({
        name: runLabel(run, i),
        id: `${run.id}:${name}`,
        type: 'line',
        showSymbol: false,
        data: curves[name],
        lineStyle: { width: name === 'train' ? 1.2 : 1.8, type: name === 'train' ? 'dashed' : 'solid', opacity: name === 'train' ? 0.75 : 1 },
        color: runColor(i),
        tooltip: { valueFormatter: (v: number) => `${(CURVE_LABEL[name] ?? name)} ${formatValue(v)}` },
      }));
  });
  // One name when every run's curve measures the same thing; otherwise their names, joined.
  const yName = [...new Set(runs.filter((r) => Object.keys(r.curves).length > 0).map(curveMetricName))].join(' / ') || 'loss';
  return {
    title: series.length ? { show: false } : { text: 'None of these runs recorded a learning curve', left: 'center', top: 'middle', textStyle: { fontSize: 13, fontWeight: 'normal', color: '#888' } },
    tooltip: { trigger: 'axis' },
    legend: { top: 0, data: runs.map(runLabel), textStyle: { color: dark ? '#c9ced6' : '#39404a' } },
    grid: { left: 70, right: 24, top: 34, bottom: 44 },
    xAxis: { type: 'value', name: 'iteration', nameLocation: 'middle', nameGap: 28, min: 0, minInterval: 1, axisLabel: { formatter: (v: number) => (Number.isInteger(v) ? v.toLocaleString() : '') } },
    yAxis: { type: 'value', scale: true, name: yName, nameTextStyle: { align: 'left' }, axisLabel: { formatter: (v: number) => formatValue(v) } },
    dataZoom: [{ type: 'inside' }],
    series,
  };
}
