import type { OutcomesReportDto } from '../../../shared/api/outcomes-dto';
import type { ChartOption } from '../../charts/EChart';

/**
 * The headline metric per window with its 95 % band (a stacked area from the lower bound up to the
 * upper one) and the version's own test score as a dashed line.
 */
export function outcomeOption(r: OutcomesReportDto): ChartOption {
  const m = r.metric;
  const labels = r.windows.map((w) => w.label.replace(/^week of /, ''));
  const value = r.windows.map((w) => w.metrics[m]?.value ?? null);
  const lower = r.windows.map((w) => w.metrics[m]?.lower ?? null);
  const band = r.windows.map((w) => {
    const x = w.metrics[m];
    return x && x.lower !== null && x.upper !== null ? x.upper - x.lower : null;
  });
  const name = m === 'rmse' ? 'RMSE' : 'accuracy';
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0, data: [name, '95 % interval', ...(r.baseline !== null ? ['test score'] : [])] },
    grid: { left: 56, right: 20, top: 34, bottom: 36 },
    xAxis: { type: 'category', data: labels, axisLabel: { fontSize: 10, hideOverlap: true } },
    yAxis: { type: 'value', name, scale: true, nameTextStyle: { fontSize: 10 } },
    series: [
      { name: 'lower', type: 'line', data: lower, stack: 'band', symbol: 'none', lineStyle: { opacity: 0 }, tooltip: { show: false } },
      { name: '95 % interval', type: 'line', data: band, stack: 'band', symbol: 'none', lineStyle: { opacity: 0 }, areaStyle: { color: '#5b8ff0', opacity: 0.22 }, itemStyle: { color: '#5b8ff0' } },
      { name, type: 'line', data: value, symbolSize: 6, lineStyle: { width: 2, color: '#2563c9' }, itemStyle: { color: '#2563c9' } },
      ...(r.baseline !== null
        ? [{ name: 'test score', type: 'line', data: labels.map(() => r.baseline), symbol: 'none', lineStyle: { type: 'dashed', color: '#7a8599' }, itemStyle: { color: '#7a8599' } }]
        : []),
    ],
  };
}
