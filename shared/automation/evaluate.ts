/** The job that scores champion and challenger on the same held-out rows (the worker picks the rows). */
import { z } from 'zod';
import { PLAN_DEFAULTS, PLAN_MODES } from './plan';

const id = z.string().min(1).max(64);

export const planEvaluateArgs = z
  .object({
    championRunId: id,
    challengerRunId: id,
    margin: z.number().min(0),
    mode: z.enum(PLAN_MODES),
    resamples: z.number().int().min(100).max(10000).default(PLAN_DEFAULTS.resamples),
  })
  .strict();
export type PlanEvaluateArgs = z.output<typeof planEvaluateArgs>;

/** The champion's headline metric on the newest rows it never trained on (the metric trigger's live value). */
export const planLiveMetricArgs = z.object({ championRunId: id, datasetId: id }).strict();
export type PlanLiveMetricArgs = z.output<typeof planLiveMetricArgs>;

export interface PlanLiveMetricDto {
  metric: string;
  lowerIsBetter: boolean;
  /** Null when there were no rows the champion had not seen. */
  value: number | null;
  /** The champion's recorded value of the metric (its baseline). */
  baseline: number | null;
  rows: number;
}
