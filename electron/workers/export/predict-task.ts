import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { openDatabase } from '../../data/db/open';
import { RunsRepo } from '../../data/db/repos/runs-repo';
import { DatasetsRepo } from '../../data/db/repos/datasets-repo';
import { makeDir } from '../../data/make-dir';
import { ApiError } from '../../../shared/api/errors';
import type { ModelArtifact } from '../../../models/train/types';
import { isTextArtifact } from '../../../models/train/types';
import { exportEnsembleOnnx, isEnsembleArtifact, type EnsembleArtifact } from '../../../models/ensemble/index';
import type { Column, Frame } from '../../../models/frame/frame';
import { buildFeeds, exportOnnx } from '../../../models/export/onnx/index';
import { isMissing, parseBoolean, parseDate, parseDatetime, parseFloatStrict } from '../../data/values';
import type { Task } from '../protocol';
import { float32Text } from '../../../shared/numbers';
import type { JobArgs } from '../../../shared/api/jobs';
import { runSession, toTensors, type Session } from './ort';
import { batchSession } from './ort-provider';
import type { InferenceProviderDto } from '../../../shared/api/jobs';
import { openTextStream } from '../import/text-stream';
import { cleanLeftovers, commitTemp, refuseOverwrite, tempPathFor } from '../../data/output-files';

/** `inputName` is the input's name as the user knows it (an upload's stored name carries a unique prefix). */
export type PredictTaskArgs = JobArgs<'models.predict'>;

const CHUNK = 10_000;
/** onnxruntime answers in float32: written with the digits that value has, not its binary expansion. */
const num = (v: unknown) => (typeof v === 'number' ? float32Text(v) : String(v));

/**
 * Batch predictions of a CSV through onnxruntime, streamed chunk by chunk into an output CSV.
 * The CSV is written under a temporary name beside `out` and renamed into place when complete;
 * an existing file is never replaced unless `force`, and a failure removes only the temporary file.
 */
