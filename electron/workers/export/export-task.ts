import { openDatabase } from '../../data/db/open';
import { loadRunModel } from './run-model';
import { loadFrame } from '../../data/load-frame';
import { ApiError } from '../../../shared/api/errors';
import type { ExportResultDto } from '../../../shared/api/methods/export';
import { buildFeeds, exportOnnx, OnnxExportError } from '../../../models/export/onnx/index';
import { checkParity } from '../../../models/export/onnx/parity';
import type { Task } from '../protocol';
import type { JobArgs } from '../../../shared/api/jobs';
import { createSession, loadOrt, runSession } from './ort';
import { BUNDLE_FILES, checkBundleTargets, nodeExample, pythonExample, writeBundle } from './bundle';
import { bundleReadme } from './readme';
import { serverModuleSource } from './server-build';
import { dockerfile, serverPackageJson, systemdUnit } from './server-files';
import { isTextArtifact, type RunArtifact } from '../../../models/train/index';
import { EnsembleError, exportEnsembleOnnx, isEnsembleArtifact, type EnsembleArtifact } from '../../../models/ensemble/index';
import type { ModelArtifact } from '../../../models/train/types';

/** `ref` is what the user asked for: a run id or NAME@VERSION. */
export type ExportTaskArgs = JobArgs<'models.export'>;

const MAX_REL = 1e-4;

const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];

/** Exports a run's pipeline + model to ONNX, proves parity in onnxruntime, measures latency, writes the bundle. */
export const exportTask: Task<'models.export'> = async (a, ctx) => {
  if (a.format === 'forecast') {
    const { exportForecastRun } = await import('./forecast-export');
    return exportForecastRun(a, ctx);
  }
  if (a.format === 'recommend') {
    const { exportRecommendRun } = await import('./recommend-export');
    return exportRecommendRun(a, ctx);
  }
  const text = await textRunOf(a, ctx);
  if (text) return text;
  // Files that would be replaced are refused before the parity check, not after it.
  checkBundleTargets(a.outDir, BUNDLE_FILES[a.format], a.force);
  if (a.format === 'tfjs') {
    const { exportTfjs } = await import('./tfjs-export');
    return exportTfjs(a, ctx);
  }
  const db = openDatabase(ctx.start.databasePath, { nativeBinding: ctx.start.nativeBinding });
  try {
    const { run, artifact: stored, preds } = loadRunModel(db, a.runId);
    // An ensemble exports as one graph: its members' graphs merged with the combination.
    const artifact = stored as ModelArtifact | EnsembleArtifact;
    ctx.progress(0.05, 'building the graph');
    let exported;
    try {
      exported = isEnsembleArtifact(artifact) ? exportEnsembleOnnx(artifact) : exportOnnx(artifact);
    } catch (err) {
      if (err instanceof OnnxExportError || err instanceof EnsembleError) throw new ApiError('bad_request', err.message, { field: 'model' });
      throw err;
    }
    const frame = loadFrame(db, run.testDatasetId ?? run.datasetId!).frame;
    const rows = preds.rows.slice(0, 2000);
    ctx.progress(0.2, 'parity check in onnxruntime');
    const session = await createSession(exported.bytes);
    const parity = await checkParity(artifact, exported, frame, (feeds) => runSession(session, feeds), { rows });
    const passed = parity.maxRel <= MAX_REL && parity.boundsMaxRel <= MAX_REL && parity.labelMismatches === 0;
    if (!passed) {
      throw new ApiError(
        'conflict',
        `The export does not reproduce the app's predictions (max relative error ${parity.maxRel.toExponential(2)}, bounds ${parity.boundsMaxRel.toExponential(2)}, ${parity.labelMismatches} label mismatches; limit ${MAX_REL}); nothing was written`,
        parity,
      );
    }
    ctx.progress(0.5, 'measuring latency');
    const single: number[] = [];
    for (const row of preds.rows.slice(0, 300)) {
      const feeds = buildFeeds(exported.inputs, frame, [row]);
      const t0 = process.hrtime.bigint();
      await runSession(session, feeds);
      single.push(Number(process.hrtime.bigint() - t0) / 1000);
    }
    const batchRows = preds.rows.slice(0, 20_000);
    const batchFeeds = buildFeeds(exported.inputs, frame, batchRows);
    let best = Infinity;
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      await runSession(session, batchFeeds);
      best = Math.min(best, performance.now() - t0);
    }
    const latency = { singleP50Us: percentile(single, 0.5), singleP99Us: percentile(single, 0.99), batchRowsPerSec: Math.round(batchRows.length / (best / 1000)), batchRows: batchRows.length };
    const manifest = {
      format: 'onnx', lathe: 'lathe-export/1', model: a.ref, version: a.version, runId: run.id, family: artifact.family, task: artifact.task,
      target: artifact.target, classes: artifact.classes, inputs: exported.inputs, outputs: exported.outputs, metrics: run.metrics,
      interval: isEnsembleArtifact(artifact) ? null : artifact.interval, datasetSha256: run.datasetSha256, seed: run.seed, created: new Date().toISOString(),
      parity: { ...parity, limit: MAX_REL }, latency, opsets: { 'ai.onnx': 17, 'ai.onnx.ml': 3 },
      ensemble: isEnsembleArtifact(artifact) ? { method: artifact.method, weights: artifact.weights, members: artifact.members.map((m) => ({ ref: m.ref, runId: m.runId, family: m.artifact.family })) } : undefined,
    };
    const label = a.version ? `${a.ref.split('@')[0]}@${a.version}` : a.ref;
    const files = writeBundle(a.outDir, {
      'model.onnx': exported.bytes,
      'manifest.json': JSON.stringify(manifest, null, 2) + '\n',
      'README.md': bundleReadme(manifest),
      'serve-node.mjs': nodeExample(),
      'serve.py': pythonExample(),
      'server.mjs': await serverModuleSource(),
      'package.json': serverPackageJson(a.ref.split('@')[0], loadOrt().env.versions.node ?? '1.30.0'),
      'Dockerfile': dockerfile(),
      'lathe-model.service': systemdUnit(label),
    }, { force: a.force });
    const result: ExportResultDto = {
      format: 'onnx', outDir: a.outDir, files, sizeBytes: exported.bytes.length,
      parity: { rows: parity.rows, maxAbs: parity.maxAbs, maxRel: parity.maxRel, labelMismatches: parity.labelMismatches, passed },
      latency, inputs: exported.inputs, outputs: exported.outputs,
    };
    return result;
  } finally {
    db.close();
  }
};

/** A text run exports with its tokenizer (text-export.ts); null for tabular runs. */
async function textRunOf(a: ExportTaskArgs, ctx: Parameters<Task<'models.export'>>[1]): Promise<ExportResultDto | null> {
  const db = openDatabase(ctx.start.databasePath, { nativeBinding: ctx.start.nativeBinding });
  try {
    const { run, artifact, preds } = loadRunModel(db, a.runId);
    const stored = artifact as unknown as RunArtifact;
    if (!isTextArtifact(stored)) return null;
    const { exportTextRun } = await import('./text-export');
    return await exportTextRun(a, ctx, db, { run, artifact: stored, preds });
  } finally {
    db.close();
  }
}
