import { startEnsemble } from '../runs/ensemble-service';
import type { HandlerGroup } from './types';

export const ensembleHandlers: HandlerGroup<'models.ensemble'> = {
  'models.ensemble': (args, ctx) => startEnsemble(ctx, args),
};
