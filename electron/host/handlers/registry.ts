import type { HandlerGroup } from './types';
import { promote, registerRun, rollback } from '../registry/registry-service';
import { productionWarning } from '../registry/production-warning';

export const registryHandlers: HandlerGroup<'models.register' | 'models.registerCheck' | 'models.get' | 'models.promote' | 'models.rollback'> = {
  'models.register': (args, ctx) => registerRun(ctx, args.runId, args.name, args.description, args.bump),
  'models.registerCheck': (args, ctx) => ({ warning: productionWarning(ctx, ctx.repos.runs.resolve(args.runId, 'runId'), args.name) }),
  'models.get': (args, ctx) => ctx.repos.registry.detail(args.name),
  'models.promote': (args, ctx) => promote(ctx, args.name, args.version, args.alias, args.note),
  'models.rollback': (args, ctx) => rollback(ctx, args.name, args.alias, args.note),
};
