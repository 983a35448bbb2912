/**
 * Fits one forecast run in this worker: reads the series (and the test dataset), runs the evaluation
 * protocol (protocol.ts), fits the final model on all the data, and returns the artifact, the report and
 * every scored point. The host resolved the columns, seasons and parameters before it started.
 */
import { ApiError } from '../../../shared/api/errors';
import type { ForecastJobArgs, TrainedForecastDto } from '../../../shared/api/jobs';
import type { ForecastReportDto, ForecastSeriesReportDto } from '../../../shared/api/forecast-dto';
import type { ForecastArtifact } from '../../../models/forecast/artifact';
import { ForecastInputError } from '../../../models/forecast/errors';
import type { FamilyName, ForecastModel } from '../../../models/forecast/types';
import { backendReport } from '../../../models/mlp/backend';
import { openDatabase } from '../../data/db/open';
import { readForecastRows } from '../../data/forecast/columns';
import { buildGridSeries, continueSeries, type GridSeries } from '../../data/forecast/series';
import type { Task, TaskContext } from '../protocol';
import { autoCandidates } from './candidates';
import { checkModelAvailable, fitModels, fitOne, fitOptions, type Fitted } from './fit-models';
import { planOrigins, runProtocol } from './protocol';
import { acf, componentsOf, forecastPoints, historyOf, metricsDto, oneStepResiduals } from './report-parts';
import { ScoredPoints } from './scored-points';
import { prepareSeries, type PreparedSeries } from './series-input';
import { evaluationNotes } from './notes';
import { FORECAST_WARM_START } from '../../../shared/families/warm-start';
import { FitSequence, type RunCheckpoint } from '../../../models/nn/train/checkpoint';
import { RunsRepo } from '../../data/db/repos/runs-repo';
import { isBusy } from '../../data/db/busy';
import { lstmForecastNetwork } from '../../../shared/nn/families';
import type { NetworkSpec } from '../../../shared/nn/index';

/** Series whose residual autocorrelation is computed (each costs a fit and a one-step replay). */
const MAX_ACF_SERIES = 20;
/** History points drawn over all series together, and at most per series. */
const HISTORY_BUDGET = 200_000;
const MAX_HISTORY = 5000;

export const forecastTask: Task<'forecast.train'> = async (a, ctx) => {
  try {
    return await fitForecast(a, ctx);
  } catch (e) {
    // The engine names the input at fault; the user sees it as a bad request naming that field.
    if (e instanceof ForecastInputError) throw new ApiError('bad_request', `${e.field}: ${e.message}`, { field: e.field });
    throw e;
  }
};

function readSeries(a: ForecastJobArgs, ctx: TaskContext): { train: GridSeries[]; series: PreparedSeries[] } {
  const db = openDatabase(ctx.start.databasePath, { nativeBinding: ctx.start.nativeBinding, readonly: true });
  try {
    const roles = { time: a.time, target: a.target, series: a.series, covariates: a.covariates, futureCovariates: a.futureCovariates, events: a.events };
    const train = buildGridSeries(readForecastRows(db, a.datasetId, roles), a.duplicates, a.series, a.time);
    const test = a.testDatasetId ? continueSeries(train, readForecastRows(db, a.testDatasetId, roles, 'testDataset'), a.duplicates, a.series) : null;
    if (test && test.every((t) => t.values.length === 0)) throw new ApiError('bad_request', 'The test dataset has no rows', { field: 'testDataset' });
    return { train, series: train.map((g, i) => prepareSeries(g, test?.[i] ?? null, a)) };
  } finally {
    db.close();
  }
}

/**
 * The LSTM's network fits (each backtest origin's, then the final one), checkpointed after every epoch on
 * the run while it is running; a resumed run hands each fit its stored state, so finished fits train nothing.
 */
function runCheckpoints(a: ForecastJobArgs, ctx: TaskContext): { fits: FitSequence; close(): void } {
  const db = openDatabase(ctx.start.databasePath, { nativeBinding: ctx.start.nativeBinding });
  try {
    const runs = new RunsRepo(db);
    const stored = a.resume ? runs.artifact<RunCheckpoint>(a.runId, 'checkpoint') : null;
    if (a.resume && !stored) throw new ApiError('bad_request', 'The run has no checkpoint to resume from', { field: 'id' });
    const fits = new FitSequence(stored, (c) => {
      try {
        runs.saveCheckpoint(a.runId, c);
      } catch (err) {
        // A busy database skips this epoch's checkpoint; the next epoch's replaces it.
        if (!isBusy(err)) throw err;
      }
    });
    return { fits, close: () => db.close() };
  } catch (err) {
    db.close();
    throw err;
  }
}

