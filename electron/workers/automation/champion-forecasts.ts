/**
 * A stored forecaster's forecasts from origins inside data it never fitted: at each origin its state is moved
 * on through the values before it, without a refit (the forecasting runtime, as `lathe predict --history`
 * does), and it forecasts from there. Series sharing an origin are forecast together. Used to judge a
 * champion against a challenger and to read a champion's live error on the newest data.
 */
import type { Database } from 'better-sqlite3';
import { readRuntimeRows } from '../../data/forecast/runtime-rows';
import { ApiError } from '../../../shared/api/errors';
import type { ForecastArtifact } from '../../../models/forecast/artifact';
import { gridTimestamp } from '../../../models/forecast/frequency';
import { ForecastInputError } from '../../../models/forecast/errors';
import { loadForecaster, type ForecastRequest, type ForecastRow } from '../../../models/forecast/runtime';
import type { TaskContext } from '../protocol';

export const iso = (ms: number) => new Date(ms).toISOString().replace(/T00:00:00\.000Z$/, '');

/** The first grid time after the model's data of series `id`; undefined for a series it does not know. */
export function modelEnd(artifact: ForecastArtifact): (id: string) => number | undefined {
  const known = new Map(artifact.series.map((s) => [s.id, s]));
  return (id) => {
    const s = known.get(id);
    return s && gridTimestamp(artifact.frequency, s.start, s.length);
  };
}

/** A dataset's rows under the model's column names, by series id ('' for a single series), only the series kept. */
export function rowsBySeries(db: Database, datasetId: string, artifact: ForecastArtifact, keep: (id: string) => boolean): Map<string, ForecastRow[]> {
  const out = new Map<string, ForecastRow[]>();
  for (const r of readRuntimeRows(db, datasetId, artifact)) {
    const id = r.series === undefined || r.series === null ? '' : String(r.series);
    if (!keep(id)) continue;
    const rows = out.get(id);
    if (rows) rows.push(r);
    else out.set(id, [r]);
  }
  return out;
}

/**
 * The model's mean forecast of every (series, origin, step), keyed by `forecastKey`; `origins` maps each
 * origin (grid time) to its series and the steps to forecast. Null when cancelled.
 */
export async function forecastFromOrigins(
  artifact: ForecastArtifact, rows: Map<string, ForecastRow[]>, origins: Map<number, { ids: string[]; horizon: number }>,
  duplicates: ForecastRequest['duplicates'], ctx: Pick<TaskContext, 'cancelled' | 'progress'>, progress: { from: number; to: number },
): Promise<Map<string, number> | null> {
  const forecaster = loadForecaster(artifact);
  const out = new Map<string, number>();
  let done = 0;
  for (const [origin, { ids, horizon }] of [...origins].sort((x, y) => x[0] - y[0])) {
    if (ctx.cancelled()) return null;
    ctx.progress(progress.from + ((progress.to - progress.from) * done++) / origins.size, `forecasting from origin ${done} of ${origins.size} with the champion`);
    const mine = ids.flatMap((id) => rows.get(id) ?? []);
    const history = mine.filter((r) => (r.t as number) < origin);
    // The rows from the origin carry only their known-future covariates.
    const future = mine.filter((r) => (r.t as number) >= origin).map((r) => ({ ...r, y: null }));
    let points;
    try {
      points = await forecaster.forecast({ history, future, horizon, series: ids, duplicates });
    } catch (err) {
      if (err instanceof ForecastInputError) throw new ApiError('conflict', `The champion cannot forecast from ${iso(origin)}: ${err.message}`);
      throw err;
    }
    for (const p of points) out.set(forecastKey(p.series, origin, Date.parse(p.t)), p.mean);
  }
  return out;
}

export const forecastKey = (id: string, origin: number, t: number) => `${id}|${origin}|${t}`;
