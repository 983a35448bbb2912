/** The jobs of a plan run: scoring champion and challenger on the same held-out rows (the worker picks the rows), the live metric, the run itself. */
import { z } from 'zod';
import { PLAN_DEFAULTS, PLAN_MODES, PLAN_TRIGGERS } from './plan';

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

/** A plan run as a job of its own (the tray lists it); its record is the plan run `planRunId`. */
export const planRunJobArgs = z.object({ planId: id, planRunId: id, trigger: z.enum(PLAN_TRIGGERS) }).strict();

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
  /** What `rows` counts: table rows, forecast points (series × origin × step) or recommender users; absent means rows. */
  unit?: 'rows' | 'points' | 'users';
}
