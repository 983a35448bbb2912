import type { HandlerGroup } from './types';
import { promote, registerRun, rollback } from '../registry/registry-service';

export const registryHandlers: HandlerGroup<'models.register' | 'models.get' | 'models.promote' | 'models.rollback'> = {
  'models.register': (args, ctx) => registerRun(ctx, args.runId, args.name, args.description, args.bump),
  'models.get': (args, ctx) => ctx.repos.registry.detail(args.name),
  'models.promote': (args, ctx) => promote(ctx, args.name, args.version, args.alias, args.note),
  'models.rollback': (args, ctx) => rollback(ctx, args.name, args.alias, args.note),
};
