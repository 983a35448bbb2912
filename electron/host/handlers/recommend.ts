import { ApiError } from '../../../shared/api/errors';
import { startRecommend } from '../runs/recommend-service';
import type { HandlerGroup } from './types';

/** Answers for a stored recommender come from the explorer worker, which does not serve them yet. */
const notBuilt = (what: string) => () => {
  throw new ApiError('unavailable', `${what} is not built yet: train recommenders with recommend.start and read their reports with runs.get`);
};

export const recommendHandlers: HandlerGroup<'recommend.start' | 'recommend.query' | 'recommend.users'> = {
  'recommend.start': (args, ctx) => startRecommend(ctx, args),
  'recommend.query': notBuilt('Recommending from a stored model'),
  'recommend.users': notBuilt("Listing a recommender's users"),
};
