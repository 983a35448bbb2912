import { inPercent } from '../../shared/metric-units';

/**
 * A metric as the CLI prints it, in its unit (shared/metric-units): MAPE 0.031 → "3.100 %", sMAPE 3.2
 * → "3.200 %", large errors in whole units, the rest to `digits` significant digits.
 */
export function metricText(key: string, v: number | null | undefined, digits = 4): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '–';
  const percent = inPercent(key, v);
  if (percent !== null) return `${percent.toPrecision(digits)} %`;
  return Math.abs(v) >= 1000 ? v.toFixed(0) : v.toPrecision(digits);
}

/** "mae 12.50  mape 3.100 %  …": a run's metrics on one line. */
export const metricsLine = (m: Record<string, number>) =>
  Object.entries(m)
    .map(([k, v]) => `${k} ${metricText(k, v)}`)
    .join('  ');
