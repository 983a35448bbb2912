import type { HandlerGroup } from './types';

export const catalogHandlers: HandlerGroup<'datasets.list' | 'runs.list' | 'models.list'> = {
  'datasets.list': (_args, ctx) => ctx.repos.catalog.datasets(),
  'runs.list': (args, ctx) => ctx.repos.catalog.runs(args),
  'models.list': (_args, ctx) => ctx.repos.catalog.models(),
};
