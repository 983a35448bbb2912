import type { HandlerGroup } from './types';
import { startRun } from '../runs/run-service';

export const runHandlers: HandlerGroup<'runs.start' | 'runs.get' | 'runs.rerun' | 'runs.delete' | 'runs.update' | 'runs.compare'> = {
  /** The statistics run in a worker; the call waits for them (they take a second or two). */
  'runs.compare': async (args, ctx) => {
    const a = ctx.repos.runs.resolve(args.a);
    const b = ctx.repos.runs.resolve(args.b);
    return ctx.jobs.result('runs.compare', ctx.jobs.start('runs.compare', `Compare ${a.slice(0, 8)} and ${b.slice(0, 8)}`, { ...args, a, b }).id);
  },
  'runs.start': (args, ctx) => startRun(ctx, args),
  'runs.get': (args, ctx) => ctx.repos.runs.get(args.id, args.maxPoints),
  'runs.rerun': (args, ctx) => startRun(ctx, ctx.repos.runs.args(ctx.repos.runs.resolve(args.id))),
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
