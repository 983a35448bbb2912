/** The model server's HTTP API: request and response bodies, limits, and the log folder's instance naming. */
import { z } from 'zod';

/** POST /predict: rows keyed by input column, raw values as in the training data. */
export const predictRequestSchema = z.object({
  rows: z.array(z.record(z.string(), z.unknown())).min(1).max(10_000),
});
export type PredictRequest = z.infer<typeof predictRequestSchema>;

export interface PredictionDto {
  /** Id to send back with the true outcome (POST /feedback). */
  id: string;
  /** Registry version that answered. */
  version: string;
  /** Number (regression) or class label. */
  prediction: number | string | null;
  /** Class label → probability (classification). */
  probabilities?: Record<string, number>;
}
export interface PredictResponse {
  predictions: PredictionDto[];
}

/** POST /feedback: one outcome, or many as {"feedback":[...]}. */
export const feedbackItemSchema = z.object({
  id: z.string().min(1).max(200),
  actual: z.union([z.number(), z.string(), z.boolean()]),
});
export const feedbackRequestSchema = z.union([feedbackItemSchema, z.object({ feedback: z.array(feedbackItemSchema).min(1).max(10_000) })]);
export type FeedbackItem = z.infer<typeof feedbackItemSchema>;
export interface FeedbackResponse {
  /** Outcomes logged. */
  accepted: number;
  /** Of those, how many this process still held the prediction for (used by the running analysis). */
  matched: number;
}

/** GET /health. */
export interface HealthResponse {
  status: 'ok' | 'draining';
  model: string;
  /** Versions loaded and their current share of traffic in percent. */
  versions: { version: string; role: 'stable' | 'candidate'; weight: number }[];
  policy: 'single' | 'canary' | 'ab' | 'shadow';
  /** Canary state: the step, and 'rolled-back' / 'promoted' once decided. */
  canary?: { step: number; state: 'progressing' | 'rolled-back' | 'promoted' | 'holding' };
  instance: string;
  uptimeS: number;
}

/** Error bodies: {"error": {"code", "message", "field"?}} with HTTP 400, 401, 404, 405, 408, 413, 500, 503. */
export interface ServingErrorBody {
  error: { code: string; message: string; field?: string };
}

export const SERVER_DEFAULTS = {
  host: '127.0.0.1',
  port: 8080,
  /** Request bodies above this are refused with 413 before they are read in full. */
  maxBodyBytes: 8 * 1024 * 1024,
  /** A request whose body has not arrived in full after this many ms gets 408. */
  requestTimeoutMs: 30_000,
  /** On SIGTERM/SIGINT, requests in flight get this long to finish before the process exits anyway. */
  drainMs: 10_000,
  /** Predictions kept in memory per process for joining feedback in the running analysis (oldest dropped first). */
  pendingFeedback: 200_000,
} as const;
