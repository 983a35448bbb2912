/** Forecast artifacts fitted here, for the export tests: the airline series with the per-series families. */
import fs from 'node:fs';
import path from 'node:path';
import type { ForecastArtifact } from '../../../models/forecast/artifact';
import { FORECAST_FAMILIES } from '../../../models/forecast/families';
import { buildSeries, type RegularSeries } from '../../../models/forecast/series';
import type { FamilyName } from '../../../models/forecast/types';

const CSV = path.resolve(import.meta.dirname, '../../../resources/samples/airline_passengers/airline-passengers.csv');

/** 1949-01 … 1960-12, monthly. */
export function airline(): RegularSeries & { months: string[] } {
  const rows = fs.readFileSync(CSV, 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
  const months = rows.map((r) => JSON.parse(r[0]) as string);
  return { ...buildSeries({ timestamps: months, values: rows.map((r) => Number(r[1])) }), months };
}

export interface FittedSeries {
  id: string;
  /** Values the model is fitted on; the rest of `all` is newer history. */
  fitted: number;
  all: RegularSeries & { months: string[] };
}

/**
 * A ForecastArtifact as a forecast run stores it: each series fitted on its first `fitted` values with a
 * per-series family. Several series get a series column ('line'); one series has none.
 */
export function fitArtifact(model: FamilyName, series: FittedSeries[], opts: { horizon?: number; params?: Record<string, unknown> } = {}): ForecastArtifact {
  const family = FORECAST_FAMILIES[model];
  if (!family) throw new Error(`no per-series family ${model}`);
  const seed = 7;
  const horizon = opts.horizon ?? 12;
  return {
    kind: 'forecast',
    version: 1,
    model,
    frequency: series[0].all.frequency,
    horizon,
    levels: [80, 95],
    seasonalPeriods: [12],
    columns: { time: 'Month', target: 'Passengers', series: series.length > 1 ? 'line' : null, covariates: [], futureCovariates: [], events: null },
    series: series.map((s) => ({ id: s.id, start: s.all.timestamps[0], length: s.fitted })),
    perSeries: series.map((s) => family.fit(s.all.values.slice(0, s.fitted), { seasonalPeriod: 12, seed, horizon, params: opts.params }).toJSON()),
    global: null,
    params: opts.params ?? {},
    seed,
  };
}

/** History rows of a series from index `from` on, as a request names them. */
export function historyRows(s: FittedSeries, from: number, opts: { columnNames?: boolean } = {}): Record<string, unknown>[] {
  const rows: Record<string, unknown>[] = [];
  for (let i = from; i < s.all.values.length; i++) {
    const row: Record<string, unknown> = opts.columnNames ? { Month: s.all.months[i], Passengers: s.all.values[i] } : { t: s.all.months[i], y: s.all.values[i] };
    if (s.id !== '') row[opts.columnNames ? 'line' : 'series'] = s.id;
    rows.push(row);
  }
  return rows;
}