async function fitForecast(a: ForecastJobArgs, ctx: TaskContext): Promise<TrainedForecastDto | null> {
  const checkpoints = a.model === 'lstm' ? runCheckpoints(a, ctx) : null;
  try {
    return await fitWith(a, ctx, checkpoints?.fits ?? null);
  } finally {
    checkpoints?.close();
  }
}

async function fitWith(a: ForecastJobArgs, ctx: TaskContext, networkFits: FitSequence | null): Promise<TrainedForecastDto | null> {
  const t0 = performance.now();
  checkModelAvailable(a.model);
  ctx.progress(0, 'reading the series');
  const { train, series } = readSeries(a, ctx);
  const hasTest = a.testDatasetId !== null;
  const opts = { ...fitOptions(a), ...(networkFits ? { networkFits } : {}) };
  const shouldStop = () => ctx.cancelled();
  const total = series.length;
  const plans = series.map((s) => planOrigins(s, a, hasTest));
  const scored = new ScoredPoints(series, plans, a.levels);
  const chooses = a.model === 'auto' || a.model === 'ensemble';
  // Progress: evaluation from 3 %, the final fit after it, auto's candidates to 90 %, the report last.
  const evalSpan = chooses ? 0.45 : 0.7;
  let lastFit: Fitted | null = null;
  /** Values each series had at the last fit: what a global model's stored state has seen. */
  const fitLength = new Map<string, number>();
  let round = { k: 0, of: 1 };
  const result = await runProtocol(series, a, hasTest, {
    fit: async (inputs, k) => {
      for (const i of inputs) fitLength.set(i.id ?? '', i.y.length);
      lastFit = await fitModels(a.model, inputs, opts, {
        onProgress: (f, m) => ctx.progress(0.03 + evalSpan * ((round.k + f) / round.of), k === 0 ? m : `origin ${k + 1} of ${round.of}: ${m}`),
        onMetrics: (step, values) => ctx.metrics(step, values),
        shouldStop,
      });
      return lastFit;
    },
    onOrigin: (o) => scored.add(o),
    onProgress: (k, of) => {
      round = { k, of };
      ctx.progress(0.03 + evalSpan * (k / of), `forecasting from origin ${k + 1} of ${of}`);
    },
    shouldStop,
  });
  if (!result || ctx.cancelled()) return null;

  // The final model has seen every value: the training data, then the test dataset's where given.
  let final: Fitted;
  if (hasTest) {
    const members = result.models.map((m, i) => m ?? fitOne(a.model, { y: series[i].y, timeline: series[i].timeline }, opts));
    final = { members: members.filter((m): m is ForecastModel => m !== null), panel: (lastFit as Fitted | null)?.panel ?? null };
    if (final.members.length !== series.length) throw new ApiError('bad_request', 'Every series needs rows in the test dataset for a global model', { field: 'testDataset' });
  } else {
    for (const s of series) s.reveal(s.train);
    ctx.progress(0.03 + evalSpan, total > 1 ? `fitting the final models (${total} series)` : 'fitting the final model');
    const fitted = await fitModels(a.model, series.map((s) => ({ id: s.id, y: s.y, timeline: s.timeline })), opts, {
      onProgress: (f, m) => ctx.progress(0.03 + evalSpan + 0.12 * f, `final fit: ${m}`),
      shouldStop,
    });
    if (!fitted) return null;
    final = fitted;
  }

  let candidates: ForecastReportDto['candidates'] | null = null;
  if (chooses) {
    candidates = await autoCandidates(series, a, hasTest, opts, final.members, {
      onProgress: (f, m) => ctx.progress(0.62 + 0.28 * f, m),
      shouldStop,
    });
    if (!candidates) return null;
  }
  for (const s of series) s.reveal(s.y.length);
  ctx.progress(0.92, 'writing the report');
  // The LSTM: the backend chain tried and what trained its batches, as the last fit noted them.
  const device = a.model === 'lstm' ? backendReport() : null;
  const network = a.model === 'lstm' ? lstmNetworkOf(final.members[0]) : null;
  const report = { ...buildReport(a, train, series, final, scored, hasTest, result, candidates), ...(device ? { device } : {}), ...(network ? { network } : {}) };
  if (ctx.cancelled()) return null;
  return {
    metrics: report.metrics,
    // As tabular runs record it: what trained the network, plain TypeScript for the rest.
    backend: device ? (device.trainedOn ?? device.backend) : 'typescript-cpu',
    durationMs: performance.now() - t0,
    artifact: artifactOf(a, train, series, final, hasTest ? fitLength : null),
    report,
    predictions: scored.predictions(),
  };
}

