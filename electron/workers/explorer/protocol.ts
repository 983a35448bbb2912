/** Messages between the host and the long-lived explorer worker. */
import type { ApiErrorBody } from '../../../shared/api/errors';

/** Which run a request is about, resolved by the host from a run id or NAME@VERSION. */
export interface ModelTarget {
  runId: string;
  modelName: string | null;
  version: string | null;
}

export type ExplorerRequest =
  | { op: 'schema'; target: ModelTarget; ref: string }
  | { op: 'predict'; target: ModelTarget; rows: Record<string, unknown>[]; explain: boolean; explainClass?: string }
  | { op: 'pdp'; target: ModelTarget; column: string; points: number }
  | { op: 'openOnnx'; path: string; displayName: string }
  | { op: 'runOnnx'; id: string; rows: number; inputs: Record<string, (number | string | boolean)[]> };

export type ExplorerHostMessage = { type: 'request'; id: number; request: ExplorerRequest };
export type ExplorerWorkerMessage =
  | { type: 'reply'; id: number; ok: true; data: unknown }
  | { type: 'reply'; id: number; ok: false; error: ApiErrorBody };

/** The job kind under which the job worker entry runs the explorer service instead of a job. */
export const EXPLORER_SERVICE = 'service.explorer';
