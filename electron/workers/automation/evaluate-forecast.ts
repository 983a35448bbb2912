/**
 * Champion against challenger for forecasters, on the new data that neither fitted: per series, every
 * backtest origin of the challenger at or after the champion's end (unseen-origins.ts says which and why),
 * its forecast there from a fit on the values before the origin, and the champion's forecast from the same
 * origin, its stored state moved on through the values before it without a refit (the forecasting
 * runtime, as `lathe predict --history` does). Paired per point (series × origin × step) by the family's
 * paired metric.
 */
import type { Database } from 'better-sqlite3';
import type { RunsRepo } from '../../data/db/repos/runs-repo';
import { ApiError } from '../../../shared/api/errors';
import { PAIRED_METRIC } from '../../../shared/api/compare-rows';
import type { RunDetailDto, RunPredictionsDto } from '../../../shared/api/runs-dto';
import type { PlanAbDto } from '../../../shared/automation/dto';
import type { PlanEvaluateArgs } from '../../../shared/automation/evaluate';
import type { ForecastArtifact } from '../../../models/forecast/artifact';
import { gridIndex, gridTimestamp } from '../../../models/forecast/frequency';
import { regressionMetrics } from '../../../models/metrics/regression';
import type { TaskContext } from '../protocol';
import { forecastFromOrigins, forecastKey, iso, modelEnd, rowsBySeries } from './champion-forecasts';
import { pairedAb } from './paired-ab';
import { unseenOrigins } from './unseen-origins';

export async function evaluateForecast(db: Database, repo: RunsRepo, champion: RunDetailDto, challenger: RunDetailDto, args: PlanEvaluateArgs, ctx: TaskContext): Promise<PlanAbDto | null> {
  const artifact = repo.artifact<ForecastArtifact>(champion.id, 'model');
  if (artifact?.kind !== 'forecast') throw new ApiError('bad_request', "The champion's forecast model is not stored");
  const pb = repo.artifact<RunPredictionsDto>(challenger.id, 'predictions');
  if (!pb?.forecastPoints || !challenger.datasetId) throw new ApiError('bad_request', 'The challenger has no stored backtest points');
  const known = new Map(artifact.series.map((s) => [s.id, s]));
  const championEnd = modelEnd(artifact);
  const { series: judged, unknown, tooEarly } = unseenOrigins(pb.forecastPoints, championEnd);
  const named = (id: string) => (id ? `series ${JSON.stringify(id)}` : 'the series');
  if (judged.size === 0 && tooEarly.length === 0) throw new ApiError('conflict', `None of the challenger's series is one the champion forecasts (${unknown.slice(0, 3).map((s) => JSON.stringify(s)).join(', ')}…)`);
  if (tooEarly.length) {
    const { id, newest, end } = tooEarly[0];
    throw new ApiError('conflict', `The newest window of ${named(id)} starts at ${iso(newest)}, before the champion's data ends (${iso(end)}): the new data must add at least the horizon (${artifact.horizon} steps) so that neither model has seen the window`);
  }
  if (ctx.cancelled()) return null;
  const rowsOf = rowsBySeries(db, challenger.datasetId, artifact, (id) => judged.has(id));
  const byOrigin = new Map<number, { ids: string[]; horizon: number }>();
  for (const [id, origins] of judged) {
    for (const [origin, rows] of origins) {
      const o = byOrigin.get(origin) ?? { ids: [], horizon: 0 };
      byOrigin.set(origin, { ids: [...o.ids, id], horizon: Math.max(o.horizon, ...rows.map((i) => pb.forecastPoints!.step[i])) });
    }
  }
  const championAt = await forecastFromOrigins(artifact, rowsOf, byOrigin, champion.forecastSpec?.duplicates, ctx, { from: 0.1, to: 0.3 });
  if (!championAt) return null;
  // Pair each of the challenger's judged points with the champion's forecast of the same time from the same origin.
  const rowsB: number[] = [];
  const meanA: number[] = [];
  // Points of one series and time from neighbouring origins share the actual value: one cluster each.
  const clusterOf = new Map<string, number>();
  const clusterIds: number[] = [];
  for (const [id, origins] of judged) {
    const s = known.get(id)!;
    for (const [origin, rows] of origins) {
      const originIndex = gridIndex(artifact.frequency, s.start, origin);
      for (const i of rows) {
        const t = gridTimestamp(artifact.frequency, s.start, originIndex + pb.forecastPoints.step[i] - 1);
        const a = championAt.get(forecastKey(id, origin, t));
        if (a === undefined) throw new ApiError('conflict', `The champion gave no forecast for ${id ? `series ${JSON.stringify(id)} at ` : ''}${iso(t)} from ${iso(origin)}; its grid is not the challenger's`);
        rowsB.push(i);
        meanA.push(a);
        const key = `${id}|${t}`;
        if (!clusterOf.has(key)) clusterOf.set(key, clusterOf.size);
        clusterIds.push(clusterOf.get(key)!);
      }
    }
  }
  const n = rowsB.length;
  const actual = rowsB.map((i) => pb.actual[i]);
  const valueB = rowsB.map((i) => pb.values[i]);
  const metric = PAIRED_METRIC.forecast;
  const on = (v: number[], units: Uint32Array) => regressionMetrics(Float64Array.from(units, (u) => actual[u]), Float64Array.from(units, (u) => v[u]))[metric];
  const windows = [...judged.values()].flatMap((o) => [...o.values()]);
  const steps = Math.max(...windows.map((rows) => rows.length));
  const perSeries = [...judged.values()].map((o) => o.size);
  const lo = Math.min(...perSeries);
  const hi = Math.max(...perSeries);
  const origins = lo === hi ? `${lo} backtest origin${lo === 1 ? '' : 's'}` : `${lo}–${hi} backtest origins`;
  const rowsNote = `${n.toLocaleString('en-US')} points that neither model fitted, from ${origins} per series after the champion's data ends (up to ${steps} steps each, ${judged.size.toLocaleString('en-US')} series): the challenger's forecast at each origin from a fit on the values before it, the champion's from the same origin with its state moved on through them` +
    (unknown.length ? `; ${unknown.length} series the champion does not know left out` : '') +
    `; resampled as ${clusterOf.size.toLocaleString('en-US')} (series, time) groups, since origins next to each other forecast the same times`;
  return pairedAb({
    championRunId: champion.id, challengerRunId: challenger.id, metric, n, rowsNote, unit: 'points',
    score: (u) => ({ a: on(meanA, u), b: on(valueB, u) }), clusters: { ids: clusterIds, count: clusterOf.size },
  }, args, ctx);
}