function buildReport(
  a: ForecastJobArgs,
  train: readonly GridSeries[],
  series: readonly PreparedSeries[],
  final: Fitted,
  scored: ScoredPoints,
  hasTest: boolean,
  result: NonNullable<Awaited<ReturnType<typeof runProtocol>>>,
  candidates: ForecastReportDto['candidates'] | null,
): ForecastReportDto {
  const opts = fitOptions(a);
  const period = opts.seasonalPeriod ?? 1;
  const historyCap = Math.max(200, Math.min(MAX_HISTORY, Math.floor(HISTORY_BUDGET / series.length)));
  const reports: ForecastSeriesReportDto[] = series.map((s, i) => {
    const model = final.members[i];
    const forecast = model.forecast(a.horizon, a.levels);
    // Global models are fitted across series: a one-series refit is another model, so they show none.
    const residuals = i < MAX_ACF_SERIES && final.panel?.scope !== 'global'
      ? oneStepResiduals(s.y, s.train, period, (prefix) => fitOne(a.model, { y: prefix, timeline: s.timeline }, opts)!)
      : new Float64Array(0);
    const { acf: residualAcf, band } = acf(residuals, period > 1 ? 2 * period : 10);
    return {
      id: s.id,
      history: historyOf(s.y, s.train, s.timeline, historyCap),
      forecast: forecastPoints(forecast, s.timeline, s.y.length, a.horizon, a.levels),
      evaluation: scored.evaluation[i],
      components: componentsOf(model, s.timeline, a.horizon, MAX_HISTORY),
      residualAcf,
      acfBand: Number.isNaN(band) ? 0 : band,
      metrics: metricsDto(scored.seriesAccuracy(i), a.levels),
      describe: model.describe(),
    };
  });
  const metrics = metricsDto(result.overall, a.levels);
  const describe = reports.length === 1 ? reports[0].describe : `${a.model} on ${reports.length} series`;
  return {
    model: a.model,
    frequency: train[0].series.frequency,
    horizon: a.horizon,
    levels: a.levels,
    seasonalPeriods: a.season,
    evaluatedOn: hasTest ? 'test' : 'backtest',
    windows: hasTest ? Math.max(0, ...series.map((s) => planOrigins(s, a, true).length)) : a.windows,
    metrics,
    perStep: result.perStep.map((s) => ({ step: s.step, ...metricsDto(s, a.levels) })),
    candidates: candidates ?? [{ model: a.model, describe, metrics, chosen: true }],
    series: reports,
    notes: [...(a.warmStartFrom ? [`Continued from run ${a.warmStartFrom.slice(0, 8)}: ${a.model} ${FORECAST_WARM_START.how}.`] : []), ...evaluationNotes(a, train, series, hasTest, result.overall.n)],
  };
}

function artifactOf(a: ForecastJobArgs, train: readonly GridSeries[], series: readonly PreparedSeries[], final: Fitted, fitLength: Map<string, number> | null): ForecastArtifact {
  // Per-series models are stored as they end, state moved on through every value; a global model as fitted.
  const global = final.panel?.scope === 'global' ? final.panel.toArtifactParts().global : null;
  return {
    kind: 'forecast',
    version: 1,
    model: a.model as FamilyName,
    frequency: train[0].series.frequency,
    horizon: a.horizon,
    levels: a.levels,
    seasonalPeriods: a.season,
    columns: { time: a.time, target: a.target, series: a.series ?? null, covariates: a.covariates, futureCovariates: a.futureCovariates, events: a.events ?? null },
    series: series.map((s) => ({ id: s.id, start: s.start, length: global && fitLength ? (fitLength.get(s.id) ?? s.y.length) : s.y.length })),
    perSeries: global ? null : final.members.map((m) => m.toJSON()),
    global,
    params: a.params,
    seed: a.seed,
  };
}

/** The network an LSTM forecaster trained, from the shape its model stores; null for a model without one. */
function lstmNetworkOf(model: ForecastModel | undefined): NetworkSpec | null {
  const shape = (model?.toJSON() as { network?: Parameters<typeof lstmForecastNetwork>[0] } | undefined)?.network;
  return shape ? lstmForecastNetwork(shape) : null;
}
