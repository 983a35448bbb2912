import type { HandlerGroup } from './types';

export const sweepHandlers: HandlerGroup<'sweeps.start' | 'sweeps.startForecast' | 'sweeps.startRecommend' | 'sweeps.get' | 'sweeps.list' | 'sweeps.cancel'> = {
  'sweeps.start': (args, ctx) => ctx.sweeps.start(args),
  'sweeps.startForecast': (args, ctx) => ctx.sweeps.startForecast(args),
  'sweeps.startRecommend': (args, ctx) => ctx.sweeps.startRecommend(args),
  'sweeps.get': (args, ctx) => ctx.repos.sweeps.get(args.id),
  'sweeps.list': (_args, ctx) => ctx.repos.sweeps.list(),
  'sweeps.cancel': (args, ctx) => ctx.sweeps.cancel(args.id),
};
