import type { JobDto, MetricPointDto } from './dto';

/** Push events from host to renderer. Job events are throttled to ~100 ms per job by the host. */
export interface EventMap {
  'job.started': { job: JobDto };
  'job.progress': { jobId: string; fraction: number; etaMs: number | null; message: string | null };
  'job.metrics': { jobId: string; points: MetricPointDto[] };
  'job.ended': { job: JobDto };
  'job.failed': { job: JobDto };
  'job.cancelled': { job: JobDto };
  'datasets.changed': { datasetId: string | null };
  'runs.changed': { runId: string | null };
  'sweeps.changed': { sweepId: string };
  'models.changed': { name: string };
  /** A deployment's logs were imported. */
  'deployments.changed': { id: string };
  /** A plan was created, changed, paused, run or deleted (null: alerts only). */
  'automation.changed': { planId: string | null };
  /** A plan run decided (promoted, kept, failed): the desktop app shows it as a notification. */
  'automation.decision': { run: import('../automation/dto').PlanRunDto; alert: import('../automation/dto').AlertDto };
  /** Desktop only: files dropped on the window, as paths. */
  'files.dropped': { paths: string[] };
  /**
   * Browser mode only, raised by the renderer's own bridge: the event stream was lost and is
   * back, so events may have been missed and live state should be read again.
   */
  'events.reconnected': Record<string, never>;
}

export type EventName = keyof EventMap;

export interface EventEnvelope<E extends EventName = EventName> {
  event: E;
  payload: EventMap[E];
}

/** What both hosts expose to the renderer (preload in Electron, HTTP/WS in browser mode). */
export interface LatheBridge {
  invoke(method: string, args: unknown): Promise<unknown>;
  on(event: string, cb: (payload: unknown) => void): () => void;
}
