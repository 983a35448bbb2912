import type { ForecastFrequency, ForecastPointDto, ForecastSeriesReportDto } from '../../../shared/api/forecast-dto';
import type { ChartOption } from '../../charts/EChart';
import { formatMetric } from '../experiments/format';
import { formatGridTime } from './format';

const HISTORY = '#2f6fdf';
const FORECAST = '#e0782f';
const WARN = '#d08a1a';
/** Beyond this many points the chart gets a zoom slider, opened on the recent end. */
const ZOOM_FROM = 400;

/** What the main chart shows beside the history: the future forecast, or one backtest origin. */
export type ForecastView = { kind: 'future' } | { kind: 'origin'; index: number };

interface MainInput {
  series: ForecastSeriesReportDto;
  levels: number[];
  frequency: ForecastFrequency;
  view: ForecastView;
  /** Test actuals (a test dataset was given): drawn after the history. */
  testActuals: boolean;
  dark: boolean;
  target: string;
}

type Pt = [number, number];
/** Widest band lightest; the narrower ones over it add up darker. A dark background needs more. */
const bandOpacity = (i: number, dark: boolean) => (dark ? 0.3 + 0.2 * i : 0.16 + 0.14 * i);
const key = (l: number) => String(l);

/** The points the view draws. */
export function viewPoints(s: ForecastSeriesReportDto, view: ForecastView): ForecastPointDto[] {
  return view.kind === 'future' ? s.forecast : (s.evaluation[view.index]?.points ?? []);
}

/** Actuals of the test period, once each (rolling origins repeat them). */
export function testActualsOf(s: ForecastSeriesReportDto): Pt[] {
  const byT = new Map<number, number>();
  for (const o of s.evaluation) for (const p of o.points) if (p.actual !== null) byT.set(p.t, p.actual);
  return [...byT.entries()].sort((a, b) => a[0] - b[0]);
}

/**
 * History, forecast mean, one shaded band per level (the stacked-area trick: an invisible lower
 * line, then the band's width stacked on it) and actuals over them.
 */
