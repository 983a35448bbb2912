/**
 * Text runs' exports. linear and nbsvm: one ONNX graph (TfIdfVectorizer → weighting → linear → sigmoid or
 * softmax) with tokenizer.mjs, which makes the graph's string inputs; textnet: a TF.js layers model with
 * tokenizer.mjs and the vocabulary. Both are checked against the app on the run's held-out texts with the
 * shipped tokenizer module (the same limits as tabular exports) before anything is written.
 */
import type { Database } from 'better-sqlite3';
import { loadFrame } from '../../data/load-frame';
import { ApiError } from '../../../shared/api/errors';
import type { ExportResultDto } from '../../../shared/api/methods/export';
import type { RunDetailDto, RunPredictionsDto } from '../../../shared/api/runs-dto';
import { loadTextModel, type TextModelArtifact } from '../../../models/train/index';
import { textsOf } from '../../../models/train/textModel';
import { exportTextOnnx } from '../../../models/export/onnx/text';
import { OnnxExportError } from '../../../models/export/onnx/index';
import type { StringFeed } from '../../../models/export/onnx/textTokens';
import type { TaskContext } from '../protocol';
import { writeBundle } from './bundle';
import { checkBundleTargets } from '../../data/bundle-files';
import { createSession, loadOrt, type Session } from './ort';
import { loadTextModule, textModuleSource } from './text-build';
import { textOnnxReadme, textServeNode } from './text-readme';
import type { ExportTaskArgs } from './export-task';

export const TEXT_BUNDLE_FILES = {
  onnx: ['model.onnx', 'tokenizer.mjs', 'manifest.json', 'README.md', 'serve-node.mjs'],
  tfjs: ['model.json', 'weights.bin', 'vocabulary.json', 'tokenizer.mjs', 'manifest.json', 'README.md'],
} as const;

/** The limits of tabular exports: relative error of probabilities (judged absolutely below 1e-3), no label changed. */
const MAX_REL = 1e-4;
const PROBABILITY_FLOOR = 1e-3;
/** Held-out texts the parity check runs on. */
const PARITY_ROWS = 2000;

export interface TextRunModel {
  run: RunDetailDto;
  artifact: TextModelArtifact;
  preds: RunPredictionsDto;
}

/** Max error of probabilities and label mismatches, as checkParity measures them. */
export function compareProbabilities(got: ArrayLike<number>, want: Float64Array, K: number): { maxAbs: number; maxRel: number; labelMismatches: number } {
  let maxAbs = 0, maxRel = 0, labelMismatches = 0;
  if (got.length !== want.length) return { maxAbs: Infinity, maxRel: Infinity, labelMismatches: want.length / K };
  for (let i = 0; i < want.length; i++) {
    const d = Math.abs(Number(got[i]) - want[i]);
    maxAbs = Math.max(maxAbs, d);
    maxRel = Math.max(maxRel, d / Math.max(Math.abs(want[i]), PROBABILITY_FLOOR));
  }
  const argmax = (P: ArrayLike<number>, r: number) => {
    let best = 0;
    for (let k = 1; k < K; k++) if (Number(P[r * K + k]) > Number(P[r * K + best])) best = k;
    return best;
  };
  for (let r = 0; r < want.length / K; r++) if (argmax(got, r) !== argmax(want, r)) labelMismatches++;
  return { maxAbs, maxRel, labelMismatches };
}

function heldOutTexts(db: Database, m: TextRunModel): string[] {
  const frame = loadFrame(db, m.run.testDatasetId ?? m.run.datasetId!).frame;
  const all = textsOf(frame, m.artifact.textColumn);
  return m.preds.rows.slice(0, PARITY_ROWS).map((r) => all[r]);
}

async function runText(session: Session, feeds: Record<string, StringFeed>): Promise<Record<string, { data: ArrayLike<unknown> }>> {
  const ort = loadOrt();
  const tensors = Object.fromEntries(Object.entries(feeds).map(([k, f]) => [k, new ort.Tensor('string', f.data, f.dims)]));
  return (await session.run(tensors)) as unknown as Record<string, { data: ArrayLike<unknown> }>;
}

const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];

