import { describe, expect, it } from 'vitest';
import { pdpOption, valueAt } from './charts';

describe('partial dependence chart', () => {
  it('interpolates the curve at the form value, clamped at the ends', () => {
    expect(valueAt([0, 10], [0, 100], 2.5)).toBe(25);
    expect(valueAt([0, 10], [0, 100], -1)).toBe(0);
    expect(valueAt([0, 10], [0, 100], 11)).toBe(100);
  });

  it('marks the form value on a numeric curve', () => {
    const option = pdpOption({ column: 'x', kind: 'numeric', grid: [0, 10], series: [{ name: 'y', values: [0, 100] }], backgroundRows: 10 }, 5) as { series: { type: string; data: unknown[] }[] };
    expect(option.series.map((s) => s.type)).toEqual(['line', 'line', 'scatter']);
    expect(option.series[2].data).toEqual([[5, 50]]);
  });

  it('draws categories as bars, the current one solid', () => {
    const option = pdpOption({ column: 'c', kind: 'categorical', grid: ['a', 'b'], series: [{ name: 'y', values: [1, 2] }], backgroundRows: 10 }, 'b') as {
      series: { type: string; data: { itemStyle: { opacity: number } }[] }[];
    };
    expect(option.series[0].type).toBe('bar');
    expect(option.series[0].data.map((d) => d.itemStyle.opacity)).toEqual([0.4, 1]);
  });
});
