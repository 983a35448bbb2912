import { randomUUID } from 'node:crypto';
import type { RunArgs } from '../../../shared/api/methods/runs';
import type { MetricPointDto } from '../../../shared/api/dto';
import type { HostContext } from '../handlers/types';
import type { CompletedRun } from '../db/repos/runs-repo';
import { APP_VERSION } from '../version';
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
  const datasetId = ctx.repos.datasets.resolve(args.dataset, 'dataset');
  const testDatasetId = args.testDataset ? ctx.repos.datasets.resolve(args.testDataset, 'testDataset') : null;
  // Column mistakes are caught here, next to the form, not later in the worker.
  const columns = new Set(ctx.repos.datasets.columns(datasetId).map((c) => c.name));
  const missing = (name: string | undefined, field: string) => {
    if (name !== undefined && !columns.has(name)) throw new ApiError('bad_request', `The dataset has no column '${name}'`, { field });
  };
  missing(args.target, 'target');
  args.exclude.forEach((c) => missing(c, 'exclude'));
  if (args.split.kind === 'time') missing(args.split.column ?? '', 'split.column');
  if (args.exclude.includes(args.target)) throw new ApiError('bad_request', `The target '${args.target}' cannot also be excluded`, { field: 'exclude' });
  const split = testDatasetId && args.split.kind === 'random' ? { ...args.split, kind: 'holdout' as const } : args.split;
  const dataset = ctx.repos.datasets.get(datasetId);
  const runId = randomUUID();
  const spec = { ...args, dataset: datasetId, testDataset: testDatasetId ?? undefined, split };
  ctx.repos.runs.create({ id: runId, datasetId, testDatasetId, args: spec, datasetSha256: dataset.sourceSha256, versions: versions(ctx), sweepId: extras.sweepId });
  const job = ctx.jobs.start('runs.train', `Train ${args.family} on ${dataset.name} → ${args.target}`, { ...spec, runId, datasetId, testDatasetId }, {
    onMetrics: (points) => {
      ctx.repos.runs.addPoints(runId, points);
      extras.onPoints?.(runId, points);
    },
    onSucceeded: (result) => {
      const r = result as CompletedRun;
      ctx.repos.runs.complete(runId, r);
      ctx.events.emit('runs.changed', { runId });
      queueMicrotask(() => extras.onEnded?.(runId));
      return { runId, task: r.task, model: args.family, metrics: r.metrics, durationMs: Math.round(r.durationMs), backend: r.backend };
    },
    onFinished: (status, error) => {
      ctx.repos.runs.end(runId, status, error?.message ?? null);
      ctx.events.emit('runs.changed', { runId });
      queueMicrotask(() => extras.onEnded?.(runId));
    },
  });
  ctx.repos.runs.setJob(runId, job.id);
  ctx.events.emit('runs.changed', { runId });
  return { runId, jobId: job.id };
}
