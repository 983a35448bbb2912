import { ApiError } from '../../../shared/api/errors';
import type { ModelTarget } from '../../workers/explorer/protocol';
import { startRecommend } from '../runs/recommend-service';
import type { HandlerGroup, HostContext } from './types';

/** A run id or NAME@VERSION / NAME@ALIAS; a wrong one names the `model` field. */
function target(ctx: HostContext, ref: string): ModelTarget {
  if (ref.includes('@')) {
    const v = ctx.repos.registry.resolve(ref);
    return { runId: v.run_id, version: v.version, modelName: ref.slice(0, ref.lastIndexOf('@')) };
  }
  return { runId: ctx.repos.runs.resolve(ref, 'model'), version: null, modelName: null };
}

const ASKS = ['user', 'group', 'similarTo', 'prefer'] as const;

/** Answers come from the explorer worker, which keeps the recommender loaded between questions. */
export const recommendHandlers: HandlerGroup<'recommend.start' | 'recommend.query' | 'recommend.users'> = {
  'recommend.start': (args, ctx) => startRecommend(ctx, args),
  'recommend.query': (args, ctx) => {
    const given = ASKS.filter((k) => args[k] !== undefined);
    if (given.length !== 1) {
      throw new ApiError('bad_request', given.length
        ? `Ask for one thing at a time: ${given.join(' and ')} were both given`
        : 'Say whom to recommend for: a user, a group, an item (similarTo) or stated preferences (prefer)', { field: given[1] ?? 'user' });
    }
    const { model, ...query } = args;
    return ctx.explorer.request({ op: 'recommend', target: target(ctx, model), query });
  },
  'recommend.users': (args, ctx) => ctx.explorer.request({ op: 'recommendUsers', target: target(ctx, args.model), search: args.search, limit: args.limit }),
};
