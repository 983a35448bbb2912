/**
 * Traffic policies of the model server (`lathe serve-model --policy FILE`, `server.mjs --policy FILE`), as data.
 * A policy file is JSON. Versions are named as in the registry: a version ("1.2") or an alias ("production") of
 * the model being served; the positional NAME@VERSION of `serve-model` is the stable version unless `stable` is set.
 */
import { z } from 'zod';

/** A version ("1.2") or alias ("production") of the served model, or NAME@VERSION spelled out. */
export const versionRef = z.string().trim().min(1).max(200);

/** Per-row scores compared between candidate and stable, once the true outcome arrives as feedback. */
export const ANALYSIS_METRICS = ['accuracy', 'mae', 'mse'] as const;
export type AnalysisMetric = (typeof ANALYSIS_METRICS)[number];

/** The model-quality check: candidate vs stable on the same rows, with an always-valid sequential test. */
export const metricCheckSchema = z.object({
  /** accuracy: 1 when the predicted class equals the actual; mae / mse: absolute / squared error (regression). */
  name: z.enum(ANALYSIS_METRICS),
  /** How much worse the candidate may be, in the metric's units (0.01 = one accuracy point); 0 = no worse at all. */
  margin: z.number().min(0).default(0),
  /** Chance of a false rollback when the candidate is in truth no worse than the margin, over the whole canary. */
  alpha: z.number().gt(0).lt(0.5).default(0.05),
  /** Spread of the normal mixture over effect sizes, in metric units: the size of difference the test is tuned to find soonest. */
  tau: z.number().positive().optional(),
  /** Paired outcomes needed before the test may reject (its variance is estimated), and before a step may pass. */
  minOutcomes: z.number().int().min(2).default(30),
});
export type MetricCheck = z.infer<typeof metricCheckSchema>;

/** Checks run on every decision of a canary step; the first that fails rolls back at once. Thresholds as Flagger's. */
export const analysisSchema = z.object({
  /** Share of the candidate's requests answered without error, at least (Flagger's request-success-rate). */
  minSuccessRate: z.number().min(0).max(1).default(0.99),
  /** p99 of the candidate's scoring latency in milliseconds, at most (Flagger's request-duration). */
  maxP99Ms: z.number().positive().default(500),
  /** Candidate requests in the step before its success rate and p99 are judged (an early error is not yet a rate). */
  minRequests: z.number().int().positive().default(100),
  /** The p99 is taken over the candidate's last this-many latencies. */
  latencyWindow: z.number().int().min(10).default(1000),
  /** Optional model-quality check from feedback; without it only errors and latency are judged. */
  metric: metricCheckSchema.optional(),
});
export type Analysis = z.infer<typeof analysisSchema>;

/** One canary step: the candidate's share of traffic, held until both minimums are met with every check passing. */
export const canaryStepSchema = z.object({
  /** Percent of requests answered by the candidate during the step (0–100). */
  weight: z.number().min(0).max(100),
  /** Decisions (predictions served, any version) the step lasts at least. */
  minDecisions: z.number().int().min(0).default(0),
  /** Seconds the step lasts at least. */
  minDurationS: z.number().min(0).default(0),
});
export type CanaryStep = z.infer<typeof canaryStepSchema>;

export const singlePolicySchema = z.object({
  kind: z.literal('single'),
  /** The version served; default: the one named on the command line. */
  version: versionRef.optional(),
});

export const canaryPolicySchema = z.object({
  kind: z.literal('canary'),
  stable: versionRef.optional(),
  candidate: versionRef,
  steps: z.array(canaryStepSchema).min(1).max(50),
  analysis: analysisSchema.default(() => analysisSchema.parse({})),
  /** After the last step passes: 'promote' sends all traffic to the candidate; 'hold' stays at the last weight. */
  onSuccess: z.enum(['promote', 'hold']).default('promote'),
});

/** Where the sticky key of an A/B split is read: a field of the row, or a request header. */
export const stickyKeySchema = z.union([
  z.object({ field: z.string().min(1) }).strict(),
  z.object({ header: z.string().min(1).transform((h) => h.toLowerCase()) }).strict(),
]);

export const abPolicySchema = z.object({
  kind: z.literal('ab'),
  stable: versionRef.optional(),
  candidate: versionRef,
  /** Percent of keys whose requests the candidate answers (0–100). */
  weight: z.number().min(0).max(100),
  /** The same key always gets the same version (a hash of the key picks it); a row without one is assigned at random. */
  stickyBy: stickyKeySchema,
});

export const shadowPolicySchema = z.object({
  kind: z.literal('shadow'),
  stable: versionRef.optional(),
  candidate: versionRef,
  /** Share of requests the candidate also scores (0–1); its answers are logged, never returned. */
  sample: z.number().min(0).max(1).default(1),
});

export const servingPolicySchema = z.discriminatedUnion('kind', [singlePolicySchema, canaryPolicySchema, abPolicySchema, shadowPolicySchema]);
export type ServingPolicy = z.infer<typeof servingPolicySchema>;
export type CanaryPolicy = z.infer<typeof canaryPolicySchema>;
export type AbPolicy = z.infer<typeof abPolicySchema>;
export type ShadowPolicy = z.infer<typeof shadowPolicySchema>;
export type PolicyKind = ServingPolicy['kind'];

/** The versions a policy needs loaded besides the stable one. */
export function candidateOf(policy: ServingPolicy): string | null {
  return policy.kind === 'single' ? null : policy.candidate;
}
