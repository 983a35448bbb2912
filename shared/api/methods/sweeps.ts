import { z } from 'zod';
import { method } from '../define';
import { idSchema } from '../ids';
import { runArgs } from './runs';
import { forecastArgs } from './forecast';
import { recommendArgs } from './recommend';
import { DEFAULT_FORECAST_OBJECTIVE, FORECAST_SWEEP_METRICS } from '../../families/forecast';
import { RECOMMEND_SWEEP_METRICS } from '../../families/recommend';

export interface SweepTrialDto {
  runId: string;
  params: Record<string, number | string | boolean>;
  status: string;
  value: number | null;
  stoppedEarly: boolean;
  /** The last point of its validation curve (the training loss on held-out rows): what a trial stopped early reached. */
  lastCurve: { step: number; value: number } | null;
}

export interface SweepDto {
  id: string;
  datasetId: string;
  status: 'running' | 'succeeded' | 'cancelled' | 'failed' | 'interrupted';
  method: 'grid' | 'random' | 'tpe';
  metric: string;
  lowerIsBetter: boolean;
  trials: number;
  space: string[];
  results: SweepTrialDto[];
  bestRunId: string | null;
  /** The best run on the same dataset, target and task from before the sweep, when it beats the sweep's best. */
  earlierBetter: { runId: string; value: number } | null;
  createdAt: string;
  endedAt: string | null;
}

export const sweepArgs = runArgs
  .extend({
    /** `key=lo..hi`, `key=lo..hi:log` or `key=a|b|c`. */
    space: z.array(z.string().min(3)).min(1),
    method: z.enum(['grid', 'random', 'tpe']).default('tpe'),
    trials: z.number().int().min(1).max(500).default(20),
    /** Objective; default rmse (regression) or logloss (classification). */
    metric: z.enum(['rmse', 'mae', 'r2', 'mape', 'accuracy', 'f1', 'auc', 'prAuc', 'logloss']).optional(),
    /** Trials at once; default: the machine's cores. */
    parallel: z.number().int().min(1).max(64).optional(),
    /** Stop trials whose validation curve is worse than the median of finished ones. */
    stopEarly: z.boolean().default(true),
  })
  .strict();
export type SweepArgs = z.output<typeof sweepArgs>;

/** A sweep over a forecasting model's parameters: every trial an ordinary forecast run on the same data and windows. */
export const forecastSweepArgs = forecastArgs
  .extend({
    space: z.array(z.string().min(3)).min(1),
    method: z.enum(['grid', 'random', 'tpe']).default('tpe'),
    trials: z.number().int().min(1).max(500).default(20),
    metric: z.enum(FORECAST_SWEEP_METRICS).default(DEFAULT_FORECAST_OBJECTIVE),
    parallel: z.number().int().min(1).max(64).optional(),
  })
  .strict();
export type ForecastSweepArgs = z.output<typeof forecastSweepArgs>;

/**
 * A sweep over a recommender model's parameters: every trial an ordinary recommender run on the same data
 * and split. Without a space, the model's first search space (its searchFirst parameters) is searched.
 */
export const recommendSweepArgs = recommendArgs
  .extend({
    space: z.array(z.string().min(3)).min(1).optional(),
    method: z.enum(['grid', 'random', 'tpe']).default('tpe'),
    trials: z.number().int().min(1).max(500).default(20),
    /** Taken at the run's k (ndcg → ndcgAt10); rmse and mae need a rating column and are minimised. */
    metric: z.enum(RECOMMEND_SWEEP_METRICS).default('ndcg'),
    parallel: z.number().int().min(1).max(64).optional(),
  })
  .strict();
export type RecommendSweepArgs = z.output<typeof recommendSweepArgs>;

export const sweepMethods = {
  'sweeps.start': method<{ sweepId: string }>()(sweepArgs),
  'sweeps.startForecast': method<{ sweepId: string }>()(forecastSweepArgs),
  'sweeps.startRecommend': method<{ sweepId: string }>()(recommendSweepArgs),
  'sweeps.get': method<SweepDto>()(z.object({ id: idSchema }).strict()),
  'sweeps.list': method<SweepDto[]>()(z.object({}).strict()),
  'sweeps.cancel': method<SweepDto>()(z.object({ id: idSchema }).strict()),
};
