/**
 * The job contract: each kind of background job → the zod schema of its arguments, what its
 * worker returns (output) and what the job finally reports (result, after the host's own step).
 * JobManager.start parses arguments here once; tasks and hooks are typed from it.
 */
import { z } from 'zod';
import { columnType, importArgs } from './methods/datasets';
import { compareArgs, runArgs } from './methods/runs';
import { forecastArgs } from './methods/forecast';
import { recommendArgs } from './methods/recommend';
import { aggregatesArgs } from './methods/text';
import type { ImportResultDto } from './datasets-dto';
import type { CompareResultDto, RunPredictionsDto, RunReportDto, TrainOutcomeDto } from './runs-dto';
import type { ForecastOutcomeDto, ForecastReportDto } from './forecast-dto';
import type { RecommendOutcomeDto, RecommendReportDto } from './recommend-dto';
import type { ExportResultDto } from './methods/export';
import type { EntitiesOutcomeDto, SentimentOutcomeDto, TextAggregatesDto } from './text-dto';
import type { DriftReportDto } from './monitor-dto';
import type { OutcomesReportDto } from './outcomes-dto';
import { outcomeWindow } from './methods/outcomes';
import { ENSEMBLE_METHODS, type EnsembleOutcomeDto, type EnsembleReportDto } from './methods/ensemble';
import { TASKS, type Task } from '../families/task';
import { planEvaluateArgs, planLiveMetricArgs, planRunJobArgs, type PlanLiveMetricDto } from '../automation/evaluate';
import type { PlanAbDto, PlanRunDto } from '../automation/dto';

const isRecord = (v: unknown) => typeof v === 'object' && v !== null;
/** Results are produced by our own code; the check is shallow and the type comes from the DTO. */
export const dto = <T>() => z.custom<T>(isRecord, { error: 'expected an object' });

const id = z.string().min(1).max(64);

export const trainJobArgs = runArgs
  .extend({
    runId: id,
    datasetId: id,
    testDatasetId: id.nullable(),
    /** Resolved by the host before the job starts, so every door trains the same run. */
    task: z.enum(TASKS as [Task, ...Task[]]),
    params: z.record(z.string(), z.union([z.number(), z.string(), z.boolean(), z.array(z.number())])),
    /** Continue the run from its stored checkpoint (a network run that was cancelled or interrupted). */
    resume: z.boolean().optional(),
  })
  .strict();
export type TrainJobArgs = z.output<typeof trainJobArgs>;

/** What a training worker hands back: the headline numbers and the run's stored parts. */
export interface TrainedRunDto {
  task: Task;
  metrics: Record<string, number>;
  backend: string;
  durationMs: number;
  /** The model artifact (models/train's ModelArtifact), stored as JSON. */
  artifact: object;
  report: RunReportDto;
  predictions: RunPredictionsDto;
}

/**
 * A forecast run as the host resolved it (electron/host/runs/resolve-forecast.ts): datasets by id, the
 * seasonal periods explicit, every model parameter filled from its schema. Stored on the run, so a
 * re-run replays exactly this.
 */
export const forecastJobArgs = forecastArgs
  .extend({
    runId: id,
    datasetId: id,
    testDatasetId: id.nullable(),
    /** Resolved: the given periods, or those detection proposed that the data can carry (may be empty). */
    season: z.array(z.number().gt(1).max(100_000)),
    params: z.record(z.string(), z.union([z.number(), z.string(), z.boolean(), z.array(z.number())])),
    /** Continue the run from its stored checkpoint (an LSTM forecast that was cancelled or interrupted). */
    resume: z.boolean().optional(),
  })
  .strict();
export type ForecastJobArgs = z.output<typeof forecastJobArgs>;

/** What a forecasting worker hands back: the headline numbers and the run's stored parts. */
export interface TrainedForecastDto {
  metrics: Record<string, number>;
  backend: string;
  durationMs: number;
  /** models/forecast/artifact.ts ForecastArtifact, stored as JSON. */
  artifact: object;
  report: ForecastReportDto;
  /** One row per scored (series, origin, step), in that order (see RunPredictionsDto.forecastPoints). */
  predictions: RunPredictionsDto;
}

/**
 * A recommender run as the host resolved it (electron/host/runs/resolve-recommend.ts): datasets by id,
 * the split explicit (a test dataset means 'test'), every model parameter filled from its schema.
 * Stored on the run, so a re-run replays exactly this.
 */
export const recommendJobArgs = recommendArgs
  .extend({
    runId: id,
    datasetId: id,
    testDatasetId: id.nullable(),
    itemFeaturesId: id.nullable(),
    userFeaturesId: id.nullable(),
    params: z.record(z.string(), z.union([z.number(), z.string(), z.boolean(), z.array(z.number())])),
    /** Continue the run from its stored checkpoint (an ncf run that was cancelled or interrupted). */
    resume: z.boolean().optional(),
  })
  .strict();
export type RecommendJobArgs = z.output<typeof recommendJobArgs>;

