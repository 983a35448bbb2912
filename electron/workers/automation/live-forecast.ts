/**
 * A forecast champion's live error for the metric trigger: its forecasts from the newest origins of data it
 * never fitted (per series, the newest `windows` origins after its data whose whole horizon has arrived, one
 * step apart, as its backtest placed them), against the values that arrived. MAE, the metric forecast runs
 * are judged on, so the baseline is the champion's own backtest MAE.
 */
import type { Database } from 'better-sqlite3';
import type { RunsRepo } from '../../data/db/repos/runs-repo';
import { ApiError } from '../../../shared/api/errors';
import { PAIRED_METRIC } from '../../../shared/api/compare-rows';
import type { RunDetailDto } from '../../../shared/api/runs-dto';
import type { PlanLiveMetricDto } from '../../../shared/automation/evaluate';
import { DEFAULT_BACKTEST_WINDOWS } from '../../../shared/families/forecast';
import type { ForecastArtifact } from '../../../models/forecast/artifact';
import { gridTimestamp } from '../../../models/forecast/frequency';
import type { TaskContext } from '../protocol';
import { forecastFromOrigins, forecastKey, modelEnd, rowsBySeries } from './champion-forecasts';

export async function liveForecastMetric(db: Database, repo: RunsRepo, champion: RunDetailDto, datasetId: string, ctx: Pick<TaskContext, 'cancelled' | 'progress'>): Promise<PlanLiveMetricDto> {
  const artifact = repo.artifact<ForecastArtifact>(champion.id, 'model');
  if (artifact?.kind !== 'forecast') throw new ApiError('bad_request', "The champion's forecast model is not stored");
  const metric = PAIRED_METRIC.forecast;
  const out: PlanLiveMetricDto = { metric, lowerIsBetter: true, value: null, baseline: champion.metrics?.[metric] ?? null, rows: 0, unit: 'points' };
  const end = modelEnd(artifact);
  const rows = rowsBySeries(db, datasetId, artifact, (id) => end(id) !== undefined);
  const H = artifact.horizon;
  const windows = champion.forecastSpec?.windows ?? DEFAULT_BACKTEST_WINDOWS;
  const byOrigin = new Map<number, { ids: string[]; horizon: number }>();
  const targets: { id: string; origin: number; t: number; y: number }[] = [];
  for (const [id, list] of rows) {
    const first = end(id)!;
    const actual = new Map<number, number>();
    for (const r of list) if ((r.t as number) >= first && typeof r.y === 'number') actual.set(r.t as number, r.y);
    const times = [...new Set(list.map((r) => r.t as number).filter((t) => t >= first))].sort((a, b) => a - b);
    if (times.length === 0) continue;
    const last = times[times.length - 1];
    for (const origin of times.filter((o) => gridTimestamp(artifact.frequency, o, H - 1) <= last).slice(-windows)) {
      byOrigin.set(origin, { ids: [...(byOrigin.get(origin)?.ids ?? []), id], horizon: H });
      for (let h = 0; h < H; h++) {
        const t = gridTimestamp(artifact.frequency, origin, h);
        const y = actual.get(t);
        if (y !== undefined) targets.push({ id, origin, t, y });
      }
    }
  }
  if (targets.length === 0) return out;
  const at = await forecastFromOrigins(artifact, rows, byOrigin, champion.forecastSpec?.duplicates, ctx, { from: 0.1, to: 0.9 });
  if (!at) return out;
  let sum = 0;
  for (const p of targets) {
    const mean = at.get(forecastKey(p.id, p.origin, p.t));
    if (mean === undefined) throw new ApiError('conflict', `The champion gave no forecast for ${p.id ? `series ${JSON.stringify(p.id)} at ` : ''}${new Date(p.t).toISOString()}; its grid is not the data's`);
    sum += Math.abs(p.y - mean);
  }
  return { ...out, value: sum / targets.length, rows: targets.length };
}
