/** Data shapes returned by the host. Plain JSON: they cross IPC and HTTP unchanged. */

export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled' | 'interrupted';

export const TERMINAL_JOB_STATUSES: readonly JobStatus[] = ['succeeded', 'failed', 'cancelled', 'interrupted'];

export interface JobDto {
  id: string;
  kind: string;
  title: string;
  status: JobStatus;
  /** 0..1 */
  progress: number;
  message: string | null;
  /** Estimated milliseconds left, when known. */
  etaMs: number | null;
  createdAt: string;
  startedAt: string | null;
  endedAt: string | null;
  result: unknown;
  error: { code: string; message: string; details?: unknown } | null;
}

export interface AppInfoDto {
  name: string;
  version: string;
  host: 'electron' | 'browser' | 'cli';
  home: string;
  databasePath: string;
  versions: { node: string; sqlite: string; electron: string | null };
  platform: string;
  cpus: number;
}

export interface MetricPointDto {
  step: number;
  values: Record<string, number>;
}

export interface DatasetSummaryDto {
  id: string;
  name: string;
  rows: number;
  columns: number;
  format: string;
  sourceSha256: string | null;
  createdAt: string;
}

export interface RunSummaryDto {
  id: string;
  /** The user's name for the run; null until one is given. */
  name: string | null;
  datasetId: string | null;
  target: string | null;
  task: string | null;
  family: string | null;
  status: string;
  metrics: Record<string, number> | null;
  createdAt: string;
  durationMs: number | null;
  backend: string | null;
  params: Record<string, unknown>;
  tags: string[];
  /** A stopped network run's last checkpointed epoch: it can be resumed from there (absent or null: it cannot). */
  resumeEpoch?: number | null;
}

export interface ModelSummaryDto {
  name: string;
  versions: number;
  latestVersion: string;
  aliases: Record<string, string>;
  updatedAt: string;
}
