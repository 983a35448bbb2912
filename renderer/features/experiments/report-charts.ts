import type { RunReportDto } from '../../../shared/api/runs-dto';
import type { ChartOption } from '../../charts/EChart';
import { formatMetric } from './format';

const BLUES = ['#eef3fc', '#b9cff5', '#6f9be9', '#2f6fdf', '#1a3f86'];

/** Rows: actual class; columns: predicted class; each cell with its count and share of its row. */
export function confusionOption(c: NonNullable<RunReportDto['confusion']>): ChartOption {
  const rowSums = c.matrix.map((row) => row.reduce((a, b) => a + b, 0));
  const data = c.matrix.flatMap((row, i) =>
    row.map((n, j) => {
      const share = rowSums[i] ? n / rowSums[i] : 0;
      // Dark cells get light text, light cells dark text, in either theme.
      return { value: [j, i, n, share], label: { color: share > 0.45 ? '#ffffff' : '#1d2125' } };
    }),
  );
  return {
    tooltip: {
      formatter: (p: { value: [number, number, number, number] }) =>
        `actual <b>${c.labels[p.value[1]]}</b><br/>predicted <b>${c.labels[p.value[0]]}</b><br/>${p.value[2].toLocaleString()} rows (${(p.value[3] * 100).toFixed(1)} % of the class)`,
    },
    grid: { left: 120, right: 24, top: 16, bottom: 64 },
    xAxis: { type: 'category', data: c.labels, name: 'predicted', nameLocation: 'middle', nameGap: 40, axisLabel: { interval: 0, rotate: c.labels.length > 6 ? 40 : 0 } },
    yAxis: { type: 'category', data: c.labels, name: 'actual', nameLocation: 'middle', nameGap: 96, inverse: true, axisLabel: { interval: 0 } },
    visualMap: { show: false, min: 0, max: 1, dimension: 3, inRange: { color: BLUES } },
    series: [
      {
        type: 'heatmap',
        data,
        label: {
          show: c.labels.length <= 12,
          formatter: (p: { value: number[] }) => `${p.value[2].toLocaleString()}\n${(p.value[3] * 100).toFixed(0)} %`,
          fontSize: 11,
          lineHeight: 15,
        },
        itemStyle: { borderColor: 'rgba(128,128,128,0.25)', borderWidth: 1 },
      },
    ],
  };
}

export function calibrationOption(points: NonNullable<RunReportDto['calibration']>): ChartOption {
  return {
    tooltip: {
      trigger: 'item',
      formatter: (p: { seriesName: string; value: number[]; dataIndex: number }) =>
        p.seriesName === 'model'
          ? `predicted ${(p.value[0] * 100).toFixed(1)} %<br/>observed ${(p.value[1] * 100).toFixed(1)} %<br/>${points[p.dataIndex].count.toLocaleString()} rows`
          : 'perfectly calibrated',
    },
    legend: { top: 0 },
    grid: { left: 56, right: 24, top: 32, bottom: 44 },
    xAxis: { type: 'value', min: 0, max: 1, name: 'mean predicted probability', nameLocation: 'middle', nameGap: 28 },
    yAxis: { type: 'value', min: 0, max: 1, name: 'fraction positive' },
    series: [
      { name: 'perfect', type: 'line', data: [[0, 0], [1, 1]], showSymbol: false, lineStyle: { type: 'dashed', width: 1, color: '#999' }, itemStyle: { color: '#999' } },
      { name: 'model', type: 'line', data: points.map((p) => [p.meanPredicted, p.fractionPositive]), symbolSize: 7 },
    ],
  };
}

export function residualOption(points: NonNullable<RunReportDto['residuals']>, target: string): ChartOption {
  let lo = Infinity;
  let hi = -Infinity;
  for (const p of points) {
    lo = Math.min(lo, p.actual, p.predicted);
    hi = Math.max(hi, p.actual, p.predicted);
  }
  return {
    tooltip: { trigger: 'item', formatter: (p: { value: number[] }) => (p.value.length === 2 ? `actual ${formatMetric(p.value[0])}<br/>predicted ${formatMetric(p.value[1])}` : '') },
    legend: { top: 0 },
    grid: { left: 72, right: 24, top: 32, bottom: 48 },
    xAxis: { type: 'value', name: `actual ${target}`, nameLocation: 'middle', nameGap: 30, scale: true },
    yAxis: { type: 'value', name: 'predicted', scale: true },
    series: [
      { name: 'test rows', type: 'scatter', symbolSize: 4, data: points.map((p) => [p.actual, p.predicted]), itemStyle: { opacity: 0.55 }, large: points.length > 2000 },
      { name: 'perfect', type: 'line', data: Number.isFinite(lo) ? [[lo, lo], [hi, hi]] : [], showSymbol: false, silent: true, lineStyle: { type: 'dashed', width: 1, color: '#999' }, itemStyle: { color: '#999' } },
    ],
  };
}