export async function exportTextRun(a: ExportTaskArgs, ctx: TaskContext, db: Database, m: TextRunModel): Promise<ExportResultDto> {
  if (a.format === 'forecast' || a.format === 'recommend') throw new ApiError('bad_request', 'A text run exports as onnx (linear, nbsvm) or tfjs (textnet)', { field: 'format' });
  const family = m.artifact.family;
  if (family === 'textnet' && a.format === 'onnx') throw new ApiError('bad_request', 'textnet exports as tfjs (a TF.js layers model with its tokenizer): use --format tfjs', { field: 'format' });
  if (family !== 'textnet' && a.format === 'tfjs') throw new ApiError('bad_request', `The TF.js format is for textnet models; this ${family} text model exports as onnx`, { field: 'format' });
  checkBundleTargets(a.outDir, TEXT_BUNDLE_FILES[a.format], a.force);
  if (a.format === 'tfjs') {
    const { exportTextnetTfjs } = await import('./text-tfjs');
    return exportTextnetTfjs(a, ctx, m, heldOutTexts(db, m));
  }
  ctx.progress(0.05, 'building the graph');
  let exported;
  try {
    exported = exportTextOnnx(m.artifact);
  } catch (err) {
    if (err instanceof OnnxExportError) throw new ApiError('bad_request', err.message, { field: 'model' });
    throw err;
  }
  const source = await textModuleSource();
  const tokenizer = await loadTextModule(source);
  const texts = heldOutTexts(db, m);
  ctx.progress(0.2, 'parity check in onnxruntime');
  const session = await createSession(exported.bytes);
  const loaded = await loadTextModel(m.artifact);
  const want = loaded.predictProba(texts);
  loaded.dispose();
  const K = m.artifact.classes.length;
  const out = await runText(session, tokenizer.textFeeds(texts, exported.spec));
  const cmp = compareProbabilities(out.probabilities.data as ArrayLike<number>, want, K);
  const passed = cmp.maxRel <= MAX_REL && cmp.labelMismatches === 0;
  const parity = { rows: texts.length, ...cmp, passed };
  if (!passed) {
    throw new ApiError('conflict', `The export does not reproduce the app's predictions (max relative error ${cmp.maxRel.toExponential(2)}, ${cmp.labelMismatches} label mismatches; limit ${MAX_REL}); nothing was written`, parity);
  }
  ctx.progress(0.5, 'measuring latency');
  // Latency includes the tokenizer: a caller pays for both.
  const single: number[] = [];
  for (const t of texts.slice(0, 300)) {
    const t0 = process.hrtime.bigint();
    await runText(session, tokenizer.textFeeds([t], exported.spec));
    single.push(Number(process.hrtime.bigint() - t0) / 1000);
  }
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    await runText(session, tokenizer.textFeeds(texts, exported.spec));
    best = Math.min(best, performance.now() - t0);
  }
  await session.release();
  const latency = { singleP50Us: percentile(single, 0.5), singleP99Us: percentile(single, 0.99), batchRowsPerSec: Math.round(texts.length / (best / 1000)), batchRows: texts.length };
  const manifest = {
    format: 'onnx', lathe: 'lathe-export/1', model: a.ref, version: a.version, runId: m.run.id, family, task: m.artifact.task,
    target: m.artifact.target, textColumn: m.artifact.textColumn, classes: m.artifact.classes, tokens: exported.spec,
    inputs: exported.inputs, outputs: exported.outputs, metrics: m.run.metrics, datasetSha256: m.run.datasetSha256, seed: m.run.seed,
    created: new Date().toISOString(), parity: { ...parity, limit: MAX_REL }, latency, opsets: { 'ai.onnx': 17, 'ai.onnx.ml': 3 },
  };
  const files = writeBundle(a.outDir, {
    'model.onnx': exported.bytes,
    'tokenizer.mjs': source,
    'manifest.json': JSON.stringify(manifest, null, 2) + '\n',
    'README.md': textOnnxReadme(manifest),
    'serve-node.mjs': textServeNode(),
  }, { force: a.force });
  return {
    format: 'onnx', outDir: a.outDir, files, sizeBytes: exported.bytes.length, parity, latency,
    inputs: exported.inputs.map((i) => ({ name: i.name, type: 'string', column: m.artifact.textColumn, kind: i.name === 'words' ? 'word tokens' : 'characters' })),
    outputs: exported.outputs,
  };
}
