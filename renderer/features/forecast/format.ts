import type { ForecastFrequency, ForecastMetricsDto } from '../../../shared/api/forecast-dto';
import { FORECAST_MODEL_SPECS, type ForecastModelId } from '../../../shared/families/forecast';
import { formatMetric, formatMetricOf } from '../experiments/format';

/** A grid time (epoch ms, UTC) as precise as its frequency: 1960-12 for months, 2024-03-01 14:00 for hours. */
export function formatGridTime(t: number, frequency: ForecastFrequency | null): string {
  const iso = new Date(t).toISOString();
  switch (frequency) {
    case 'yearly':
      return iso.slice(0, 4);
    case 'quarterly':
      return `${iso.slice(0, 4)} Q${Math.floor(new Date(t).getUTCMonth() / 3) + 1}`;
    case 'monthly':
      return iso.slice(0, 7);
    case 'hourly':
      return `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
    default:
      return iso.slice(0, 10);
  }
}

export const modelLabel = (id: string) => FORECAST_MODEL_SPECS[id as ForecastModelId]?.label ?? id;

/** "1 series" / "12 series" and friends. */
export const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString()} ${n === 1 ? one : many}`;

/** A coverage value (a share of 0..1) as a percentage. */
export const formatCoverage = (v: number | undefined) => (v === undefined || !Number.isFinite(v) ? '—' : `${(v * 100).toFixed(1)} %`);

/** Coverage within 5 points of its nominal level reads as calibrated. */
export function coverageVerdict(level: number, coverage: number | undefined): 'ok' | 'low' | 'high' | 'none' {
  if (coverage === undefined || !Number.isFinite(coverage)) return 'none';
  const diff = coverage * 100 - level;
  return Math.abs(diff) <= 5 ? 'ok' : diff < 0 ? 'low' : 'high';
}

/** Each metric column of the backtest tables: label, how to read it, how to print it. */
export function metricColumns(levels: number[]): { key: string; label: string; title: string; format: (m: ForecastMetricsDto) => string }[] {
  return [
    { key: 'mase', label: 'MASE', title: 'Mean absolute scaled error: below 1 beats the seasonal naive forecast', format: (m) => formatMetric(m.mase) },
    { key: 'mape', label: 'MAPE', title: 'Mean absolute percentage error', format: (m) => formatMetricOf('mape', m.mape) },
    { key: 'smape', label: 'sMAPE', title: 'Symmetric mean absolute percentage error', format: (m) => formatMetricOf('smape', m.smape) },
    { key: 'mae', label: 'MAE', title: 'Mean absolute error, in the target’s units', format: (m) => formatMetric(m.mae) },
    { key: 'rmse', label: 'RMSE', title: 'Root mean squared error, in the target’s units', format: (m) => formatMetric(m.rmse) },
    ...levels.map((l) => ({
      key: `coverage${l}`,
      label: `${l} % cov.`,
      title: `Share of actuals inside the ${l} % band (nominal ${l} %)`,
      format: (m: ForecastMetricsDto) => formatCoverage(m[`coverage${l}`]),
    })),
  ];
}
