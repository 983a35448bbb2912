import { z } from 'zod';
import { method } from '../define';
import { refSchema } from '../ids';
import { DEFAULT_SEED, WARM_START_REF } from './runs';
import { GROUP_STRATEGIES, RECOMMEND_DEFAULTS, RECOMMEND_MODEL_IDS, RECOMMEND_SPLITS, type GroupStrategy, type RecommendModelId, type RecommendSplit } from '../../families/recommend';
import type { RecommendAnswerDto } from '../recommend-dto';

const column = z.string().min(1);
export const recommendModelSchema = z.enum(RECOMMEND_MODEL_IDS as [RecommendModelId, ...RecommendModelId[]]);
export const recommendSplitSchema = z.enum(Object.keys(RECOMMEND_SPLITS) as [RecommendSplit, ...RecommendSplit[]]);
export const groupStrategySchema = z.enum(Object.keys(GROUP_STRATEGIES) as [GroupStrategy, ...GroupStrategy[]]);

/**
 * What a recommender run is asked for: the interactions, their roles, optional feature datasets and
 * the model. Exactly one of rating, event (with weights) or count may be given; none means every
 * interaction weighs 1 (implicit). Stored on the run; re-runs replay it.
 */
export const recommendArgs = z
  .object({
    dataset: refSchema,
    user: column,
    item: column,
    /** Explicit ratings (numbers). */
    rating: column.optional(),
    /** Implicit events: a column of event types, weighted by `weights` (e.g. view=1, booking=5). */
    event: column.optional(),
    weights: z.record(z.string().min(1), z.number().finite()).optional(),
    /** Implicit counts (plays, visits). */
    count: column.optional(),
    time: column.optional(),
    itemFeatures: refSchema.optional(),
    itemKey: column.optional(),
    userFeatures: refSchema.optional(),
    userKey: column.optional(),
    model: recommendModelSchema.default('mf'),
    split: recommendSplitSchema.default(RECOMMEND_DEFAULTS.split),
    /** With split 'test' (set automatically when given): the interactions to score on. */
    testDataset: refSchema.optional(),
    k: z.number().int().min(1).max(RECOMMEND_DEFAULTS.maxK).default(RECOMMEND_DEFAULTS.k),
    /** Checked against the model's schema (shared/families/recommend.ts); omitted ones take its defaults. */
    params: z.record(z.string(), z.union([z.number(), z.string(), z.boolean(), z.array(z.number())])).default({}),
    seed: z.number().int().min(0).default(DEFAULT_SEED),
    /** Continue from this run's model on this run's data (see runArgs.warmStartFrom); stored resolved to the run id. */
    warmStartFrom: WARM_START_REF.optional(),
  })
  .strict();
export type RecommendArgs = z.output<typeof recommendArgs>;

/** Who or what to recommend for: one user, a group, items like one item, or stated preferences. */
export const recommendQuery = z
  .object({
    /** A registered version (NAME@VERSION, NAME@ALIAS) or a run id. */
    model: refSchema,
    user: z.string().min(1).optional(),
    group: z.array(z.string().min(1)).min(2).max(50).optional(),
    strategy: groupStrategySchema.default(RECOMMEND_DEFAULTS.groupStrategy),
    similarTo: z.string().min(1).optional(),
    /** Stated preferences for someone new: feature column → wanted values (tags, categories). */
    prefer: z.record(z.string().min(1), z.array(z.string().min(1)).min(1)).optional(),
    k: z.number().int().min(1).max(1000).default(RECOMMEND_DEFAULTS.k),
  })
  .strict();
export type RecommendQuery = z.output<typeof recommendQuery>;

export const recommendMethods = {
  /** Starts a recommender run in a worker; returns at once (an ordinary run with task 'recommend'). */
  'recommend.start': method<{ runId: string; jobId: string }>()(recommendArgs),
  /** Recommends from a loaded model in milliseconds (the explorer worker). */
  'recommend.query': method<RecommendAnswerDto>()(recommendQuery),
  /** Users of a model whose id starts with or contains `search`, for the explorer's user picker. */
  'recommend.users': method<{ users: { user: string; interactions: number }[] }>()(
    z.object({ model: refSchema, search: z.string().max(200).default(''), limit: z.number().int().min(1).max(200).default(20) }).strict(),
  ),
};
