/**
 * Exports a recommender run: model.onnx (the scorer with the seen-item mask and TopK), manifest.json (id
 * maps, item labels, each user's training items in CSR form, popularity for unknown users, the group
 * strategies' parameters) and serving examples in Node and Python. The training interactions are read
 * again from the run's stored spec (the same seeded split), since most models do not keep them. Nothing
 * is written unless the graph's top k matches the app's on a sample of users.
 */
import { openDatabase } from '../../data/db/open';
import { RunsRepo } from '../../data/db/repos/runs-repo';
import { checkBundleTargets, RECOMMEND_BUNDLE_FILES } from '../../data/bundle-files';
import { ApiError } from '../../../shared/api/errors';
import type { RecommendJobArgs } from '../../../shared/api/jobs';
import type { ExportResultDto } from '../../../shared/api/methods/export';
import type { RecommendArgs } from '../../../shared/api/methods/recommend';
import { loadRecommender } from '../../../models/recommend/fit';
import type { Interactions, ItemFeatures, RecommenderArtifact } from '../../../models/recommend/types';
import { mulberry32 } from '../../../models/split/prng';
import { checkRecommendParity, exportRecommenderOnnx, recommendFeeds, RecommendExportError, seenRows, type RecommendFeed, type RecommendOnnx, type SeenRows } from '../../../models/export/recommend/index';
import type { TaskContext } from '../protocol';
import { readRecommendInput } from '../recommend/read-input';
import { writeBundle } from './bundle';
import type { ExportTaskArgs } from './export-task';
import { createSession, loadOrt, type Session } from './ort';
import { recommendManifest } from './recommend-manifest';
import { recommendReadme } from './recommend-readme';
import { recommendServeNode, recommendServePy } from './recommend-serve';

/** As the other exports: top-k scores within 1e-4 relative, and not one item other than the app's. */
export const RECOMMEND_PARITY_LIMIT = 1e-4;
/** Users the parity check scores (a seeded sample beyond it). */
const PARITY_USERS = 200;
const PARITY_K = 20;

/** The job arguments the run was trained with, from what it stored (datasets are stored by id). */
function jobArgsOf(spec: RecommendArgs, runId: string): RecommendJobArgs {
  return { ...spec, runId, datasetId: spec.dataset, testDatasetId: spec.testDataset ?? null, itemFeaturesId: spec.itemFeatures ?? null, userFeaturesId: spec.userFeatures ?? null };
}

/** A recommender run's bundle (the host chose format 'recommend' for it). */
export async function exportRecommendRun(a: ExportTaskArgs, ctx: TaskContext): Promise<ExportResultDto> {
  checkBundleTargets(a.outDir, RECOMMEND_BUNDLE_FILES, a.force);
  const db = openDatabase(ctx.start.databasePath, { nativeBinding: ctx.start.nativeBinding, readonly: true });
  let facts: RecommendRunFacts;
  try {
    const repo = new RunsRepo(db);
    const run = repo.get(a.runId);
    const spec = repo.recommendArgs(run.id);
    const artifact = repo.artifact<RecommenderArtifact>(run.id, 'model');
    if (!spec || !artifact) throw new ApiError('bad_request', `Run ${run.id.slice(0, 8)} has no recommender to export (status ${run.status})`, { field: 'model' });
    ctx.progress(0.02, 'reading the training interactions');
    const input = readRecommendInput(db, jobArgsOf(spec, run.id));
    facts = { artifact, train: input.split.train, itemFeatures: input.itemFeatures?.features ?? null, run: { id: run.id, metrics: run.metrics, datasetSha256: run.datasetSha256, seed: spec.seed, k: spec.k } };
  } finally {
    db.close();
  }
  return exportRecommender(a, ctx, facts);
}

export interface RecommendRunFacts {
  artifact: RecommenderArtifact;
  /** The run's training interactions, in the model's index space. */
  train: Interactions;
  itemFeatures: ItemFeatures | null;
  run: { id: string; metrics: unknown; datasetSha256: string | null; seed: number; k: number };
}

const asApiError = (err: unknown): unknown => (err instanceof RecommendExportError ? new ApiError('bad_request', err.message, { field: 'model' }) : err);

async function runGraph(session: Session, feeds: Record<string, RecommendFeed>): Promise<Record<string, { data: ArrayLike<unknown> }>> {
  const ort = loadOrt();
  const tensors = Object.fromEntries(Object.entries(feeds).map(([n, f]) => [n, new ort.Tensor(f.type, f.data, f.dims)]));
  return (await session.run(tensors)) as unknown as Record<string, { data: ArrayLike<unknown> }>;
}

