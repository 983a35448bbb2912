import type { HandlerGroup } from './types';
import { drift } from '../monitor/drift-service';

export const monitorHandlers: HandlerGroup<'monitor.drift'> = {
  'monitor.drift': (args, ctx) => drift(ctx, args),
};
