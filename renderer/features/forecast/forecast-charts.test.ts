import { describe, expect, it } from 'vitest';
import type { ForecastPointDto, ForecastSeriesReportDto } from '../../../shared/api/forecast-dto';
import { acfOption, componentOption, forecastOption, testActualsOf } from './forecast-charts';
import { formatGridTime } from './format';

const DAY = 86_400_000;
const point = (t: number, mean: number, actual: number | null = null): ForecastPointDto => ({ t, mean, lower: { '80': mean - 1, '95': mean - 2 }, upper: { '80': mean + 1, '95': mean + 2 }, actual });

function series(historyLength: number, horizon = 3): ForecastSeriesReportDto {
  const history = Array.from({ length: historyLength }, (_, i) => ({ t: i * DAY, y: i }));
  const next = historyLength * DAY;
  return {
    id: 'all',
    history,
    forecast: Array.from({ length: horizon }, (_, i) => point(next + i * DAY, 100 + i)),
    evaluation: [{ origin: (historyLength - 4) * DAY, points: [point((historyLength - 3) * DAY, 50, 51), point((historyLength - 2) * DAY, 52, 49)] }],
    components: [],
    residualAcf: [],
    acfBand: 0.2,
    metrics: { mae: 1, rmse: 1, mape: 1, smape: 1, mase: 1 },
    describe: 'ETS(A,N,N)',
  };
}

type S = { name: string; stack?: string; data: unknown[]; areaStyle?: unknown; type: string };
const seriesOf = (o: ReturnType<typeof forecastOption>) => (o as { series: S[] }).series;
const input = (s: ForecastSeriesReportDto) => ({ series: s, levels: [80, 95], frequency: 'daily' as const, view: { kind: 'future' } as const, testActuals: false, dark: false, target: 'y' });

describe('forecast chart', () => {
  it('draws each band as an invisible lower line with its width stacked on it, widest first', () => {
    const out = seriesOf(forecastOption(input(series(10))));
    const bands = out.filter((s) => s.stack);
    expect(bands.map((b) => b.name)).toEqual(['95 % band', '95 % band', '80 % band', '80 % band']);
    expect(bands[0].data[0]).toEqual([10 * DAY, 98]);
    expect(bands[1].data[0]).toEqual([10 * DAY, 4]);
    expect(bands[1].areaStyle).toBeTruthy();
    expect(bands[0].areaStyle).toBeUndefined();
    expect(bands[3].data[0]).toEqual([10 * DAY, 2]);
  });

  it('continues the mean line from the last history point', () => {
    const mean = seriesOf(forecastOption(input(series(10)))).find((s) => s.name === 'forecast')!;
    expect(mean.data).toEqual([[9 * DAY, 9], [10 * DAY, 100], [11 * DAY, 101], [12 * DAY, 102]]);
  });

  it('shows a backtest origin with its actuals instead of the future', () => {
    const out = seriesOf(forecastOption({ ...input(series(10)), view: { kind: 'origin', index: 0 } }));
    expect(out.find((s) => s.name === 'backtest forecast')!.data).toEqual([[6 * DAY, 6], [7 * DAY, 50], [8 * DAY, 52]]);
    expect(out.find((s) => s.name === 'actual')!.data).toEqual([[7 * DAY, 51], [8 * DAY, 49]]);
  });

  it('adds test actuals once each, and a zoom slider opened on the recent end for long series', () => {
    const long = series(2000);
    long.evaluation.push({ origin: 0, points: [point(1997 * DAY, 1, 51), point(1999 * DAY, 1, 70)] });
    expect(testActualsOf(long)).toEqual([[1997 * DAY, 51], [1998 * DAY, 49], [1999 * DAY, 70]]);
    const o = forecastOption({ ...input(long), testActuals: true }) as { dataZoom: { type: string; startValue?: number }[] };
    expect(o.dataZoom.map((z) => z.type)).toEqual(['inside', 'slider']);
    expect(o.dataZoom[1].startValue).toBe((2000 - 300) * DAY);
    expect(seriesOf(o as never).find((s) => s.name === 'test actuals')!.data.slice(0, 2)).toEqual([[1999 * DAY, 1999], [1997 * DAY, 51]]);
    const short = forecastOption(input(series(100))) as { dataZoom: { type: string }[] };
    expect(short.dataZoom.map((z) => z.type)).toEqual(['inside']);
  });

  it('splits a component at the end of the history and marks changepoints at the trend', () => {
    const c = { name: 'trend', t: [0, DAY, 2 * DAY, 3 * DAY], values: [1, 2, 3, 4], changepoints: [{ t: DAY, delta: -0.5 }] };
    const out = (componentOption(c, DAY, 'daily') as { series: S[] }).series;
    expect(out[0].data).toEqual([[0, 1], [DAY, 2]]);
    expect(out[1].data).toEqual([[DAY, 2], [2 * DAY, 3], [3 * DAY, 4]]);
    expect((out[2].data[0] as { value: number[] }).value).toEqual([DAY, 2, -0.5]);
  });

  it('colours ACF bars outside the band', () => {
    const out = (acfOption([{ lag: 1, value: 0.1 }, { lag: 12, value: 0.5 }], 0.2, false) as { series: S[] }).series;
    const bars = out[0].data as { itemStyle: { color: string } }[];
    expect(bars[0].itemStyle.color).not.toBe(bars[1].itemStyle.color);
    expect(out[1].data).toEqual([[1, 0.2], [12, 0.2]]);
  });

  it('writes grid times as precisely as their frequency', () => {
    const t = Date.UTC(1960, 11, 1, 14, 30);
    expect(formatGridTime(t, 'monthly')).toBe('1960-12');
    expect(formatGridTime(t, 'quarterly')).toBe('1960 Q4');
    expect(formatGridTime(t, 'daily')).toBe('1960-12-01');
    expect(formatGridTime(t, 'hourly')).toBe('1960-12-01 14:30');
  });
});