export const predictTask: Task<'models.predict'> = async (a, ctx) => {
  const target = path.resolve(a.out);
  refuseOverwrite([target], a.force, path.dirname(target));
  const db = openDatabase(ctx.start.databasePath, { nativeBinding: ctx.start.nativeBinding });
  let run: ReturnType<RunsRepo['get']>;
  let artifact: ModelArtifact | EnsembleArtifact | null;
  let types: Map<string, string>;
  try {
    const repo = new RunsRepo(db);
    run = repo.get(a.runId);
    artifact = repo.artifact<ModelArtifact | EnsembleArtifact>(run.id, 'model');
    types = new Map(new DatasetsRepo(db).columns(run.datasetId!).map((c) => [c.name, c.type]));
  } finally {
    db.close();
  }
  if (!artifact) throw new ApiError('bad_request', `Run ${run.id.slice(0, 8)} has no model`, { field: 'model' });
  if (isTextArtifact(artifact)) throw new ApiError('bad_request', `Run ${run.id.slice(0, 8)} is a ${(artifact as { family: string }).family} text model: predict a file of texts in the explorer's batch panel`, { field: 'model' });
  // An ensemble predicts through its one merged graph, as its export does.
  const exported = isEnsembleArtifact(artifact) ? exportEnsembleOnnx(artifact) : exportOnnx(artifact);
  const interval = isEnsembleArtifact(artifact) ? null : artifact.interval;
  // Made on the first chunk, on the faster execution provider for it (ort-provider.ts).
  let session: Session | null = null;
  let provider: InferenceProviderDto | undefined;
  const size = fs.statSync(a.input).size;
  const { stream, stats } = openTextStream(a.input, 'utf-8', ctx.signal);
  makeDir(path.dirname(target), 'out');
  cleanLeftovers(path.dirname(target));
  const tmp = tempPathFor(target);
  const out = fs.createWriteStream(tmp, { flags: 'wx' });
  let header: string[] | null = null;
  let pending: string[][] = [];
  let written = 0;
  const classes = artifact.classes?.map(String) ?? null;

  const flush = async () => {
    if (!header || pending.length === 0) return;
    const rows = pending;
    pending = [];
    const frame = toFrame(header, rows, exported.inputs.map((i) => i.column), types);
    const feeds = buildFeeds(exported.inputs, frame);
    if (!session) ({ session, provider } = await batchSession(exported.bytes, toTensors(feeds)));
    const res = await runSession(session, feeds);
    const lines: string[] = [];
    for (let i = 0; i < rows.length; i++) {
      const extra = classes
        ? [classes[Number(res.label.data[i])], ...classes.map((_, k) => num(res.probabilities.data[i * classes.length + k]))]
        : [num(res.prediction.data[i]), ...(res.lower ? [num(res.lower.data[i]), num(res.upper.data[i])] : [])];
      lines.push(Papa.unparse([[...rows[i], ...extra]], { header: false }));
    }
    if (!out.write(lines.join('\n') + '\n')) await new Promise<void>((r) => out.once('drain', () => r()));
    written += rows.length;
    ctx.progress(Math.min(0.99, stats.bytes / Math.max(1, size)), `${written.toLocaleString('en-US')} rows predicted`);
  };

  try {
    const parser = stream.pipe(Papa.parse(Papa.NODE_STREAM_INPUT, { skipEmptyLines: true }));
    for await (const rec of parser as AsyncIterable<string[]>) {
      if (ctx.cancelled()) throw new Error('cancelled');
      if (!header) {
        header = rec.map((h) => h.trim());
        const missing = exported.inputs.map((i) => i.column).filter((c) => !header!.includes(c));
        if (missing.length) throw new ApiError('bad_request', `${a.inputName ?? path.basename(a.input)} lacks the column${missing.length > 1 ? 's' : ''} the model needs: ${missing.join(', ')}`, { field: 'input' });
        const outCols = classes ? [`predicted_${artifact.target}`, ...classes.map((c) => `probability_${c}`)] : [`predicted_${artifact.target}`, ...(interval ? ['lower', 'upper'] : [])];
        out.write(Papa.unparse([[...header, ...outCols]], { header: false }) + '\n');
        continue;
      }
      pending.push(rec);
      if (pending.length >= CHUNK) await flush();
    }
    await flush();
    await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
    commitTemp(tmp, target, a.force);
  } catch (err) {
    await new Promise<void>((resolve) => (out.closed ? resolve() : (out.once('close', () => resolve()), out.destroy())));
    fs.rmSync(tmp, { force: true });
    throw err;
  }
  return { rows: written, out: target, model: run.id, ...(provider ? { provider } : {}) };
};

/** Typed columns for the model's inputs, parsed the way the importer parses them. */
function toFrame(header: string[], rows: string[][], needed: string[], types: Map<string, string>): Frame {
  const columns: Column[] = needed.map((name) => {
    const j = header.indexOf(name);
    const type = types.get(name) ?? 'categorical';
    const cell = (r: string[]) => (r[j] ?? '').trim();
    if (type === 'categorical' || type === 'text') {
      return { name, type, values: rows.map((r) => (isMissing(cell(r)) ? null : (r[j] ?? '').trimStart())) };
    }
    const values = new Float64Array(rows.length);
    rows.forEach((r, i) => {
      const v = cell(r);
      values[i] = isMissing(v)
        ? NaN
        : type === 'boolean'
          ? (b => (b === null ? NaN : b ? 1 : 0))(parseBoolean(v))
          : type === 'date' || type === 'datetime'
            ? (parseDate(v) ?? parseDatetime(v) ?? NaN)
            : (parseFloatStrict(v) ?? NaN);
    });
    return { name, type: type === 'datetime' ? 'date' : (type as Column['type']), values };
  });
  return { columns, rowCount: rows.length };
}
