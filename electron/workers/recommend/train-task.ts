/**
 * Fits one recommender run in this worker: reads and splits the interactions (or reads the test
 * dataset), fits the model with progress, curves and cancel, evaluates it at k = 1 … maxK (all users,
 * cold users, cold items), runs the group protocol, maps the items, and returns the artifact (the
 * engine's RecommenderArtifact), the report and each evaluated user's ndcg@k. The host resolved the
 * columns and parameters before it started; a cancelled run returns nothing.
 */
import { ApiError } from '../../../shared/api/errors';
import type { RecommendJobArgs, TrainedRecommendDto } from '../../../shared/api/jobs';
import type { RecommendReportDto } from '../../../shared/api/recommend-dto';
import { RECOMMEND_DEFAULTS } from '../../../shared/families/recommend';
import { RecommendDataError } from '../../../models/recommend/data';
import { fitRecommender } from '../../../models/recommend/fit';
import { evaluateRecommender } from '../../../models/recommend/metrics';
import type { Interactions, RecommendFitOptions, Recommender, RecommenderArtifact } from '../../../models/recommend/types';
import { foldInRecommender } from '../../../models/recommend/foldIn';
import { NcfRecommender, fitNcf } from '../../../models/recommend/ncf';
import type { NcfCheckpoint } from '../../../models/recommend/ncf-checkpoint';
import { isBusy } from '../../data/db/busy';
import { RECOMMEND_WARM_START } from '../../../shared/families/warm-start';
import { RunsRepo } from '../../data/db/repos/runs-repo';
import { backendReport } from '../../../models/mlp/backend';
import { openDatabase } from '../../data/db/open';
import type { Task, TaskContext } from '../protocol';
import { evaluateGroupProtocol } from './group-eval';
import { itemMap } from './item-map';
import { runNotes } from './notes';
import { readRecommendInput, type RecommendInput } from './read-input';
import { blendOf, metricsOf, perUserPoints, sliceOf, storedMetrics } from './report-parts';

export const recommendTrainTask: Task<'recommend.train'> = async (a, ctx) => {
  try {
    return await fitRun(a, ctx);
  } catch (e) {
    // The engine names the input at fault; the user sees it as a bad request naming that field.
    if (e instanceof RecommendDataError) throw new ApiError('bad_request', e.message, { field: e.field });
    throw e;
  }
};

function readInput(a: RecommendJobArgs, ctx: TaskContext): RecommendInput {
  const db = openDatabase(ctx.start.databasePath, { nativeBinding: ctx.start.nativeBinding, readonly: true });
  try {
    return readRecommendInput(db, a);
  } finally {
    db.close();
  }
}

/** The earlier run's model continued on this run's training interactions, and the note that says how. */
async function continueFrom(runId: string, model: RecommendJobArgs['model'], train: Interactions, opts: RecommendFitOptions, ctx: TaskContext): Promise<{ model: Recommender; note: string }> {
  const db = openDatabase(ctx.start.databasePath, { nativeBinding: ctx.start.nativeBinding, readonly: true });
  let artifact: RecommenderArtifact | null;
  try {
    artifact = new RunsRepo(db).artifact<RecommenderArtifact>(runId, 'model');
  } finally {
    db.close();
  }
  if (!artifact) throw new ApiError('bad_request', `Run ${runId.slice(0, 8)} has no model to continue from`, { field: 'warmStartFrom' });
  const r = await foldInRecommender(artifact, train, opts);
  const n = (x: number, what: string) => `${x.toLocaleString('en-US')} ${what}${x === 1 ? '' : 's'}`;
  const note = `Continued from run ${runId.slice(0, 8)}: ${model} ${RECOMMEND_WARM_START[model].how}` +
    (RECOMMEND_WARM_START[model].mode === 'continue' ? ` (${n(r.newUsers, 'new user')} and ${n(r.newItems, 'new item')} folded in; ${n(r.droppedUsers, 'earlier user')} and ${n(r.droppedItems, 'earlier item')} without interactions here left out).` : '.');
  return { model: r.model, note };
}

/**
 * An ncf fit that keeps its state after each whole epoch on the run until it succeeds, so a stop is
 * resumable; with `resume`, it goes on from that state.
 */
async function fitNcfRun(a: RecommendJobArgs, train: Interactions, opts: RecommendFitOptions, ctx: TaskContext): Promise<Recommender> {
  const db = openDatabase(ctx.start.databasePath, { nativeBinding: ctx.start.nativeBinding });
  try {
    const runs = new RunsRepo(db);
    const resumeFrom = a.resume ? (runs.artifact<NcfCheckpoint>(a.runId, 'checkpoint') ?? undefined) : undefined;
    if (a.resume && !resumeFrom) throw new ApiError('bad_request', 'The run has no checkpoint to resume from', { field: 'id' });
    const onCheckpoint = (c: NcfCheckpoint) => {
      try {
        runs.saveCheckpoint(a.runId, c);
      } catch (err) {
        // A busy database skips this epoch's checkpoint; the next epoch's replaces it.
        if (!isBusy(err)) throw err;
      }
    };
    return await fitNcf(train, { ...opts, resumeFrom, onCheckpoint });
  } finally {
    db.close();
  }
}