export function forecastOption(inp: MainInput): ChartOption {
  const { series: s, view } = inp;
  const points = viewPoints(s, view);
  const levels = [...inp.levels].sort((a, b) => b - a);
  const history: Pt[] = s.history.map((h) => [h.t, h.y]);
  const anchor = anchorOf(s, view, points, inp.testActuals);
  const mean: Pt[] = [...(anchor ? [anchor] : []), ...points.map((p): Pt => [p.t, p.mean])];
  const actuals: Pt[] = points.filter((p) => p.actual !== null).map((p) => [p.t, p.actual as number]);
  const testPoints = inp.testActuals && view.kind === 'future' ? testActualsOf(s) : [];
  // The test line starts at the last history point, so the two read as one series.
  const test: Pt[] = testPoints.length && history.length ? [history[history.length - 1], ...testPoints] : testPoints;
  const byT = new Map(points.map((p) => [p.t, p]));

  const bands = levels.flatMap((l, i) => {
    const stack = `band${l}`;
    const opacity = bandOpacity(i, inp.dark);
    const usable = points.filter((p) => Number.isFinite(p.lower[key(l)]) && Number.isFinite(p.upper[key(l)]));
    return [
      { name: `${l} % band`, type: 'line', stack, data: usable.map((p) => [p.t, p.lower[key(l)]]), lineStyle: { opacity: 0 }, showSymbol: false, silent: true, tooltip: { show: false }, itemStyle: { color: FORECAST } },
      {
        name: `${l} % band`,
        type: 'line',
        stack,
        data: usable.map((p) => [p.t, p.upper[key(l)] - p.lower[key(l)]]),
        lineStyle: { opacity: 0 },
        areaStyle: { color: FORECAST, opacity },
        showSymbol: false,
        silent: true,
        itemStyle: { color: FORECAST, opacity },
      },
    ];
  });

  const total = history.length + points.length + test.length;
  const first = history[0]?.[0] ?? points[0]?.t;
  const last = points[points.length - 1]?.t ?? history[history.length - 1]?.[0];
  const zoom = total > ZOOM_FROM && first !== undefined && last !== undefined;
  // Opened on the recent end: the last ~300 steps, at least four horizons.
  const shown = Math.max(300, 4 * points.length);
  const startValue = zoom ? (history[Math.max(0, history.length - shown)]?.[0] ?? first) : undefined;

  return {
    tooltip: {
      trigger: 'axis',
      formatter: (items: { axisValue: number }[]) => tooltipText(items[0]?.axisValue, inp, byT, history, test),
    },
    legend: {
      top: 0,
      data: [
        'history',
        ...(test.length ? ['test actuals'] : []),
        view.kind === 'future' ? 'forecast' : 'backtest forecast',
        // A band's own series has no visible line: its legend mark is a filled box.
        ...levels.map((l, i) => ({ name: `${l} % band`, icon: 'roundRect', itemStyle: { color: FORECAST, opacity: bandOpacity(i, inp.dark) } })),
        ...(actuals.length ? ['actual'] : []),
      ],
    },
    grid: { left: 64, right: 24, top: 36, bottom: zoom ? 72 : 36 },
    xAxis: { type: 'time' },
    yAxis: { type: 'value', scale: true, name: inp.target, nameTextStyle: { align: 'left' } },
    dataZoom: zoom ? [{ type: 'inside', startValue }, { type: 'slider', startValue, bottom: 12, height: 22 }] : [{ type: 'inside' }],
    series: [
      ...bands,
      { name: 'history', type: 'line', data: history, showSymbol: false, sampling: 'lttb', lineStyle: { width: 1.4, color: HISTORY }, itemStyle: { color: HISTORY } },
      ...(test.length ? [{ name: 'test actuals', type: 'line', data: test, showSymbol: false, lineStyle: { width: 1.4, color: inp.dark ? '#c9d1dc' : '#4a5563', type: 'dotted' }, itemStyle: { color: inp.dark ? '#c9d1dc' : '#4a5563' } }] : []),
      { name: view.kind === 'future' ? 'forecast' : 'backtest forecast', type: 'line', data: mean, showSymbol: false, lineStyle: { width: 2, color: FORECAST, type: 'dashed' }, itemStyle: { color: FORECAST } },
      ...(actuals.length ? [{ name: 'actual', type: 'scatter', data: actuals, symbolSize: 5, itemStyle: { color: inp.dark ? '#f1f3f5' : '#1d2125' }, z: 5 }] : []),
    ],
  };
}

/** The last known value before the forecast starts, so the mean line continues the history. */
function anchorOf(s: ForecastSeriesReportDto, view: ForecastView, points: ForecastPointDto[], testActuals: boolean): Pt | null {
  if (points.length === 0) return null;
  if (view.kind === 'future' && testActuals) {
    const test = testActualsOf(s).filter(([t]) => t < points[0].t);
    if (test.length) return test[test.length - 1];
  }
  const before = s.history.filter((h) => h.t < points[0].t);
  const last = before[before.length - 1];
  return last ? [last.t, last.y] : null;
}

function tooltipText(t: number | undefined, inp: MainInput, byT: Map<number, ForecastPointDto>, history: Pt[], test: Pt[]): string {
  if (t === undefined) return '';
  const lines = [`<b>${formatGridTime(t, inp.frequency)}</b>`];
  const h = history.find(([x]) => x === t) ?? test.find(([x]) => x === t);
  if (h) lines.push(`${inp.target}: ${formatMetric(h[1])}`);
  const p = byT.get(t);
  if (p) {
    lines.push(`forecast: ${formatMetric(p.mean)}`);
    for (const l of [...inp.levels].sort((a, b) => b - a)) {
      const lo = p.lower[key(l)];
      const hi = p.upper[key(l)];
      if (Number.isFinite(lo) && Number.isFinite(hi)) lines.push(`${l} %: ${formatMetric(lo)} – ${formatMetric(hi)}`);
    }
    if (p.actual !== null) lines.push(`actual: ${formatMetric(p.actual)}`);
  }
  return lines.join('<br/>');
}

