import type { ChartOption } from '../../charts/EChart';
import type { DeploymentDetailDto } from '../../../shared/api/methods/deployments';
import { formatValue, metricSeries, trafficSeries } from './view';

/** Stable in the accent blue, candidates in amber then violet; rollbacks in red. Readable on both themes. */
const VERSION_COLORS = ['#3b78d8', '#d08a1c', '#8a5cd1', '#2f9e6e'];
const ROLLBACK = '#d9433a';
const colorOf = (i: number) => VERSION_COLORS[i % VERSION_COLORS.length];
/** Times of day, with the date where a day begins (no bare year at the first tick). */
const TIME_AXIS = { type: 'time', axisLabel: { hideOverlap: true, formatter: { year: '{MM}-{dd}', month: '{MM}-{dd}', day: '{MM}-{dd}', hour: '{HH}:{mm}', minute: '{HH}:{mm}', second: '{HH}:{mm}:{ss}' } } };

/**
 * Share of served traffic per version over time, stacked to 100 %, with each canary decision as
 * a point at the candidate's new share (rollbacks red and larger).
 */
export function trafficOption(d: DeploymentDetailDto, dark: boolean): ChartOption {
  const { times, shares } = trafficSeries(d);
  const axisText = dark ? '#c9d1dc' : '#4a5563';
  return {
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => `${(v * 100).toFixed(0)} %` },
    legend: { top: 0, textStyle: { color: axisText } },
    grid: { left: 52, right: 20, top: 34, bottom: 30 },
    xAxis: TIME_AXIS,
    yAxis: { type: 'value', min: 0, max: 1, axisLabel: { formatter: (v: number) => `${Math.round(v * 100)} %` } },
    series: [
      ...d.versions.map((v, i) => ({
        name: `${v} (${i === 0 ? 'stable' : 'candidate'})`, type: 'line', stack: 'traffic', step: 'end', showSymbol: false,
        areaStyle: { opacity: 0.35 }, lineStyle: { width: 1.5, color: colorOf(i) }, itemStyle: { color: colorOf(i) },
        data: times.map((t, k) => [t, shares[v][k]]),
      })),
      ...(d.timeline.length
        ? [{
            name: 'decisions', type: 'scatter', z: 5, itemStyle: { color: dark ? '#e6e8eb' : '#1d2125' }, tooltip: { trigger: 'item', formatter: (p: { data: { action: string; value: [number, number] } }) => `${p.data.action}: candidate ${(p.data.value[1] * 100).toFixed(0)} %` },
            data: d.timeline.map((s) => ({
              value: [Date.parse(s.at), s.traffic.candidate / 100], action: s.action,
              symbolSize: s.action === 'rollback' ? 14 : 9, symbol: s.action === 'rollback' ? 'diamond' : 'circle',
              itemStyle: { color: s.action === 'rollback' ? ROLLBACK : dark ? '#e6e8eb' : '#1d2125', borderColor: dark ? '#16181b' : '#ffffff', borderWidth: 1.5 },
            })),
          }]
        : []),
    ],
  };
}

/** One metric per window for every version: the estimate as a line, its 95 % interval as a band. */
export function metricOption(d: DeploymentDetailDto, key: string, dark: boolean): ChartOption {
  const axisText = dark ? '#c9d1dc' : '#4a5563';
  const series = d.versions.flatMap((v, i) => {
    const pts = metricSeries(d, v, key);
    if (pts.length === 0) return [];
    const color = colorOf(i);
    const stack = `band-${v}`;
    return [
      // The band: the lower bound invisible, the width above it filled; both on the version's own stack.
      { name: `${v} lo`, type: 'line', stack, data: pts.map(([t, , lo]) => [t, lo]), showSymbol: false, lineStyle: { opacity: 0 }, tooltip: { show: false }, silent: true, legendHoverLink: false },
      { name: `${v} interval`, type: 'line', stack, data: pts.map(([t, , lo, hi]) => [t, hi - lo]), showSymbol: false, lineStyle: { opacity: 0 }, areaStyle: { color, opacity: dark ? 0.22 : 0.16 }, tooltip: { show: false }, silent: true },
      { name: v, type: 'line', data: pts.map(([t, e]) => [t, e]), showSymbol: pts.length < 40, symbolSize: 5, lineStyle: { width: 2, color }, itemStyle: { color } },
    ];
  });
  return {
    tooltip: { trigger: 'axis', valueFormatter: (x: number) => formatValue(key, x) },
    legend: { top: 0, data: d.versions, textStyle: { color: axisText } },
    grid: { left: 64, right: 20, top: 34, bottom: 30 },
    xAxis: TIME_AXIS,
    yAxis: { type: 'value', scale: true, axisLabel: { formatter: (x: number) => formatValue(key, x) } },
    series,
  };
}
