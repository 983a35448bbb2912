/**
 * A retraining plan as data: which registered model and alias it keeps fresh, where new data comes
 * from, what starts a run, and how a challenger must beat the champion to be promoted. Every default
 * is stated here once; the host, the CLI and the Automation page read them from here.
 */
import { z } from 'zod';
import { refSchema } from '../api/ids';
import { modelName } from '../api/methods/registry';
import { outcomesArgs } from '../api/methods/outcomes';

export const PLAN_DEFAULTS = {
  alias: 'production',
  /** Practical margin in the metric's units: the challenger must be better by more than this. */
  margin: 0,
  /** 'better': promote only when better beyond the margin; 'notWorse': also when not worse by more than it. */
  mode: 'better' as const,
  /** Paired bootstrap resamples of the champion/challenger comparison. */
  resamples: 1000,
  /** Fewer held-out rows (forecast points, recommender users) unseen by both models than this: the comparison is not trusted and the champion stays. */
  minEvalRows: 20,
  /** A lease not renewed for this long is free again (its holder hung or its machine slept). */
  leaseMs: 10 * 60_000,
  /** How often the app's scheduler and `lathe automation daemon` look for due plans. */
  tickMs: 60_000,
};

/**
 * Backtest origins a plan's forecast challenger evaluates: the champion's, or enough for one series to reach
 * `minEvalRows` points (a 3-step horizon at 5 origins scores 15, so it is given 7). Origins are one step
 * apart, so the new data must hold that many origins and the horizon after the champion's data to count all.
 */
export function planForecastWindows(windows: number, horizon: number): number {
  return Math.max(windows, Math.ceil(PLAN_DEFAULTS.minEvalRows / horizon));
}

export const PLAN_MODES = ['better', 'notWorse'] as const;
export type PlanMode = (typeof PLAN_MODES)[number];

/** What started a plan run. */
export const PLAN_TRIGGERS = ['schedule', 'rows', 'drift', 'metric', 'manual'] as const;
export type PlanTrigger = (typeof PLAN_TRIGGERS)[number];

export const PLAN_DECISIONS = ['promoted', 'kept', 'failed', 'interrupted'] as const;
export type PlanDecision = (typeof PLAN_DECISIONS)[number];

const planName = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._ -]*$/, 'letters, digits, space, dot, dash and underscore; starting with a letter or digit');
const alias = z.string().trim().min(1).max(40).regex(/^[a-z][a-z0-9-]*$/, 'lower-case letters, digits and dashes');

/**
 * Where new data comes from: a file (or the newest data file of a folder) re-read at each trigger and
 * imported as the next version of the champion's dataset, or the newest version of a dataset.
 */
export const planSource = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('file'), path: z.string().trim().min(1).max(4096) }).strict(),
  z.object({ kind: z.literal('dataset'), dataset: refSchema }).strict(),
]);
export type PlanSource = z.output<typeof planSource>;

/**
 * Live outcomes for the metric trigger: monitor.outcomes' arguments less the model (the champion), its
 * defaults (key looked for, predicted_TARGET, the target, window 'week') stated there.
 */
export const planOutcomes = outcomesArgs.omit({ model: true }).strict();
export type PlanOutcomes = z.output<typeof planOutcomes>;

/** Any mix of triggers; a plan with none runs only by hand. */
export const planTriggers = z
  .object({
    /** Cron text (five or six fields, croner syntax), in the machine's time zone. Checked by the host, which names the bad part. */
    schedule: z.string().trim().min(1).max(200).nullable().default(null),
    /** Run when the source has at least this many rows more than the champion trained on. */
    minNewRows: z.number().int().min(1).nullable().default(null),
    /** Run when more than this share (0–1] of the model's input columns drifted (the drift service's verdict) against the champion's training rows. */
    driftThreshold: z.number().gt(0).max(1).nullable().default(null),
    /** Run when the champion's headline metric on the newest rows is worse than this (below for accuracy, above for RMSE). */
    metricFloor: z.number().nullable().default(null),
    /** Run when that live metric falls below this fraction of the champion's recorded metric (above its inverse for error metrics). */
    metricFraction: z.number().gt(0).lt(1).nullable().default(null),
    /** When set, the metric trigger judges the latest window of these live outcomes instead of the newest rows of the source. */
    outcomes: planOutcomes.nullable().default(null),
  })
  .strict();
export type PlanTriggers = z.output<typeof planTriggers>;

/** Triggers an update names: without defaults, so a field left out keeps its stored value (zod fills defaults inside optional). */
const T = planTriggers.shape;
const planTriggersPatch = z
  .object({
    schedule: T.schedule.unwrap().optional(),
    minNewRows: T.minNewRows.unwrap().optional(),
    driftThreshold: T.driftThreshold.unwrap().optional(),
    metricFloor: T.metricFloor.unwrap().optional(),
    metricFraction: T.metricFraction.unwrap().optional(),
    outcomes: T.outcomes.unwrap().optional(),
  })
  .strict();

export const planSpec = z
  .object({
    name: planName,
    /** A registered model's name; the plan's champion is `model@alias`. */
    model: modelName,
    alias: alias.default(PLAN_DEFAULTS.alias),
    source: planSource,
    triggers: planTriggers.default({ schedule: null, minNewRows: null, driftThreshold: null, metricFloor: null, metricFraction: null, outcomes: null }),
    margin: z.number().min(0).default(PLAN_DEFAULTS.margin),
    mode: z.enum(PLAN_MODES).default(PLAN_DEFAULTS.mode),
    /** Warm-start the challenger from the champion instead of training from scratch (needs incremental training). */
    incremental: z.boolean().default(false),
  })
  .strict();
export type PlanSpec = z.output<typeof planSpec>;
export type PlanSpecInput = z.input<typeof planSpec>;

/** An update names only what changes; triggers replace the stored ones field by field. */
export const planPatch = z
  .object({
    name: planName.optional(),
    alias: alias.optional(),
    source: planSource.optional(),
    triggers: planTriggersPatch.optional(),
    margin: z.number().min(0).optional(),
    mode: z.enum(PLAN_MODES).optional(),
    incremental: z.boolean().optional(),
  })
  .strict();
export type PlanPatch = z.output<typeof planPatch>;
