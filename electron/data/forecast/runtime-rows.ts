/**
 * A dataset's rows as the forecasting runtime (models/forecast/runtime.ts) reads them: one object per
 * row under the stored model's column names. Shared by `forecast.predict` and the export's parity check.
 */
import type { Database } from 'better-sqlite3';
import type { ForecastArtifact } from '../../../models/forecast/artifact';
import type { ForecastRow } from '../../../models/forecast/runtime';
import { readForecastRows, type DatasetRole } from './columns';

export function readRuntimeRows(db: Database, datasetId: string, a: ForecastArtifact, role: DatasetRole = 'dataset'): ForecastRow[] {
  const c = a.columns;
  const roles = { time: c.time, target: c.target, series: c.series ?? undefined, covariates: c.covariates, futureCovariates: c.futureCovariates, events: c.events ?? undefined };
  const r = readForecastRows(db, datasetId, roles, role);
  const out: ForecastRow[] = new Array(r.rows);
  for (let i = 0; i < r.rows; i++) {
    const row: ForecastRow = { t: r.time[i], y: Number.isNaN(r.target[i]) ? null : r.target[i] };
    if (r.series) row.series = r.series[i];
    for (const [name, values] of r.covariates) row[name] = Number.isNaN(values[i]) ? null : values[i];
    if (r.events && c.events) row[c.events] = r.events[i];
    out[i] = row;
  }
  return out;
}
