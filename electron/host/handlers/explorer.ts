import fs from 'node:fs';
import path from 'node:path';
import { ApiError } from '../../../shared/api/errors';
import type { ExplorerOp, ExplorerRequestOf, ModelTarget } from '../../workers/explorer/protocol';
import { parseResult } from '../../../shared/api/jobs';
import { displayName } from '../server/uploads';
import { isOwnUpload, resolveModelRef } from './export';
import type { HandlerGroup, HostContext } from './types';

/** Prediction files larger than this are not sent through the API; the user opens the path instead. */
const MAX_DOWNLOAD_BYTES = 200 * 1024 * 1024;

function target(ctx: HostContext, ref: string): ModelTarget {
  const { runId, version } = resolveModelRef(ctx, ref);
  return { runId, version, modelName: version ? ref.slice(0, ref.lastIndexOf('@')) : null };
}

const ask = <O extends ExplorerOp>(ctx: HostContext, req: ExplorerRequestOf<O>) => ctx.explorer.request(req);

export const explorerHandlers: HandlerGroup<
  | 'explorer.schema' | 'explorer.predict' | 'explorer.pdp' | 'explorer.rows' | 'explorer.thresholds'
  | 'explorer.openOnnx' | 'explorer.runOnnx' | 'explorer.predictionFile' | 'explorer.predictTexts'
> = {
  'explorer.schema': (args, ctx) => ask(ctx, { op: 'schema', target: target(ctx, args.model), ref: args.model }),
  'explorer.predict': (args, ctx) =>
    ask(ctx, { op: 'predict', target: target(ctx, args.model), rows: args.rows, explain: args.explain, explainClass: args.explainClass }),
  'explorer.pdp': (args, ctx) => ask(ctx, { op: 'pdp', target: target(ctx, args.model), column: args.column, points: args.points, ice: args.ice }),
  'explorer.rows': (args, ctx) => ask(ctx, { op: 'rows', target: target(ctx, args.model), offset: args.offset, limit: args.limit, search: args.search }),
  'explorer.thresholds': (args, ctx) => ask(ctx, { op: 'thresholds', target: target(ctx, args.model) }),
  'explorer.openOnnx': (args, ctx) => {
    const file = path.resolve(args.path);
    if (!fs.existsSync(file)) throw new ApiError('not_found', `No such file: ${file}`, { field: 'path' });
    return ask(ctx, { op: 'openOnnx', path: file, displayName: displayName(file) });
  },
  'explorer.predictTexts': async (args, ctx) => {
    const file = path.resolve(args.input);
    if (!fs.existsSync(file)) throw new ApiError('not_found', `No such file: ${file}`, { field: 'input' });
    try {
      return await ask(ctx, { op: 'predictTextFile', target: target(ctx, args.model), path: file, displayName: displayName(file) });
    } finally {
      // A file the browser uploaded for this prediction is ours to remove once it is read.
      if (isOwnUpload(ctx.home, file)) fs.rmSync(file, { force: true });
    }
  },
  'explorer.runOnnx': (args, ctx) => ask(ctx, { op: 'runOnnx', id: args.id, rows: args.rows, inputs: args.inputs }),
  'explorer.predictionFile': (args, ctx) => {
    const job = ctx.repos.jobs.get(args.jobId);
    if (!job || job.kind !== 'models.predict') throw new ApiError('not_found', `No prediction job ${args.jobId}`, { field: 'jobId' });
    if (job.status !== 'succeeded') throw new ApiError('conflict', `The prediction job has not finished (${job.status})`, { field: 'jobId' });
    const { out, rows } = parseResult('models.predict', job.result);
    let size: number;
    try {
      size = fs.statSync(out).size;
    } catch {
      throw new ApiError('not_found', `The predictions file is gone: ${out}`, { field: 'jobId' });
    }
    if (size > MAX_DOWNLOAD_BYTES) throw new ApiError('conflict', `The predictions file is too large to download here (${(size / 1e6).toFixed(0)} MB); open ${out}`, { field: 'jobId' });
    return { fileName: path.basename(out), rows, text: fs.readFileSync(out, 'utf8') };
  },
};
