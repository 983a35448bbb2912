import { randomUUID } from 'node:crypto';
import type { RecommendArgs } from '../../../shared/api/methods/recommend';
import type { RecommendMetricsDto } from '../../../shared/api/recommend-dto';
import type { HostContext } from '../handlers/types';
import { APP_VERSION } from '../version';
import { resolveRecommend, type ResolvedRecommend } from './resolve-recommend';
import { runLifecycle, type RunExtras } from './run-service';
import { datasetStamp } from './dataset-stamp';

function versions(ctx: HostContext): Record<string, string> {
  const sqlite = (ctx.db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
  return { lathe: APP_VERSION, node: process.versions.node, sqlite, electron: process.versions.electron ?? '' };
}

/** What the run stores: the contract's arguments, resolved (datasets by id, split and parameters explicit). */
export function storedRecommendArgs(spec: ResolvedRecommend): RecommendArgs {
  const { datasetId: _d, testDatasetId: _t, itemFeaturesId: _i, userFeaturesId: _u, ...args } = spec;
  return args;
}

/**
 * Records a recommender run and fits it in a worker ('recommend.train'). The model, report and per-user
 * points are written together, only when the job succeeded; a failed or cancelled run keeps none.
 */
export function startRecommend(ctx: HostContext, args: RecommendArgs, extras: RunExtras = {}): { runId: string; jobId: string } {
  const spec = resolveRecommend(ctx, args);
  const dataset = ctx.repos.datasets.get(spec.datasetId);
  const runId = randomUUID();
  ctx.repos.runs.createRecommend({ id: runId, datasetId: spec.datasetId, testDatasetId: spec.testDatasetId, args: storedRecommendArgs(spec), ...datasetStamp(dataset), versions: versions(ctx), sweepId: extras.sweepId });
  return recommendJob(ctx, runId, spec, `Recommend ${spec.item} to ${spec.user} of ${dataset.name} (${spec.model})`, false, extras);
}

/** The job of a recommender run, new or (ncf) resumed from its checkpoint (the caller reopened the run). */
export function recommendJob(ctx: HostContext, runId: string, spec: ResolvedRecommend, title: string, resume: boolean, extras: RunExtras = {}): { runId: string; jobId: string } {
  const life = runLifecycle(ctx, runId, extras);
  return life.attach(() =>
    ctx.jobs.start('recommend.train', title, { ...spec, runId, ...(resume ? { resume } : {}) }, {
      onMetrics: life.onMetrics,
      onSucceeded: (r) => {
        ctx.repos.runs.completeRecommend(runId, r);
        life.changedAndEnded();
        return { runId, task: 'recommend' as const, model: spec.model, metrics: r.report.metrics as RecommendMetricsDto, durationMs: Math.round(r.durationMs) };
      },
      onFinished: life.onFinished,
    }),
  );
}
