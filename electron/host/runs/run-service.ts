import { randomUUID } from 'node:crypto';
import type { RunArgs } from '../../../shared/api/methods/runs';
import type { MetricPointDto } from '../../../shared/api/dto';
import type { HostContext } from '../handlers/types';
import { APP_VERSION } from '../version';
import { resolveRun } from './resolve-run';
import { datasetStamp } from './dataset-stamp';
import { ApiError } from '../../../shared/api/errors';

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
 */
export function resumeRun(ctx: HostContext, ref: string): { runId: string; jobId: string } {
  const runId = ctx.repos.runs.resolve(ref);
  const run = ctx.repos.runs.get(runId, 2);
  const short = runId.slice(0, 8);
  if (run.status === 'running' || run.status === 'succeeded') throw new ApiError('conflict', `Run ${short} is ${run.status}; only a stopped run can be resumed`, { field: 'id' });
  const epoch = ctx.repos.runs.checkpointEpoch(runId);
  if (epoch === null) {
    throw new ApiError('bad_request', `Run ${short} has no checkpoint to resume from: only network runs (mlp) outside k-fold keep one, after their first whole epoch`, { field: 'id' });
  }
  const spec = resolveRun(ctx, ctx.repos.runs.args(runId));
  const dataset = ctx.repos.datasets.get(spec.datasetId);
  if (run.datasetVersion !== null && datasetStamp(dataset).datasetVersion !== run.datasetVersion) {
    throw new ApiError('conflict', `Run ${short} trained on version ${run.datasetVersion} of ${dataset.name}, which now has other rows; re-run it instead`, { field: 'id' });
  }
  ctx.repos.runs.reopen(runId);
  return trainJob(ctx, runId, spec, `Resume ${spec.family} on ${dataset.name} → ${spec.target} after epoch ${epoch}`, true, {});
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
