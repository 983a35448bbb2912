import { randomUUID } from 'node:crypto';
import type { RunArgs } from '../../../shared/api/methods/runs';
import type { MetricPointDto } from '../../../shared/api/dto';
import type { HostContext } from '../handlers/types';
import { APP_VERSION } from '../version';
import { resolveRun } from './resolve-run';
import { datasetStamp } from './dataset-stamp';
import { ApiError } from '../../../shared/api/errors';
import { resolveForecast } from './resolve-forecast';
import { forecastJob } from './forecast-service';
import { whyNoCheckpoint, type StoredRunArgs } from './resume-reason';
import { resolveRecommend } from './resolve-recommend';
import { recommendJob } from './recommend-service';

/** Library versions recorded on every run, so it can be re-run knowingly. */
function versions(ctx: HostContext): Record<string, string> {
  const sqlite = (ctx.db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
  return { lathe: APP_VERSION, node: process.versions.node, sqlite, electron: process.versions.electron ?? '' };
}

/**
 * Records a run and trains it in a worker. Curve points are saved in batches as they come;
 * the model artifact and final metrics are written together, only when training succeeded.
 */
export interface RunExtras {
  sweepId?: string;
  /** Called with each batch of curve points (sweeps watch them to stop bad trials). */
  onPoints?(runId: string, points: MetricPointDto[]): void;
  /** Called once the run has ended, whatever the outcome. */
  onEnded?(runId: string): void;
}

export function startRun(ctx: HostContext, args: RunArgs, extras: RunExtras = {}): { runId: string; jobId: string } {
  const spec = resolveRun(ctx, args);
  const dataset = ctx.repos.datasets.get(spec.datasetId);
  const runId = randomUUID();
  ctx.repos.runs.create({ id: runId, datasetId: spec.datasetId, testDatasetId: spec.testDatasetId, args: spec, ...datasetStamp(dataset), versions: versions(ctx), sweepId: extras.sweepId });
  return trainJob(ctx, runId, spec, `Train ${args.family} on ${dataset.name} → ${args.target}`, false, extras);
}

/**
 * Continues a cancelled, interrupted or failed network run from the checkpoint of its last whole epoch,
 * under the same run: same data, parameters and seed, so it ends where an uninterrupted run would.
 * Tabular runs (mlp, textnet) go on in a 'runs.train' job, LSTM forecasts in a 'forecast.train' job,
 * ncf recommenders in a 'recommend.train' job.
 */
export function resumeRun(ctx: HostContext, ref: string): { runId: string; jobId: string } {
  const runId = ctx.repos.runs.resolve(ref);
  const run = ctx.repos.runs.get(runId, 2);
  const short = runId.slice(0, 8);
  if (run.status === 'running' || run.status === 'succeeded') throw new ApiError('conflict', `Run ${short} is ${run.status}; only a stopped run can be resumed`, { field: 'id' });
  const stored = storedArgs(ctx, runId, run.family);
  const epoch = ctx.repos.runs.checkpointEpoch(runId);
  if (epoch === null) throw new ApiError('bad_request', `Run ${short} has no checkpoint to resume from: ${whyNoCheckpoint(stored)}`, { field: 'id' });
  if (stored.kind === 'ensemble') throw new ApiError('bad_request', `Run ${short} cannot be resumed: ${whyNoCheckpoint(stored)}`, { field: 'id' });
  const spec = stored.kind === 'train' ? resolveRun(ctx, stored.args) : stored.kind === 'forecast' ? resolveForecast(ctx, stored.args) : resolveRecommend(ctx, stored.args);
  const dataset = ctx.repos.datasets.get(spec.datasetId);
  if (run.datasetVersion !== null && datasetStamp(dataset).datasetVersion !== run.datasetVersion) {
    throw new ApiError('conflict', `Run ${short} trained on version ${run.datasetVersion} of ${dataset.name}, which now has other rows; re-run it instead`, { field: 'id' });
  }
  ctx.repos.runs.reopen(runId);
  if (stored.kind === 'forecast') {
    const f = spec as ReturnType<typeof resolveForecast>;
    return forecastJob(ctx, runId, f, `Resume the ${f.model} forecast of ${f.target} on ${dataset.name} after epoch ${epoch}`, true);
  }
  if (stored.kind === 'recommend') {
    const r = spec as ReturnType<typeof resolveRecommend>;
    return recommendJob(ctx, runId, r, `Resume ${r.model}: ${r.item} to ${r.user} of ${dataset.name} after epoch ${epoch}`, true);
  }
  const t = spec as ReturnType<typeof resolveRun>;
  return trainJob(ctx, runId, t, `Resume ${t.family} on ${dataset.name} → ${t.target} after epoch ${epoch}`, true, {});
}

/** The run's stored arguments, by the kind of run it is. */
function storedArgs(ctx: HostContext, runId: string, family: string | null): StoredRunArgs {
  const forecast = ctx.repos.runs.forecastArgs(runId);
  if (forecast) return { kind: 'forecast', args: forecast };
  const recommend = ctx.repos.runs.recommendArgs(runId);
  if (recommend) return { kind: 'recommend', args: recommend };
  if (family === 'ensemble') return { kind: 'ensemble' };
  return { kind: 'train', args: ctx.repos.runs.args(runId) };
}

function trainJob(ctx: HostContext, runId: string, spec: ReturnType<typeof resolveRun>, title: string, resume: boolean, extras: RunExtras): { runId: string; jobId: string } {
  const life = runLifecycle(ctx, runId, extras);
  return life.attach(() =>
    ctx.jobs.start('runs.train', title, { ...spec, runId, ...(resume ? { resume } : {}) }, {
      onMetrics: life.onMetrics,
      onFacts: (facts) => {
        if (!facts.backend) return;
        ctx.repos.runs.setBackend(runId, facts.backend);
        ctx.events.emit('runs.changed', { runId });
      },
      onSucceeded: (r) => {
        ctx.repos.runs.complete(runId, r);
        life.changedAndEnded();
        return { runId, task: r.task, model: spec.family, metrics: r.metrics, durationMs: Math.round(r.durationMs), backend: r.backend };
      },
      onFinished: life.onFinished,
    }),
  );
}

/**
 * What every kind of run does around its job: curve points saved (and passed to a sweep), the end
 * recorded, listeners told, and a run whose job could not start marked failed rather than left running.
 */
export function runLifecycle(ctx: HostContext, runId: string, extras: RunExtras) {
  const ended = () => queueMicrotask(() => extras.onEnded?.(runId));
  const changed = () => ctx.events.emit('runs.changed', { runId });
  return {
    onMetrics(points: MetricPointDto[]): void {
      ctx.repos.runs.addPoints(runId, points);
      extras.onPoints?.(runId, points);
    },
    changedAndEnded(): void {
      changed();
      ended();
    },
    onFinished(status: Parameters<HostContext['repos']['runs']['end']>[1], error?: { message: string } | null): void {
      ctx.repos.runs.end(runId, status, error?.message ?? null);
      changed();
      ended();
    },
    attach(start: () => { id: string }): { runId: string; jobId: string } {
      let job;
      try {
        job = start();
      } catch (err) {
        // The run row must not claim to be running without a job.
        ctx.repos.runs.end(runId, 'failed', (err as Error).message);
        throw err;
      }
      ctx.repos.runs.setJob(runId, job.id);
      changed();
      return { runId, jobId: job.id };
    },
  };
}