/** What a recommender worker hands back: the headline numbers and the run's stored parts. */
export interface TrainedRecommendDto {
  metrics: Record<string, number>;
  backend: string;
  durationMs: number;
  /** models/recommend's RecommenderArtifact (the model's toJSON()), stored as the run's 'model' artifact. */
  artifact: object;
  report: RecommendReportDto;
  /** Per evaluated user: ndcg@k (see RunPredictionsDto.recommendPoints). */
  predictions: RunPredictionsDto;
}

/** An ensemble as the host resolved it: each member's reference and run. */
export const ensembleJobArgs = z
  .object({
    runId: id,
    method: z.enum(ENSEMBLE_METHODS),
    members: z.array(z.object({ ref: z.string().min(1), runId: id }).strict()).min(2),
  })
  .strict();
export type EnsembleJobArgs = z.output<typeof ensembleJobArgs>;

/** What an ensemble worker hands back: a run's stored parts, its report carrying the members' scores. */
export interface BuiltEnsembleDto extends Omit<TrainedRunDto, 'report'> {
  report: RunReportDto & { ensemble: EnsembleReportDto };
}

/** Future values of a forecast run, written as CSV (implemented by the forecast.predict job). */
export const forecastPredictJobArgs = z
  .object({
    runId: id,
    horizon: z.number().int().min(1).max(100_000),
    /** Newer rows of the same series that move the model's state on before forecasting. */
    historyDatasetId: id.nullable(),
    out: z.string().min(1),
    force: z.boolean().default(false),
  })
  .strict();

export interface ForecastPredictResultDto {
  /** Rows written: series × horizon. */
  rows: number;
  out: string;
  /** What was forecast from: NAME@VERSION or the run id. */
  model: string;
  horizon: number;
}

export interface MachineCheckResultDto {
  steps: number;
  meanGflops: number;
  bestGflops: number;
  checksum: number;
}

export interface PredictResultDto {
  rows: number;
  out: string;
  model: string;
  /** The onnxruntime execution provider that ran the batches and why others were not used (absent when no row was read). */
  provider?: InferenceProviderDto;
}

/** An onnxruntime execution provider choice: the one used and each tried, with why it was not used. */
export interface InferenceProviderDto {
  used: 'webgpu' | 'cpu';
  tried: { name: string; ok: boolean; reason?: string }[];
}

/**
 * A text job that writes a derived dataset. `datasetId` is the NEW dataset's id (the table being
 * written), so that a host starting meanwhile keeps that table rather than drop it as an orphan.
 */
const derivedTextJobArgs = z.object({
  datasetId: id,
  sourceDatasetId: id,
  text: z.string().min(1).max(200),
  name: z.string().min(1).max(200),
});

/** A drift check as the host resolved it: datasets by id, the training run behind a model reference, columns with their kinds. */
export const driftJobArgs = z
  .object({
    reference: z.object({ datasetId: id, runId: id.nullable(), label: z.string().min(1) }).strict(),
    current: z.object({ datasetId: id, label: z.string().min(1) }).strict(),
    columns: z.array(z.object({ name: z.string().min(1), kind: z.enum(['numeric', 'categorical']) }).strict()).min(1),
    notes: z.array(z.string()).default([]),
  })
  .strict();
export type DriftJobArgs = z.output<typeof driftJobArgs>;

/** Outcomes against a version's predictions as the host resolved them: datasets by id, every column named and checked. */
export const outcomesJobArgs = z
  .object({
    model: z.string().min(1),
    task: z.enum(['regression', 'classification']),
    metric: z.enum(['rmse', 'accuracy']),
    baseline: z.number().nullable(),
    predictionsId: id,
    outcomesId: id,
    columns: z.object({ key: z.string().min(1), predicted: z.string().min(1), actual: z.string().min(1), time: z.string().min(1).nullable() }).strict(),
    /** Which dataset the time column is read from. */
    timeFrom: z.enum(['outcomes', 'predictions']).nullable(),
    window: outcomeWindow,
    /**
     * Sides that are model-server logs (shared/serving/logs.ts) imported as datasets: predictions keep the served
     * 'prediction' lines (of `version`, when given), outcomes keep the 'feedback' lines.
     */
    logs: z.object({ predictions: z.boolean(), outcomes: z.boolean(), version: z.string().nullable() }).strict(),
  })
  .strict();

interface JobDef<A extends z.ZodType, O, R> {
  args: A;
  /** Phantom: what the worker returns; never read at run time. */
  readonly output?: O;
  /** Phantom: what the job reports once the host's own step ran. */
  readonly result?: R;
}

function job<O, R = O>() {
  return <A extends z.ZodType>(args: A): JobDef<A, O, R> => ({ args });
}

