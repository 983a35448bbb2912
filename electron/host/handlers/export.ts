import fs from 'node:fs';
import path from 'node:path';
import { ApiError } from '../../../shared/api/errors';
import type { HandlerGroup } from './types';
import type { HostContext } from './types';
import { displayName, uploadsDir } from '../server/uploads';
import { refuseOverwrite } from '../../data/output-files';
import { BUNDLE_FILES, checkBundleTargets, forecastBundleFiles, RECOMMEND_BUNDLE_FILES } from '../../data/bundle-files';
import { disableOrtTelemetry } from '../../data/ort-env';

// Before any worker that could load onnxruntime starts: its telemetry off (see ort.ts).
disableOrtTelemetry();

/** `<home>/predictions/<input>.predictions-<time>.csv`: never overwrites an earlier batch. */
function defaultPredictionsPath(home: string, inputName: string): string {
  const stem = inputName.replace(/\.[^.]*$/, '') || 'input';
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  return path.join(home, 'predictions', `${stem}.predictions-${stamp}.csv`);
}

/** The names browser mode gives uploads: `<uuid>-<safe name>` (see server/uploads.ts). */
const UPLOAD_NAME = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}-[^\\/]+$/;

/**
 * Whether `file` is an upload Lathe saved itself, and so is Lathe's to remove: a plain file
 * directly inside `<home>/uploads` under the name it was given there. Anything else (a file the
 * user named, a link, a folder) is never removed.
 */
export function isOwnUpload(home: string, file: string): boolean {
  const resolved = path.resolve(file);
  if (path.dirname(resolved) !== path.resolve(uploadsDir(home))) return false;
  if (!UPLOAD_NAME.test(path.basename(resolved))) return false;
  try {
    return fs.lstatSync(resolved).isFile();
  } catch {
    return false;
  }
}

/** A run id (or prefix) or NAME@VERSION / NAME@ALIAS → the run and a label for the bundle. */
export function resolveModelRef(ctx: HostContext, ref: string): { runId: string; version: string | null } {
  if (ref.includes('@')) {
    const v = ctx.repos.registry.resolve(ref);
    return { runId: v.run_id, version: v.version };
  }
  return { runId: ctx.repos.runs.resolve(ref), version: null };
}

type Format = 'onnx' | 'tfjs' | 'forecast' | 'recommend';

/**
 * The bundle a run exports as, and its files: a forecast run always as a forecast bundle and a recommender
 * run as a recommender bundle (the default 'onnx' means "the standard bundle"; 'tfjs' is refused), a
 * tabular run as neither.
 */
function exportFormat(ctx: HostContext, runId: string, asked: Format): { format: Format; files: readonly string[] } {
  if (ctx.repos.runs.recommendArgs(runId)) {
    if (asked === 'tfjs' || asked === 'forecast') throw new ApiError('bad_request', 'A recommender run exports as a recommender bundle (model.onnx, manifest.json, serve.mjs, serve.py); leave the format out or pass recommend', { field: 'format' });
    return { format: 'recommend', files: RECOMMEND_BUNDLE_FILES };
  }
  if (asked === 'recommend') throw new ApiError('bad_request', 'The recommend format is for recommender runs; export this run as onnx or tfjs', { field: 'format' });
  const model = ctx.repos.runs.artifact<{ kind?: unknown; model?: unknown }>(runId, 'model');
  if (model?.kind === 'forecast') {
    if (asked === 'tfjs') throw new ApiError('bad_request', 'A forecast run exports as a forecast bundle (model.json, forecast.mjs); leave the format out or pass forecast', { field: 'format' });
    return { format: 'forecast', files: forecastBundleFiles(String(model.model)) };
  }
  if (asked === 'forecast') throw new ApiError('bad_request', 'The forecast format is for forecast runs; export this run as onnx or tfjs', { field: 'format' });
  return { format: asked, files: BUNDLE_FILES[asked] };
}

export const exportHandlers: HandlerGroup<'models.export' | 'models.predict'> = {
  'models.predict': (args, ctx) => {
    const { runId } = resolveModelRef(ctx, args.model);
    const input = path.resolve(args.input);
    if (!fs.existsSync(input)) throw new ApiError('not_found', `No such file: ${input}`, { field: 'input' });
    const name = displayName(input);
    const out = args.out ? path.resolve(args.out) : defaultPredictionsPath(ctx.home, name);
    // Refused at once rather than after the model is loaded; the worker checks again.
    refuseOverwrite([out], args.force, path.dirname(out));
    // A file the browser uploaded for this prediction is ours to remove once it is read.
    const uploaded = isOwnUpload(ctx.home, input);
    const cleanup = () => uploaded && fs.rmSync(input, { force: true });
    const job = ctx.jobs.start('models.predict', `Predict ${name} with ${args.model}`, { runId, input, inputName: name, out, force: args.force }, {
      onSucceeded: (result) => (cleanup(), result),
      onFinished: cleanup,
    });
    return { jobId: job.id };
  },
  'models.export': async (args, ctx) => {
    const { runId, version } = resolveModelRef(ctx, args.model);
    const outDir = path.resolve(args.outDir);
    const { format, files } = exportFormat(ctx, runId, args.format);
    // Refused at once rather than after the parity check; the worker checks again.
    checkBundleTargets(outDir, files, args.force);
    const job = ctx.jobs.start('models.export', `Export ${args.model} (${format})`, { runId, ref: args.model, version, format, outDir, force: args.force });
    return ctx.jobs.result('models.export', job.id);
  },
};
