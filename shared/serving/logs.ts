/**
 * The serving logs: JSON lines the model server appends under its --logs folder. Each process writes its own files
 * (named with its instance id), so several processes behind a load balancer never interleave lines; readers join
 * feedback to predictions by `id` across every file of the folder.
 */
import { z } from 'zod';

/** How the version that answered was chosen: the stable one, the canary/A-B candidate, or a shadow score not returned. */
export const SERVING_ROLES = ['stable', 'candidate', 'shadow'] as const;
export const servingRole = z.enum(SERVING_ROLES);
export type ServingRole = z.infer<typeof servingRole>;

/** One scored row. A row the candidate also scored (canary pairing, shadow) gives two lines with the same id. */
export const predictionLineSchema = z.object({
  type: z.literal('prediction'),
  /** The prediction id the response returned; feedback names it. */
  id: z.string(),
  /** ISO time the request arrived. */
  time: z.string(),
  /** Registry version that scored the row ("1.2"). */
  version: z.string(),
  role: servingRole,
  /** True when this answer is the one returned to the caller. */
  served: z.boolean(),
  /** The row as sent (column → value). */
  inputs: z.record(z.string(), z.unknown()),
  /** The prediction: a number (regression) or the class label as a string. */
  output: z.union([z.number(), z.string(), z.null()]),
  /** Class probabilities by class label (classification only). */
  probabilities: z.record(z.string(), z.number()).optional(),
  /** Milliseconds this version took to score the request's rows (the whole batch the row came in). */
  latencyMs: z.number(),
  /** Error message when this version failed to score the row (output null). */
  error: z.string().optional(),
});
export type PredictionLine = z.infer<typeof predictionLineSchema>;

/** A true outcome sent to POST /feedback, logged as it arrives. */
export const feedbackLineSchema = z.object({
  type: z.literal('feedback'),
  id: z.string(),
  time: z.string(),
  /** The true value: a number (regression) or the class label. */
  actual: z.union([z.number(), z.string(), z.boolean()]),
  /** False when this process no longer (or never) held the prediction in memory: logged for the offline join only. */
  matched: z.boolean(),
});
export type FeedbackLine = z.infer<typeof feedbackLineSchema>;

export const DECISION_ACTIONS = ['advance', 'rollback', 'promote', 'hold'] as const;
export type DecisionAction = (typeof DECISION_ACTIONS)[number];

export const CHECK_NAMES = ['success-rate', 'latency-p99', 'metric'] as const;

/** One check of a canary's analysis at a decision, with what it was judged on. */
export const checkResultSchema = z.object({
  name: z.enum(CHECK_NAMES),
  /** pass: within the threshold; fail: outside it (rolls back); pending: not enough data yet to judge. */
  status: z.enum(['pass', 'fail', 'pending']),
  /** The observed value: success share, p99 in ms, or candidate − stable in metric units (positive: candidate better). */
  value: z.number().nullable(),
  /** The threshold it is held to (for the metric: −margin). */
  threshold: z.number(),
  /** Counts and statistics behind the value: requests, errors, outcomes, the always-valid p-value, the mixture likelihood ratio. */
  evidence: z.record(z.string(), z.union([z.number(), z.string(), z.null()])),
});
export type CheckResult = z.infer<typeof checkResultSchema>;

/** A canary decision: advance to the next step, roll back (all traffic to stable), promote, or hold (a periodic status). */
export const decisionLineSchema = z.object({
  type: z.literal('decision'),
  time: z.string(),
  /** Index of the step the decision ends or reports on (0-based); after a rollback or promotion, the step it happened in. */
  step: z.number().int().min(0),
  /** Percent of traffic each version gets from this decision on. */
  weights: z.object({ stable: z.number(), candidate: z.number() }),
  stable: z.string(),
  candidate: z.string(),
  /** Decisions (predictions served) so far in the canary, all steps. */
  decisions: z.number().int().min(0),
  checks: z.array(checkResultSchema),
  action: z.enum(DECISION_ACTIONS),
  /** One sentence: why. */
  reason: z.string(),
});
export type DecisionLine = z.infer<typeof decisionLineSchema>;

export const logLineSchema = z.discriminatedUnion('type', [predictionLineSchema, feedbackLineSchema, decisionLineSchema]);
export type LogLine = z.infer<typeof logLineSchema>;

/** The log kinds, one file family each. */
export const LOG_KINDS = ['predictions', 'feedback', 'decisions'] as const;
export type LogKind = (typeof LOG_KINDS)[number];

/**
 * File names under --logs: `<kind>-<instance>.jsonl` is the file being written; when it reaches the size limit it is
 * renamed `<kind>-<instance>.<n>.jsonl` (n = 1, 2, … in the order written) and a new one begins.
 */
export const logFileName = (kind: LogKind, instance: string, rotation?: number): string =>
  rotation === undefined ? `${kind}-${instance}.jsonl` : `${kind}-${instance}.${rotation}.jsonl`;
export const LOG_FILE_PATTERN = /^(predictions|feedback|decisions)-([A-Za-z0-9_.-]+?)(?:\.(\d+))?\.jsonl$/;

/**
 * Durability: lines are written as they come and fsynced every `fsyncLines` lines or `fsyncMs` milliseconds,
 * whichever is first; a kill -9 loses at most the lines not yet fsynced (a torn last line is the only malformed one),
 * a clean shutdown (SIGTERM/SIGINT) none.
 */
export const LOG_DEFAULTS = {
  /** Size at which a file is rotated. */
  rotateBytes: 64 * 1024 * 1024,
  fsyncLines: 256,
  fsyncMs: 200,
} as const;
