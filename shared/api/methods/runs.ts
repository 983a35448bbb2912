import { z } from 'zod';
import { method } from '../define';
import { idSchema, refSchema } from '../ids';
import type { RunDetailDto } from '../runs-dto';
import { TASKS, familySchema, type Task } from '../../families/index';

/** Folds of a k-fold split when none are given. */
export const DEFAULT_FOLDS = 5;
/** Share of rows held out for testing when none is given. */
export const DEFAULT_TEST_FRACTION = 0.2;
/** The longest name a run may have. */
export const RUN_NAME_MAX = 100;
/** The seed of the split and the model when none is given. */
export const DEFAULT_SEED = 42;

/** A run to continue from: its id (or a prefix) or a registered NAME@VERSION / NAME@ALIAS. */
export const WARM_START_REF = refSchema;

export const splitSchema = z
  .object({
    kind: z.enum(['random', 'time', 'kfold', 'holdout']).default('random'),
    testFraction: z.number().gt(0).lt(1).default(DEFAULT_TEST_FRACTION),
    column: z.string().min(1).optional(),
    k: z.number().int().min(2).max(20).optional(),
  })
  .strict();

export const runArgs = z
  .object({
    /** Dataset id or name. */
    dataset: refSchema,
    target: z.string().min(1),
    /** A separate test dataset with the same columns (split kind 'holdout'). */
    testDataset: refSchema.optional(),
    exclude: z.array(z.string()).default([]),
    /** Default: decided from the target column (shared/families/task.ts) and stored on the run. */
    task: z.enum(TASKS as [Task, ...Task[]]).optional(),
    family: familySchema.default('gbdt'),
    /** Checked against the family's schema (shared/families); omitted ones take its defaults. */
    params: z.record(z.string(), z.union([z.number(), z.string(), z.boolean(), z.array(z.number())])).default({}),
    split: splitSchema.default({ kind: 'random', testFraction: DEFAULT_TEST_FRACTION }),
    seed: z.number().int().min(0).default(DEFAULT_SEED),
    /** Train even a classification target the learnability check refuses (many classes, a one-row class). */
    allowAnyTarget: z.boolean().default(false),
    /**
     * Continue training from this run's model (run id or NAME@VERSION / NAME@ALIAS) on this run's data:
     * same family, target, task and feature columns. Stored resolved to the run id, so a re-run is exact.
     */
    warmStartFrom: WARM_START_REF.optional(),
  })
  .strict();
export type RunArgs = z.output<typeof runArgs>;

export const runMethods = {
  /** Starts training in a worker; returns at once. */
  'runs.start': method<{ runId: string; jobId: string }>()(runArgs),
  /** Curves come downsampled to about `maxPoints` per curve (min and max per bucket); 0 returns every point. */
  'runs.get': method<RunDetailDto>()(z.object({ id: idSchema, maxPoints: z.number().int().min(0).max(1_000_000).default(2000) }).strict()),
  /** Trains again with exactly the same dataset, params, split and seed. */
  'runs.rerun': method<{ runId: string; jobId: string }>()(z.object({ id: idSchema }).strict()),
  /** Continues a stopped network run from the checkpoint of its last whole epoch, as the same run. */
  'runs.resume': method<{ runId: string; jobId: string }>()(z.object({ id: idSchema }).strict()),
  'runs.delete': method<{ deleted: string }>()(z.object({ id: idSchema }).strict()),
  'runs.update': method<RunDetailDto>()(
    z
      .object({
        id: idSchema,
        /** A blank name or null clears it. */
        name: z.string().max(RUN_NAME_MAX).nullable().optional(),
        notes: z.string().max(10000).optional(),
        tags: z.array(z.string().max(50)).max(50).optional(),
      })
      .strict(),
  ),
};

export const compareArgs = z
  .object({
    a: idSchema,
    b: idSchema,
    /** Default: rmse for regression, accuracy for classification, ndcg (at the runs' k, per user) for recommenders. */
    metric: z.enum(['rmse', 'mae', 'r2', 'mape', 'accuracy', 'precision', 'recall', 'f1', 'auc', 'prAuc', 'logloss', 'ndcg']).optional(),
    /** Practical-equivalence margin in the metric's units. */
    margin: z.number().min(0).default(0),
    resamples: z.number().int().min(100).max(10000).default(1000),
  })
  .strict();

export const compareMethods = {
  /** Paired comparison of two runs evaluated on the same test rows; refused otherwise. */
  'runs.compare': method<import('../runs-dto').CompareResultDto>()(compareArgs),
};
