/**
 * Exports a forecast run: model.json (the stored ForecastArtifact), forecast.mjs (the app's forecasting code as
 * one dependency-free module) and its examples, after proving that forecast.mjs reproduces the app's forecasts
 * and timing it. Family extras (gbdt trees in ONNX, the lstm network in TF.js) come from forecast-extras.ts.
 */
import { openDatabase } from '../../data/db/open';
import { RunsRepo } from '../../data/db/repos/runs-repo';
import { checkBundleTargets, forecastBundleFiles } from '../../data/bundle-files';
import { ApiError } from '../../../shared/api/errors';
import type { ExportResultDto } from '../../../shared/api/methods/export';
import type { ForecastArtifact } from '../../../models/forecast/artifact';
import type { Forecaster, loadForecaster } from '../../../models/forecast/runtime';
import type { TaskContext } from '../protocol';
import { writeBundle } from './bundle';
import type { ExportTaskArgs } from './export-task';
import { forecastModuleSource } from './forecast-build';
import { forecastExtras } from './forecast-extras';
import { checkForecastParity, engineCases, forecastLatency, type ParityCase } from './forecast-parity';
import { exampleRequest, forecastPy, forecastReadme } from './forecast-readme';
import { storedForecastCase } from './forecast-stored';

/** The bundle runs the app's own code: anything but rounding-free agreement is a fault. */
export const FORECAST_PARITY_LIMIT = 1e-9;

/** A forecast run's bundle (the host chose format 'forecast' from the run's stored model). */
export async function exportForecastRun(a: ExportTaskArgs, ctx: TaskContext): Promise<ExportResultDto> {
  const db = openDatabase(ctx.start.databasePath, { nativeBinding: ctx.start.nativeBinding });
  try {
    const artifact = new RunsRepo(db).artifact<ForecastArtifact>(a.runId, 'model');
    if (artifact?.kind !== 'forecast') throw new ApiError('bad_request', `Run ${a.runId.slice(0, 8)} has no forecast model to export`, { field: 'model' });
    const run = new RunsRepo(db).get(a.runId);
    return await exportForecast(a, ctx, { artifact, run, stored: storedForecastCase(db, run.id, artifact) });
  } finally {
    db.close();
  }
}

/** The written module itself, imported from its text: what the parity check and the timings run. */
async function importBundle(source: string): Promise<{ loadForecaster: typeof loadForecaster }> {
  return (await import(/* @vite-ignore */ `data:text/javascript;base64,${Buffer.from(source).toString('base64')}`)) as { loadForecaster: typeof loadForecaster };
}

export interface ForecastRunFacts {
  artifact: ForecastArtifact;
  run: { id: string; metrics: unknown; datasetSha256: string | null };
  /** The run's stored final forecast with the request that reproduces it, where it has one. */
  stored: ParityCase | null;
}

/** Checks the bundle against the app, times it and writes it; nothing is written when the check fails. */
export async function exportForecast(a: Pick<ExportTaskArgs, 'outDir' | 'force' | 'ref' | 'version'>, ctx: Pick<TaskContext, 'progress'>, facts: ForecastRunFacts): Promise<ExportResultDto> {
  const { artifact, run, stored } = facts;
  const names = forecastBundleFiles(artifact.model);
  // Files that would be replaced are refused before any work, not after it.
  checkBundleTargets(a.outDir, names, a.force);
  ctx.progress(0.05, 'bundling the forecasting runtime');
  const source = await forecastModuleSource();
  const modelJson = JSON.stringify(artifact);
  const bundle: Forecaster = (await importBundle(source)).loadForecaster(modelJson);

  ctx.progress(0.2, 'checking the bundle against the app');
  const cases: ParityCase[] = await engineCases(artifact);
  if (stored) cases.push(stored);
  const parity = await checkForecastParity(bundle, cases);
  const passed = parity.mismatches === 0 && parity.maxRel <= FORECAST_PARITY_LIMIT;
  if (!passed) {
    throw new ApiError(
      'conflict',
      `The bundle does not reproduce the app's forecasts (max relative difference ${parity.maxRel.toExponential(2)}, ${parity.mismatches} points at another series or time; limit ${FORECAST_PARITY_LIMIT}); nothing was written`,
      parity,
    );
  }
  ctx.progress(0.5, 'measuring latency');
  const latency = await forecastLatency(bundle, artifact);
  ctx.progress(0.7, 'writing the bundle');
  const extras = await forecastExtras(artifact, bundle, cases[0]);
  const created = new Date().toISOString();
  const describe = artifact.model;
  const limit = FORECAST_PARITY_LIMIT;
  const manifest = {
    format: 'forecast', lathe: 'lathe-forecast-export/1', model: a.ref, version: a.version, runId: run.id, family: artifact.model,
    frequency: artifact.frequency, horizon: artifact.horizon, levels: artifact.levels, columns: artifact.columns,
    series: artifact.series.length, metrics: run.metrics, datasetSha256: run.datasetSha256, seed: artifact.seed, created,
    parity: { ...parity, limit, passed }, latency, files: names, ...extras.manifest,
  };
  const texts = { ref: a.ref, version: a.version, created, datasetSha256: run.datasetSha256, parity: { ...parity, limit }, latency, ...extras.facts };
  const files = writeBundle(a.outDir, {
    'model.json': modelJson,
    'forecast.mjs': source,
    ...extras.files,
    'example-request.json': JSON.stringify(exampleRequest(artifact, cases[1].request), null, 2) + '\n',
    'forecast.py': forecastPy(),
    'README.md': forecastReadme(artifact, describe, texts),
    'manifest.json': JSON.stringify(manifest, null, 2) + '\n',
  }, { force: a.force });
  return {
    format: 'forecast', outDir: a.outDir, files, sizeBytes: Buffer.byteLength(modelJson) + Buffer.byteLength(source) + extras.bytes,
    parity: { rows: parity.rows, maxAbs: parity.maxAbs, maxRel: parity.maxRel, labelMismatches: parity.mismatches, passed },
    latency, inputs: extras.inputs, outputs: [
      { name: 'mean', meaning: 'point forecast' },
      ...artifact.levels.flatMap((l) => [{ name: `lower${l}`, meaning: `lower bound of the central ${l} % interval` }, { name: `upper${l}`, meaning: `upper bound of the central ${l} % interval` }]),
    ],
  };
}