/** A seeded sample of the users, in index order. */
function sampleUsers(n: number, max: number, seed: number): number[] {
  const all = [...Array(n).keys()];
  if (n <= max) return all;
  const rand = mulberry32(seed);
  for (let i = 0; i < max; i++) {
    const j = i + Math.floor(rand() * (n - i));
    [all[i], all[j]] = [all[j], all[i]];
  }
  return all.slice(0, max).sort((x, y) => x - y);
}

const percentile = (xs: number[], p: number) => [...xs].sort((x, y) => x - y)[Math.min(xs.length - 1, Math.floor(p * xs.length))];

async function latencyOf(session: Session, exported: RecommendOnnx, seen: SeenRows, users: number[], k: number, nItems: number): Promise<ExportResultDto['latency']> {
  const single: number[] = [];
  for (const u of users.slice(0, 100)) {
    const feeds = recommendFeeds(exported.inputs, seen, [u], k, nItems);
    const t0 = process.hrtime.bigint();
    await runGraph(session, feeds);
    single.push(Number(process.hrtime.bigint() - t0) / 1000);
  }
  const batch = users.slice(0, 64);
  const feeds = recommendFeeds(exported.inputs, seen, batch, k, nItems);
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    await runGraph(session, feeds);
    best = Math.min(best, performance.now() - t0);
  }
  return { singleP50Us: percentile(single, 0.5), singleP99Us: percentile(single, 0.99), batchRowsPerSec: Math.round(batch.length / (best / 1000)), batchRows: batch.length };
}

/** Checks the graph against the app, times it and writes the bundle; nothing is written when the check fails. */
export async function exportRecommender(a: Pick<ExportTaskArgs, 'outDir' | 'force' | 'ref' | 'version'>, ctx: Pick<TaskContext, 'progress'>, facts: RecommendRunFacts): Promise<ExportResultDto> {
  const { artifact, train } = facts;
  checkBundleTargets(a.outDir, RECOMMEND_BUNDLE_FILES, a.force);
  ctx.progress(0.1, 'building the graph');
  let exported: RecommendOnnx;
  let seen: SeenRows;
  try {
    exported = exportRecommenderOnnx(artifact);
    seen = seenRows(train, artifact);
  } catch (err) {
    throw asApiError(err);
  }
  ctx.progress(0.25, 'parity check in onnxruntime');
  const model = await loadRecommender(artifact);
  const session = await createSession(exported.bytes);
  const nItems = artifact.items.length;
  const users = sampleUsers(artifact.users.length, PARITY_USERS, facts.run.seed);
  const parity = await checkRecommendParity(model, exported, seen, (f) => runGraph(session, f), { users, k: PARITY_K });
  const passed = parity.itemMismatches === 0 && parity.maxRel <= RECOMMEND_PARITY_LIMIT;
  if (!passed) {
    throw new ApiError(
      'conflict',
      `The export does not reproduce the app's recommendations (${parity.itemMismatches} of ${parity.users * parity.k} top-${parity.k} items differ, max relative score error ${parity.maxRel.toExponential(2)}; limit ${RECOMMEND_PARITY_LIMIT}); nothing was written`,
      parity,
    );
  }
  ctx.progress(0.6, 'measuring latency');
  const latency = await latencyOf(session, exported, seen, users, facts.run.k, nItems);
  ctx.progress(0.8, 'writing the bundle');
  const manifest = recommendManifest({ ref: a.ref, version: a.version, facts, exported, seen, parity: { ...parity, limit: RECOMMEND_PARITY_LIMIT, passed }, latency });
  const files = writeBundle(a.outDir, {
    'model.onnx': exported.bytes,
    'serve.mjs': recommendServeNode(),
    'serve.py': recommendServePy(),
    'README.md': recommendReadme(manifest),
    'manifest.json': JSON.stringify(manifest) + '\n',
  }, { force: a.force });
  return {
    format: 'recommend', outDir: a.outDir, files, sizeBytes: exported.bytes.length,
    parity: { rows: parity.users, maxAbs: parity.maxAbs, maxRel: parity.maxRel, labelMismatches: parity.itemMismatches, passed },
    latency,
    inputs: exported.inputs.map((i) => ({ name: i.name, type: i.type, column: i.fill, kind: 'recommend' })),
    outputs: exported.outputs,
  };
}
