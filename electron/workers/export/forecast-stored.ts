/**
 * The run's own final forecast, as the app stored it when the run ended, with the request that asks the bundle
 * for it: the run's rows (training, then test) as history. The stored model has seen every value, so those rows
 * only bring covariates and events along the grid; the forecast starts where the run's did.
 */
import type { Database } from 'better-sqlite3';
import { RunsRepo } from '../../data/db/repos/runs-repo';
import { readRuntimeRows } from '../../data/forecast/runtime-rows';
import type { ForecastArtifact } from '../../../models/forecast/artifact';
import type { ForecastPoint } from '../../../models/forecast/runtime';
import type { ParityCase } from './forecast-parity';

export function storedForecastCase(db: Database, runId: string, a: ForecastArtifact): ParityCase | null {
  const run = new RunsRepo(db).get(runId);
  if (!run.forecast || !run.datasetId) return null;
  const history = readRuntimeRows(db, run.datasetId, a);
  if (run.testDatasetId) history.push(...readRuntimeRows(db, run.testDatasetId, a, 'testDataset'));
  const c = a.columns;
  const expected: ForecastPoint[] = run.forecast.series.flatMap((s) =>
    s.forecast.map((p) => {
      const point: ForecastPoint = { series: s.id, t: new Date(p.t).toISOString(), mean: p.mean };
      for (const l of a.levels) {
        point[`lower${l}`] = p.lower[String(l)];
        point[`upper${l}`] = p.upper[String(l)];
      }
      return point;
    }),
  );
  // A forecast the run made without some known-future value, or that is not a number, is no yardstick: the
  // bundle refuses the first (it asks for those values) and nothing equals the second.
  const given = new Set(history.filter((r) => c.futureCovariates.every((n) => typeof r[n] === 'number')).map((r) => `${r.series ?? ''} ${new Date(r.t as number).toISOString()}`));
  if (expected.some((p) => !Number.isFinite(p.mean) || (c.futureCovariates.length > 0 && !given.has(`${c.series ? p.series : ''} ${p.t}`)))) return null;
  const request = { history, series: run.forecast.series.map((s) => s.id), horizon: run.forecast.horizon, levels: run.forecast.levels, duplicates: run.forecastSpec?.duplicates ?? 'error' };
  return { name: "the run's final forecast", request, expected };
}
