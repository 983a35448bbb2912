/**
 * Champion against challenger for forecasters, on the newest window of the new series that neither
 * fitted: per series, the challenger's last backtest origin (its forecast of the last `horizon` steps from
 * a fit that ended before them) and the champion's forecast from the same origin, its stored state moved
 * on through the newer values before the origin without a refit (the forecasting runtime, as
 * `lathe predict --history` does). Paired per point (series × step) by the family's paired metric.
 */
import type { Database } from 'better-sqlite3';
import type { RunsRepo } from '../../data/db/repos/runs-repo';
import { readRuntimeRows } from '../../data/forecast/runtime-rows';
import { ApiError } from '../../../shared/api/errors';
import { PAIRED_METRIC } from '../../../shared/api/compare-rows';
import type { RunDetailDto, RunPredictionsDto } from '../../../shared/api/runs-dto';
import type { PlanAbDto } from '../../../shared/automation/dto';
import type { PlanEvaluateArgs } from '../../../shared/automation/evaluate';
import type { ForecastArtifact } from '../../../models/forecast/artifact';
import { gridIndex, gridTimestamp } from '../../../models/forecast/frequency';
import { ForecastInputError } from '../../../models/forecast/errors';
import { loadForecaster, type ForecastRow } from '../../../models/forecast/runtime';
import { regressionMetrics } from '../../../models/metrics/regression';
import type { TaskContext } from '../protocol';
import { pairedAb } from './paired-ab';

/** The challenger's points of its newest origin in each series: index into its predictions. */
function newestWindow(points: NonNullable<RunPredictionsDto['forecastPoints']>): Map<string, { origin: number; rows: number[] }> {
  const out = new Map<string, { origin: number; rows: number[] }>();
  points.series.forEach((s, i) => {
    const id = points.seriesIds[s];
    const o = points.origin[i];
    const cur = out.get(id);
    if (!cur || o > cur.origin) out.set(id, { origin: o, rows: [i] });
    else if (o === cur.origin) cur.rows.push(i);
  });
  return out;
}

const iso = (ms: number) => new Date(ms).toISOString().replace(/T00:00:00\.000Z$/, '');

export async function evaluateForecast(db: Database, repo: RunsRepo, champion: RunDetailDto, challenger: RunDetailDto, args: PlanEvaluateArgs, ctx: TaskContext): Promise<PlanAbDto | null> {
  const artifact = repo.artifact<ForecastArtifact>(champion.id, 'model');
  if (artifact?.kind !== 'forecast') throw new ApiError('bad_request', "The champion's forecast model is not stored");
  const pb = repo.artifact<RunPredictionsDto>(challenger.id, 'predictions');
  if (!pb?.forecastPoints || !challenger.datasetId) throw new ApiError('bad_request', 'The challenger has no stored backtest points');
  const known = new Map(artifact.series.map((s) => [s.id, s]));
  const windows = newestWindow(pb.forecastPoints);
  const unknown = [...windows.keys()].filter((id) => !known.has(id));
  for (const id of unknown) windows.delete(id);
  if (windows.size === 0) throw new ApiError('conflict', `None of the challenger's series is one the champion forecasts (${unknown.slice(0, 3).map((s) => JSON.stringify(s)).join(', ')}…)`);
  for (const [id, w] of windows) {
    const s = known.get(id)!;
    const end = gridTimestamp(artifact.frequency, s.start, s.length);
    if (w.origin < end) {
      throw new ApiError('conflict', `The newest window of ${id ? `series ${JSON.stringify(id)}` : 'the series'} starts at ${iso(w.origin)}, before the champion's data ends (${iso(end)}): the new data must add at least the horizon (${artifact.horizon} steps) so that neither model has seen the window`);
    }
  }
  if (ctx.cancelled()) return null;
  ctx.progress(0.1, 'forecasting the newest window with the champion');
  // The new data under the champion's column names: values before each origin move its state on, the
  // rows from the origin carry only their known-future covariates.
  const rows = readRuntimeRows(db, challenger.datasetId, artifact);
  const seriesOf = (r: ForecastRow) => (r.series === undefined || r.series === null ? '' : String(r.series));
  const byOrigin = new Map<number, string[]>();
  for (const [id, w] of windows) byOrigin.set(w.origin, [...(byOrigin.get(w.origin) ?? []), id]);
  const forecaster = loadForecaster(artifact);
  const championAt = new Map<string, number>();
  for (const [origin, ids] of byOrigin) {
    const wanted = new Set(ids);
    const mine = rows.filter((r) => wanted.has(seriesOf(r)));
    const history = mine.filter((r) => (r.t as number) < origin);
    const future = mine.filter((r) => (r.t as number) >= origin).map((r) => ({ ...r, y: null }));
    const horizon = Math.max(...ids.flatMap((id) => windows.get(id)!.rows.map((i) => pb.forecastPoints!.step[i])));
    let points;
    try {
      points = await forecaster.forecast({ history, future, horizon, series: ids, duplicates: champion.forecastSpec?.duplicates });
    } catch (err) {
      if (err instanceof ForecastInputError) throw new ApiError('conflict', `The champion cannot forecast the newest window: ${err.message}`);
      throw err;
    }
    for (const p of points) championAt.set(`${p.series}|${Date.parse(p.t)}`, p.mean);
  }
  // Pair each of the challenger's window points with the champion's forecast of the same time.
  const rowsB: number[] = [];
  const meanA: number[] = [];
  for (const [id, w] of windows) {
    const s = known.get(id)!;
    const originIndex = gridIndex(artifact.frequency, s.start, w.origin);
    for (const i of w.rows) {
      const t = gridTimestamp(artifact.frequency, s.start, originIndex + pb.forecastPoints.step[i] - 1);
      const a = championAt.get(`${id}|${t}`);
      if (a === undefined) throw new ApiError('conflict', `The champion gave no forecast for ${id ? `series ${JSON.stringify(id)} at ` : ''}${iso(t)}; its grid is not the challenger's`);
      rowsB.push(i);
      meanA.push(a);
    }
  }
  const n = rowsB.length;
  const actual = rowsB.map((i) => pb.actual[i]);
  const valueB = rowsB.map((i) => pb.values[i]);
  const metric = PAIRED_METRIC.forecast;
  const on = (v: number[], units: Uint32Array) => regressionMetrics(Float64Array.from(units, (u) => actual[u]), Float64Array.from(units, (u) => v[u]))[metric];
  const steps = Math.max(...[...windows.values()].map((w) => w.rows.length));
  const rowsNote = `${n.toLocaleString('en-US')} points of the newest window (up to ${steps} steps from its origin in ${windows.size.toLocaleString('en-US')} series) that neither model fitted: the challenger's last backtest origin, the champion forecasting from the same origin with its state moved on through the newer values` +
    (unknown.length ? `; ${unknown.length} series the champion does not know left out` : '');
  return pairedAb({ championRunId: champion.id, challengerRunId: challenger.id, metric, n, rowsNote, unit: 'points', score: (u) => ({ a: on(meanA, u), b: on(valueB, u) }) }, args, ctx);
}
