import { describe, expect, it } from 'vitest';
import type { PdpDto } from '../../../shared/api/methods/explorer';
import { pdpCurves, pdpOption, valueAt } from './charts';

describe('partial dependence chart', () => {
  it('interpolates the curve at the form value, clamped at the ends', () => {
    expect(valueAt([0, 10], [0, 100], 2.5)).toBe(25);
    expect(valueAt([0, 10], [0, 100], -1)).toBe(0);
    expect(valueAt([0, 10], [0, 100], 11)).toBe(100);
  });

  it('marks the form value on a numeric curve', () => {
    const option = pdpOption({ column: 'x', kind: 'numeric', grid: [0, 10], series: [{ name: 'y', values: [0, 100] }], backgroundRows: 10, ice: null }, 5) as { series: { type: string; data: unknown[] }[] };
    expect(option.series.map((s) => s.type)).toEqual(['line', 'line', 'scatter']);
    expect(option.series[2].data).toEqual([[5, 50]]);
  });

  it('draws categories as bars, the current one solid', () => {
    const option = pdpOption({ column: 'c', kind: 'categorical', grid: ['a', 'b'], series: [{ name: 'y', values: [1, 2] }], backgroundRows: 10, ice: null }, 'b') as {
      series: { type: string; data: { itemStyle: { opacity: number } }[] }[];
    };
    expect(option.series[0].type).toBe('bar');
    expect(option.series[0].data.map((d) => d.itemStyle.opacity)).toEqual([0.4, 1]);
  });

  const binary: PdpDto = {
    column: 'x', kind: 'numeric', grid: [0, 5, 10], backgroundRows: 100,
    series: [{ name: 'no', values: [0.8, 0.6, 0.4] }, { name: 'yes', values: [0.2, 0.4, 0.6] }],
    ice: {
      rows: 2,
      series: [
        { name: 'no', curves: [[0.9, 0.8, 0.7], [0.7, 0.4, 0.1]] },
        { name: 'yes', curves: [[0.1, 0.2, 0.3], [0.3, 0.6, 0.9]] },
      ],
    },
  };

  it('draws the ICE curves of the focused class thin, under its bold mean', () => {
    const option = pdpOption(binary, 5, { ice: true, centered: false, focus: 'yes' }) as { series: { name?: string; type: string; silent?: boolean; data: number[][]; lineStyle?: { width: number } }[] };
    const lines = option.series.filter((s) => s.type === 'line' && s.silent && s.name === undefined);
    expect(lines.map((s) => s.data)).toEqual([[[0, 0.1], [5, 0.2], [10, 0.3]], [[0, 0.3], [5, 0.6], [10, 0.9]]]);
    expect(lines.every((s) => s.lineStyle!.width === 1)).toBe(true);
    const mean = option.series.find((s) => s.name === 'yes')!;
    expect(mean.lineStyle!.width).toBe(3);
    expect(option.series.some((s) => s.name === 'no')).toBe(false);
    // Without ICE: both classes' means, no thin lines.
    const plain = pdpOption(binary, 5, { ice: false, centered: false, focus: 'yes' }) as { series: { name?: string }[] };
    expect(plain.series.filter((s) => s.name === 'no' || s.name === 'yes')).toHaveLength(2);
    expect(plain.series.filter((s) => s.name === undefined)).toHaveLength(0);
  });

  it('centers every curve at its first grid value', () => {
    const c = pdpCurves(binary, { ice: true, centered: true, focus: 'yes' });
    expect(c.series).toEqual([{ name: 'yes', values: [0, expect.closeTo(0.2, 12), expect.closeTo(0.4, 12)] }]);
    expect(c.ice.map((v) => v.map((x) => Math.round(x * 10) / 10))).toEqual([[0, 0.1, 0.2], [0, 0.3, 0.6]]);
    // A regression curve (no focus) with ICE.
    const reg = pdpCurves({ ...binary, series: [binary.series[1]], ice: { rows: 2, series: [binary.ice!.series[1]] } }, { ice: true, centered: false, focus: null });
    expect(reg.ice).toHaveLength(2);
  });
});
