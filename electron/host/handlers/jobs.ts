import { ApiError } from '../../../shared/api/errors';
import type { HandlerGroup } from './types';

export const jobHandlers: HandlerGroup<'jobs.list' | 'jobs.get' | 'jobs.cancel'> = {
  'jobs.list': (args, ctx) => ctx.repos.jobs.list({ status: args.status, limit: args.limit }).map((j) => ctx.jobs.withLive(j)),
  'jobs.get': (args, ctx) => {
    const job = ctx.repos.jobs.get(args.id);
    if (!job) throw new ApiError('not_found', `No job with id '${args.id}'`, { field: 'id' });
    return ctx.jobs.withLive(job);
  },
  'jobs.cancel': (args, ctx) => ctx.jobs.cancel(args.id),
};
