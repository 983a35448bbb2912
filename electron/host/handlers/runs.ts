import type { HandlerGroup } from './types';
import { resumeRun, startRun } from '../runs/run-service';
import { rerun } from '../runs/rerun';
import { ApiError } from '../../../shared/api/errors';
import { whyNotSameRows } from '../../../shared/api/compare-rows';

export const runHandlers: HandlerGroup<'runs.start' | 'runs.get' | 'runs.rerun' | 'runs.resume' | 'runs.delete' | 'runs.update' | 'runs.compare'> = {
  /** The statistics run in a worker; the call waits for them (they take a second or two). */
  'runs.compare': async (args, ctx) => {
    const a = ctx.repos.runs.resolve(args.a, 'a');
    const b = ctx.repos.runs.resolve(args.b, 'b');
    // Runs that were not scored on the same rows are refused here, before any job: an answer, not a failure.
    const why = whyNotSameRows(ctx.repos.runs.get(a, 2), ctx.repos.runs.get(b, 2));
    if (why) throw new ApiError('conflict', `Runs ${a.slice(0, 8)} and ${b.slice(0, 8)} cannot be compared row by row: ${why}.`, { reason: why });
    return ctx.jobs.result('runs.compare', ctx.jobs.start('runs.compare', `Compare ${a.slice(0, 8)} and ${b.slice(0, 8)}`, { ...args, a, b }).id);
  },
  'runs.start': (args, ctx) => startRun(ctx, args),
  'runs.get': (args, ctx) => ctx.repos.runs.get(args.id, args.maxPoints),
  'runs.rerun': (args, ctx) => rerun(ctx, args.id),
  'runs.resume': (args, ctx) => resumeRun(ctx, args.id),
  'runs.delete': (args, ctx) => {
    const id = ctx.repos.runs.resolve(args.id);
    ctx.repos.runs.delete(id);
    ctx.events.emit('runs.changed', { runId: null });
    return { deleted: id };
  },
  'runs.update': (args, ctx) => {
    const id = ctx.repos.runs.resolve(args.id);
    ctx.repos.runs.update(id, args);
    return ctx.repos.runs.get(id);
  },
};
