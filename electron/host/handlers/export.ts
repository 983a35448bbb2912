import fs from 'node:fs';
import path from 'node:path';
import { ApiError } from '../../../shared/api/errors';
import type { HandlerGroup } from './types';
import type { HostContext } from './types';
import { displayName } from '../server/uploads';

/** `<home>/predictions/<input>.predictions-<time>.csv`: never overwrites an earlier batch. */
function defaultPredictionsPath(home: string, inputName: string): string {
  const stem = inputName.replace(/\.[^.]*$/, '') || 'input';
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  return path.join(home, 'predictions', `${stem}.predictions-${stamp}.csv`);
}

function isInside(dir: string, file: string): boolean {
  const rel = path.relative(dir, file);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

/** A run id (or prefix) or NAME@VERSION / NAME@ALIAS → the run and a label for the bundle. */
export function resolveModelRef(ctx: HostContext, ref: string): { runId: string; version: string | null } {
  if (ref.includes('@')) {
    const v = ctx.repos.registry.resolve(ref);
    return { runId: v.run_id, version: v.version };
  }
  return { runId: ctx.repos.runs.resolve(ref), version: null };
}

export const exportHandlers: HandlerGroup<'models.export' | 'models.predict'> = {
  'models.predict': (args, ctx) => {
    const { runId } = resolveModelRef(ctx, args.model);
    const input = path.resolve(args.input);
    if (!fs.existsSync(input)) throw new ApiError('not_found', `No such file: ${input}`, { field: 'input' });
    const name = displayName(input);
    const out = args.out ? path.resolve(args.out) : defaultPredictionsPath(ctx.home, name);
    // A file the browser uploaded for this prediction is ours to remove once it is read.
    const uploaded = isInside(path.join(ctx.home, 'uploads'), input);
    const cleanup = () => uploaded && fs.rmSync(input, { force: true });
    const job = ctx.jobs.start('models.predict', `Predict ${name} with ${args.model}`, { runId, input, inputName: name, out }, {
      onSucceeded: (result) => (cleanup(), result),
      onFinished: cleanup,
    });
    return { jobId: job.id };
  },
  'models.export': async (args, ctx) => {
    const { runId, version } = resolveModelRef(ctx, args.model);
    const outDir = path.resolve(args.outDir);
    const job = ctx.jobs.start('models.export', `Export ${args.model} (${args.format})`, { runId, ref: args.model, version, format: args.format, outDir });
    return ctx.jobs.result('models.export', job.id);
  },
};
