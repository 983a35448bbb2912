import { describe, expect, it } from 'vitest';
import type { SentimentIntervalDto } from '../../../shared/api/text-dto';
import { byGroupOption, overTimeOption, scoreBounds } from './text-charts';

const p = (key: string, mean: number, lo: number, hi: number, n = 10): SentimentIntervalDto => ({ key, mean, lo, hi, n, positive: null, negative: null });
type Series = { name: string; data: unknown[]; stack?: string; stackStrategy?: string };

describe('text charts', () => {
  it('bounds the score axis symmetrically around every interval, never past [-1, 1]', () => {
    expect(scoreBounds([p('a', 0.3, 0.22, 0.41)])).toEqual({ min: -0.5, max: 0.5, interval: 0.25 });
    expect(scoreBounds([p('a', -0.6, -0.66, -0.5), p('b', 0.1, 0.05, 0.2)])).toEqual({ min: -0.7, max: 0.7, interval: 0.35 });
    expect(scoreBounds([p('a', -0.9, -0.99, -0.8), p('b', 0.9, 0.8, 0.98)])).toEqual({ min: -1, max: 1, interval: 0.5 });
  });

  it('draws the interval as a band stacked on its lower edge across signs, and the mean over it', () => {
    const o = overTimeOption([p('2024-03-04', -0.1, -0.3, 0.1), p('2024-03-11', 0.2, 0.1, 0.3)], 'week', false) as { series: Series[]; xAxis: { data: string[] } };
    expect(o.xAxis.data).toEqual(['2024-03-04', '2024-03-11']);
    const [lower, band, mean] = o.series;
    expect(lower.data).toEqual([-0.3, 0.1]);
    expect(band.data.map((v) => Number((v as number).toFixed(6)))).toEqual([0.4, 0.2]);
    expect([lower.stack, band.stack, lower.stackStrategy, band.stackStrategy]).toEqual(['interval', 'interval', 'all', 'all']);
    expect(mean.data).toEqual([-0.1, 0.2]);
  });

  it('puts the largest group on top, one interval line per group and the means coloured by sign', () => {
    const o = byGroupOption([p('north', 0.5, 0.4, 0.6, 60), p('south', -0.4, -0.5, -0.3, 40)], false) as { series: Series[]; yAxis: { data: string[] } };
    expect(o.yAxis.data).toEqual(['south', 'north']);
    expect(o.series[1].data).toEqual([[0.4, 'north'], [0.6, 'north']]);
    const dots = o.series[2].data as { value: [number, string]; itemStyle: { color: string } }[];
    expect(dots.map((d) => d.value)).toEqual([[-0.4, 'south'], [0.5, 'north']]);
    expect(dots[0].itemStyle.color).not.toBe(dots[1].itemStyle.color);
  });
});
