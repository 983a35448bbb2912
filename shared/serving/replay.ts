/** The replay driver's options (`lathe deployments replay`, and the in-process driver tests and benchmarks use). */
import { z } from 'zod';

export const replayOptionsSchema = z.object({
  /** The true outcome column of the replayed rows; sent as feedback after each prediction. */
  target: z.string().min(1),
  /** Rows replayed at most (in file order, or shuffled with the seed). */
  limit: z.number().int().positive().optional(),
  /** Share of rows (0–1) on which the candidate's answer is replaced by a wrong one: an injected accuracy drop. */
  candidateNoise: z.number().min(0).max(1).default(0),
  /** Rows per request. */
  batch: z.number().int().min(1).max(10_000).default(1),
  /** Seed of the routing, the shuffle and the noise. */
  seed: z.number().int().default(1),
  /** Seconds of simulated time between requests (canary durations run on this clock). */
  intervalS: z.number().min(0).default(1),
});
export type ReplayOptions = z.infer<typeof replayOptionsSchema>;

export interface ReplaySummary {
  rows: number;
  /** Predictions answered by each version. */
  served: Record<string, number>;
  /** Decisions logged, in order (actions only; the lines are in the decisions log). */
  actions: { decision: number; step: number; action: string }[];
  /** Final state of the canary, or null for other policies. */
  final: 'progressing' | 'rolled-back' | 'promoted' | 'holding' | null;
  logsDir: string;
}
