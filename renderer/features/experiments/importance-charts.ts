import type { CoefficientDto, ImportanceItemDto } from '../../../shared/api/runs-dto';
import type { ChartOption } from '../../charts/EChart';

const BLUE = '#2f6fdf';
const ORANGE = '#d9822b';

const escape = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** Features from most to least important, top at the top; each bar labelled with its value ± spread. */
export function importanceOption(items: ImportanceItemDto[], axis: string, format: (v: number) => string): ChartOption {
  const rows = [...items].sort((a, b) => a.importance - b.importance);
  const text = (r: ImportanceItemDto) => (r.std > 0 ? `${format(r.importance)} ± ${format(r.std)}` : format(r.importance));
  return {
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (ps: { dataIndex: number }[]) => `<b>${escape(rows[ps[0].dataIndex].feature)}</b><br/>${text(rows[ps[0].dataIndex])}`,
    },
    grid: { left: 8, right: 110, top: 8, bottom: 28, containLabel: true },
    xAxis: { type: 'value', name: axis, nameLocation: 'middle', nameGap: 22, axisLabel: { formatter: format } },
    yAxis: { type: 'category', data: rows.map((r) => r.feature), axisLabel: { interval: 0, width: 160, overflow: 'truncate' } },
    series: [{
      type: 'bar',
      data: rows.map((r) => r.importance),
      itemStyle: { color: BLUE, borderRadius: [0, 3, 3, 0] },
      barMaxWidth: 18,
      label: { show: true, position: 'right', fontSize: 11, formatter: (p: { dataIndex: number }) => text(rows[p.dataIndex]) },
    }],
  };
}

/** Signed coefficients, largest magnitude at the top: positive bars right (blue), negative left (orange). */
export function coefficientOption(items: CoefficientDto[], format: (v: number) => string): ChartOption {
  const rows = [...items].sort((a, b) => Math.abs(a.coefficient) - Math.abs(b.coefficient));
  const manyClasses = new Set(items.map((c) => c.class)).size > 1;
  const name = (c: CoefficientDto) => (manyClasses && c.class !== null ? `${c.feature} → ${c.class}` : c.feature);
  return {
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (ps: { dataIndex: number }[]) => {
        const c = rows[ps[0].dataIndex];
        const towards = c.class === null ? '' : `<br/>towards ${escape(c.class)}`;
        return `<b>${escape(c.feature)}</b><br/>column ${escape(c.column)}${towards}<br/>${format(c.coefficient)}`;
      },
    },
    grid: { left: 8, right: 36, top: 8, bottom: 28, containLabel: true },
    xAxis: { type: 'value', name: 'coefficient', nameLocation: 'middle', nameGap: 22 },
    yAxis: { type: 'category', data: rows.map(name), axisLabel: { interval: 0, width: 180, overflow: 'truncate' } },
    series: [{
      type: 'bar',
      data: rows.map((c) => ({ value: c.coefficient, itemStyle: { color: c.coefficient >= 0 ? BLUE : ORANGE } })),
      barMaxWidth: 18,
    }],
  };
}