function countsOf(data: Interactions, by: 'user' | 'item', n: number): Float64Array {
  const out = new Float64Array(n);
  for (const i of data[by]) out[i]++;
  return out;
}

async function fitRun(a: RecommendJobArgs, ctx: TaskContext): Promise<TrainedRecommendDto | null> {
  const t0 = performance.now();
  ctx.progress(0, 'reading the interactions');
  const input = readInput(a, ctx);
  const { train, test } = input.split;
  const shouldStop = () => ctx.cancelled();
  ctx.progress(0.05, `fitting ${a.model} on ${train.user.length.toLocaleString('en-US')} interactions`);
  const fitOptions = {
    params: a.params,
    seed: a.seed,
    itemFeatures: input.itemFeatures?.features,
    userFeatures: input.userFeatures?.features,
    onProgress: (f: number, m: string) => ctx.progress(0.05 + 0.7 * f, m),
    onMetrics: (step: number, values: Record<string, number>) => ctx.metrics(step, values),
    shouldStop,
  };
  const warm = a.warmStartFrom ? await continueFrom(a.warmStartFrom, a.model, train, fitOptions, ctx) : null;
  const model: Recommender = warm?.model ?? (a.model === 'ncf' ? await fitNcfRun(a, train, fitOptions, ctx) : await fitRecommender(a.model, train, fitOptions));
  if (ctx.cancelled()) return null;

  ctx.progress(0.76, 'evaluating the lists');
  const maxK = RECOMMEND_DEFAULTS.maxK;
  const ev = evaluateRecommender(model, train, test, { k: a.k, maxK, seed: a.seed, coldUsers: input.split.coldUsers, coldItems: input.split.coldItems });
  if (ctx.cancelled()) return null;
  ctx.progress(0.85, 'recommending for groups');
  const groups = evaluateGroupProtocol(model, train, test, {
    k: a.k, seed: a.seed, eligible: ev.perUser.user, shouldStop, onProgress: (f) => ctx.progress(0.85 + 0.1 * f, 'recommending for groups'),
  });
  if (!groups || ctx.cancelled()) return null;

  ctx.progress(0.96, 'writing the report');
  const artifact = model.toJSON();
  const popularity = countsOf(train, 'item', train.items.length);
  const map = itemMap({ vectors: model.itemVectors?.() ?? null, items: train.items, popularity, features: input.itemFeatures?.features, seed: a.seed });
  const relevant = countsOf(test, 'user', test.users.length);
  const metrics = metricsOf(ev);
  const report: RecommendReportDto = {
    model: a.model,
    feedback: train.explicit ? 'explicit' : 'implicit',
    split: a.split,
    k: ev.k,
    counts: {
      users: input.all.users.length, items: input.all.items.length, interactions: train.user.length + test.user.length,
      train: train.user.length, test: test.user.length, duplicatesMerged: input.merged, skippedRows: input.skipped.user + input.skipped.item + input.skipped.value,
    },
    evaluatedUsers: ev.sample.evaluated,
    evaluatedHow: ev.sample.capped ? `a seeded sample of ${ev.sample.evaluated.toLocaleString('en-US')} of the ${ev.sample.eligible.toLocaleString('en-US')} users with a relevant test item` : 'every user with a relevant test item',
    metrics,
    overall: sliceOf(ev.all, maxK)!,
    coldUsers: sliceOf(ev.coldUsers, maxK),
    coldItems: sliceOf(ev.coldItems, maxK),
    groups,
    blend: blendOf(model, artifact),
    itemMap: map.map,
    itemMapColour: map.colour,
    notes: [...(warm ? [warm.note] : []), ...runNotes(a, input, ev)],
  };
  // NCF: the backend chain tried and what trained the network, as its fit noted them.
  const device = a.model === 'ncf' ? backendReport() : null;
  if (device) report.device = device;
  // NCF: its network as a shared/nn spec, for the run's Architecture tab.
  if (model instanceof NcfRecommender) report.network = model.network;
  if (ctx.cancelled()) return null;
  return {
    metrics: storedMetrics(metrics),
    // As tabular runs record it: what trained the neural model, plain TypeScript for the rest.
    backend: device ? (device.trainedOn ?? device.backend) : 'typescript-cpu',
    durationMs: performance.now() - t0,
    artifact,
    report,
    predictions: perUserPoints(ev, test, (u) => relevant[u]),
  };
}
