import type { HandlerGroup } from './types';
import { drift, startDrift } from '../monitor/drift-service';
import { outcomes } from '../monitor/outcomes-service';

export const monitorHandlers: HandlerGroup<'monitor.drift' | 'monitor.startDrift' | 'monitor.outcomes'> = {
  'monitor.drift': (args, ctx) => drift(ctx, args),
  'monitor.startDrift': (args, ctx) => startDrift(ctx, args),
  'monitor.outcomes': (args, ctx) => outcomes(ctx, args),
};