/** One component over history and horizon: solid over the history, dashed over the horizon; changepoints marked. */
export function componentOption(c: ForecastSeriesReportDto['components'][number], historyEnd: number | null, frequency: ForecastFrequency): ChartOption {
  const data: Pt[] = c.t.map((t, i) => [t, c.values[i]]);
  const split = historyEnd === null ? data.length : data.findIndex(([t]) => t > historyEnd);
  const past = split < 0 ? data : data.slice(0, split);
  const future = split < 0 ? [] : data.slice(Math.max(0, split - 1));
  const valueAt = (t: number) => {
    let best = data[0];
    for (const d of data) if (Math.abs(d[0] - t) < Math.abs(best[0] - t)) best = d;
    return best?.[1] ?? 0;
  };
  const cps = (c.changepoints ?? []).map((cp) => ({ value: [cp.t, valueAt(cp.t), cp.delta], itemStyle: { color: cp.delta >= 0 ? '#2f855a' : '#c53030' } }));
  return {
    tooltip: {
      trigger: 'axis',
      formatter: (items: { axisValue: number; seriesName: string; value: number[] }[]) => {
        const t = items[0]?.axisValue;
        const cp = items.find((i) => i.seriesName === 'changepoint');
        const v = items.find((i) => i.seriesName !== 'changepoint');
        return [`<b>${formatGridTime(t, frequency)}</b>`, v ? `${c.name}: ${formatMetric(v.value[1])}` : '', cp ? `trend change ${cp.value[2] >= 0 ? '+' : ''}${formatMetric(cp.value[2])} per step` : '']
          .filter(Boolean)
          .join('<br/>');
      },
    },
    grid: { left: 56, right: 16, top: 12, bottom: 28 },
    xAxis: { type: 'time' },
    yAxis: { type: 'value', scale: true },
    series: [
      { name: 'fitted', type: 'line', data: past, showSymbol: false, lineStyle: { width: 1.4, color: HISTORY }, itemStyle: { color: HISTORY } },
      { name: 'horizon', type: 'line', data: future, showSymbol: false, lineStyle: { width: 1.6, color: FORECAST, type: 'dashed' }, itemStyle: { color: FORECAST } },
      ...(cps.length ? [{ name: 'changepoint', type: 'scatter', data: cps, symbol: 'diamond', symbolSize: 9, z: 5 }] : []),
    ],
  };
}

/** Residual autocorrelation by lag, with the ±band outside which a lag is more than noise. */
export function acfOption(acf: ForecastSeriesReportDto['residualAcf'], band: number, dark: boolean): ChartOption {
  const lags = acf.map((a) => a.lag);
  const edge = (v: number): Pt[] => [
    [lags[0] ?? 1, v],
    [lags[lags.length - 1] ?? 1, v],
  ];
  return {
    tooltip: { trigger: 'axis', formatter: (items: { axisValue: number; value: number[] }[]) => `lag ${items[0]?.axisValue}: ${formatMetric(items[0]?.value?.[1])}` },
    grid: { left: 56, right: 16, top: 16, bottom: 40 },
    xAxis: { type: 'value', name: 'lag', nameLocation: 'middle', nameGap: 26, min: 0, max: (lags[lags.length - 1] ?? 1) + 1, minInterval: 1 },
    // Rounded out to tenths, so the ends do not collide with the axis's own labels.
    yAxis: {
      type: 'value',
      min: (v: { min: number }) => Math.floor(Math.min(-band * 1.5, v.min) * 10) / 10,
      max: (v: { max: number }) => Math.ceil(Math.max(band * 1.5, v.max) * 10) / 10,
      axisLabel: { formatter: (v: number) => v.toFixed(1) },
    },
    series: [
      {
        name: 'acf',
        type: 'bar',
        barMaxWidth: 14,
        data: acf.map((a) => ({ value: [a.lag, a.value], itemStyle: { color: Math.abs(a.value) > band ? WARN : dark ? '#7fa6f2' : HISTORY } })),
      },
      { name: '+band', type: 'line', data: edge(band), showSymbol: false, silent: true, tooltip: { show: false }, lineStyle: { type: 'dashed', width: 1, color: '#999' }, itemStyle: { color: '#999' } },
      { name: '−band', type: 'line', data: edge(-band), showSymbol: false, silent: true, tooltip: { show: false }, lineStyle: { type: 'dashed', width: 1, color: '#999' }, itemStyle: { color: '#999' } },
    ],
  };
}
