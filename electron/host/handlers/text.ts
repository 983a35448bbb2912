import type { HandlerGroup } from './types';
import { aggregates, results, startEntities, startSentiment } from '../text/text-service';

export const textHandlers: HandlerGroup<'text.sentiment' | 'text.entities' | 'text.aggregates' | 'text.results'> = {
  'text.sentiment': (args, ctx) => startSentiment(ctx, args),
  'text.entities': (args, ctx) => startEntities(ctx, args),
  'text.aggregates': (args, ctx) => aggregates(ctx, args),
  'text.results': (args, ctx) => results(ctx, args),
};
