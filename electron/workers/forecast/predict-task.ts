import fs from 'node:fs';
import path from 'node:path';
import { openDatabase } from '../../data/db/open';
import { RunsRepo } from '../../data/db/repos/runs-repo';
import { readRuntimeRows } from '../../data/forecast/runtime-rows';
import { makeDir } from '../../data/make-dir';
import { cleanLeftovers, commitTemp, refuseOverwrite, tempPathFor } from '../../data/output-files';
import { ApiError } from '../../../shared/api/errors';
import type { ForecastArtifact } from '../../../models/forecast/artifact';
import { ForecastInputError } from '../../../models/forecast/errors';
import { loadForecaster, type ForecastPoint, type ForecastRow } from '../../../models/forecast/runtime';
import type { Task } from '../protocol';

/**
 * Future values of a stored forecast model, as CSV (series, time, mean, lower/upper per level). A
 * history dataset moves each series' state on through its newer values first (no refit), with the
 * same runtime an export bundle runs, so the app's and the bundle's forecasts agree.
 */
export const forecastPredictTask: Task<'forecast.predict'> = async (a, ctx) => {
  const target = path.resolve(a.out);
  refuseOverwrite([target], a.force, path.dirname(target));
  ctx.progress(0, 'loading the model');
  const db = openDatabase(ctx.start.databasePath, { nativeBinding: ctx.start.nativeBinding });
  let artifact: ForecastArtifact | null;
  let history: ForecastRow[] = [];
  try {
    artifact = new RunsRepo(db).artifact<ForecastArtifact>(a.runId, 'model');
    if (!artifact || artifact.kind !== 'forecast') throw new ApiError('bad_request', `Run ${a.runId.slice(0, 8)} is not a forecast model`, { field: 'model' });
    if (a.historyDatasetId) history = readRuntimeRows(db, a.historyDatasetId, artifact, 'testDataset');
  } finally {
    db.close();
  }
  ctx.progress(0.2, 'forecasting');
  let points: ForecastPoint[];
  try {
    points = await loadForecaster(artifact).forecast({ history, horizon: a.horizon });
  } catch (err) {
    if (err instanceof ForecastInputError) throw new ApiError('bad_request', err.message, { field: a.historyDatasetId ? 'history' : 'horizon' });
    throw err;
  }
  if (ctx.cancelled()) return null;
  makeDir(path.dirname(target), 'out');
  cleanLeftovers(path.dirname(target));
  const tmp = tempPathFor(target);
  try {
    fs.writeFileSync(tmp, toCsv(points, artifact), { flag: 'wx' });
    commitTemp(tmp, target, a.force);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw err;
  }
  return { rows: points.length, out: target, model: a.runId, horizon: a.horizon };
};

const csvCell = (v: unknown) => {
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

function toCsv(points: ForecastPoint[], a: ForecastArtifact): string {
  const bounds = a.levels.flatMap((l) => [`lower${l}`, `upper${l}`]);
  const header = [a.columns.series ?? 'series', a.columns.time, 'mean', ...bounds];
  const lines = [header.map(csvCell).join(',')];
  for (const p of points) lines.push([p.series, p.t, p.mean, ...bounds.map((b) => p[b])].map(csvCell).join(','));
  return lines.join('\n') + '\n';
}