export const jobKinds = {
  'system.machineCheck': job<MachineCheckResultDto>()(z.object({ seconds: z.number().min(0.1).max(3600) }).strict()),
  'datasets.import': job<ImportResultDto>()(
    importArgs
      .extend({
        datasetId: id,
        path: z.string().min(1),
        csvParser: z.enum(['scan', 'papa']).optional(),
        /** The existing dataset this file becomes the next version of (resolved by the host); `datasetId` names the file's own table. */
        target: z.object({ id, mode: z.enum(['append', 'reimport']) }).strict().optional(),
      })
      .strict(),
  ),
  'datasets.profile': job<{ datasetId: string; rows: number }>()(z.object({ datasetId: id }).strict()),
  /** A column's SQLite index, built off the host for a large table's first sort or range filter. */
  'datasets.index': job<{ datasetId: string; position: number; rows: number; ms: number }>()(
    z.object({ datasetId: id, position: z.number().int().min(0) }).strict(),
  ),
  'datasets.setColumnType': job<{ datasetId: string; position: number; type: z.output<typeof columnType>; missing: number }>()(
    z.object({ datasetId: id, position: z.number().int().min(0), type: columnType }).strict(),
  ),
  'runs.train': job<TrainedRunDto, TrainOutcomeDto>()(trainJobArgs),
  'runs.compare': job<CompareResultDto>()(compareArgs),
  'forecast.train': job<TrainedForecastDto, ForecastOutcomeDto>()(forecastJobArgs),
  'forecast.predict': job<ForecastPredictResultDto>()(forecastPredictJobArgs),
  'recommend.train': job<TrainedRecommendDto, RecommendOutcomeDto>()(recommendJobArgs),
  'models.ensemble': job<BuiltEnsembleDto, EnsembleOutcomeDto>()(ensembleJobArgs),
  'text.sentiment': job<SentimentOutcomeDto>()(derivedTextJobArgs.strict()),
  'text.entities': job<EntitiesOutcomeDto>()(derivedTextJobArgs.extend({ minDocuments: z.number().int().min(1).max(1000) }).strict()),
  'monitor.drift': job<DriftReportDto>()(driftJobArgs),
  'monitor.outcomes': job<OutcomesReportDto>()(outcomesJobArgs),
  /** A retraining plan's champion/challenger comparison on held-out rows neither trained on. */
  'automation.evaluate': job<PlanAbDto>()(planEvaluateArgs),
  'automation.liveMetric': job<PlanLiveMetricDto>()(planLiveMetricArgs),
  /** A whole plan run, start to decision; its work runs in the host (see HOST_JOB_KINDS) and waits on the jobs above. */
  'automation.plan': job<PlanRunDto>()(planRunJobArgs),
  'text.aggregates': job<TextAggregatesDto>()(aggregatesArgs.omit({ dataset: true }).extend({ datasetId: id }).strict()),
  'models.export': job<ExportResultDto>()(
    z
      .object({
        runId: id,
        ref: z.string().min(1),
        version: z.string().nullable(),
        /** 'forecast' for forecast runs, 'recommend' for recommender runs: the host chooses it. */
        format: z.enum(['onnx', 'tfjs', 'forecast', 'recommend']),
        outDir: z.string().min(1),
        /** Replace files of the same names already in outDir. */
        force: z.boolean().default(false),
      })
      .strict(),
  ),
  'models.predict': job<PredictResultDto>()(
    z
      .object({
        runId: id,
        input: z.string().min(1),
        inputName: z.string().optional(),
        out: z.string().min(1),
        /** Replace an existing file at out. */
        force: z.boolean().default(false),
      })
      .strict(),
  ),
};

export type JobKinds = typeof jobKinds;
export type JobKind = keyof JobKinds;

/**
 * Kinds whose work runs in the host process itself because it only orchestrates other jobs: listed,
 * waited for, cancelled and ended like any other job, but no worker runs them.
 */
export const HOST_JOB_KINDS = ['automation.plan'] as const satisfies readonly JobKind[];
export type HostJobKind = (typeof HOST_JOB_KINDS)[number];
/** The kinds a worker runs (each has a task in electron/workers/tasks). */
export type WorkerJobKind = Exclude<JobKind, HostJobKind>;
export function isHostJobKind(kind: string): kind is HostJobKind {
  return (HOST_JOB_KINDS as readonly string[]).includes(kind);
}
/** What a caller passes to JobManager.start (defaults may be omitted). */
export type JobArgsIn<K extends JobKind> = z.input<JobKinds[K]['args']>;
/** What a task receives. */
export type JobArgs<K extends JobKind> = z.output<JobKinds[K]['args']>;
export type JobOutput<K extends JobKind> = JobKinds[K] extends JobDef<z.ZodType, infer O, unknown> ? O : never;
export type JobResult<K extends JobKind> = JobKinds[K] extends JobDef<z.ZodType, unknown, infer R> ? R : never;

/** A worker's output as its kind's type, after a shallow check that it is an object. */
export function parseOutput<K extends JobKind>(kind: K, data: unknown): JobOutput<K> {
  return dto<JobOutput<K>>().parse(data, { error: () => `the ${kind} worker returned no result object` });
}

/** A finished job's stored result as its kind's type, after the same shallow check. */
export function parseResult<K extends JobKind>(kind: K, data: unknown): JobResult<K> {
  return dto<JobResult<K>>().parse(data, { error: () => `the ${kind} job has no result object` });
}

export function isJobKind(kind: string): kind is JobKind {
  return Object.prototype.hasOwnProperty.call(jobKinds, kind);
}
