import { create } from 'zustand';
import type { JobDto, MetricPointDto } from '../../../shared/api/dto';
import { api } from '../../api/client';

/** Live metric points kept per job for charts; older points are dropped beyond this. */
const MAX_POINTS = 5000;

interface JobsState {
  jobs: Record<string, JobDto>;
  points: Record<string, MetricPointDto[]>;
  error: string | null;
  load(): Promise<void>;
  cancel(id: string): Promise<void>;
  upsert(job: JobDto): void;
}

export const useJobs = create<JobsState>((set, get) => ({
  jobs: {},
  points: {},
  error: null,
  async load() {
    try {
      const list = await api.invoke('jobs.list', { limit: 50 });
      set({ jobs: Object.fromEntries(list.map((j) => [j.id, j])), error: null });
    } catch (err) {
      set({ error: (err as Error).message });
    }
  },
  async cancel(id) {
    try {
      get().upsert(await api.invoke('jobs.cancel', { id }));
    } catch (err) {
      set({ error: (err as Error).message });
    }
  },
  upsert(job) {
    set((s) => {
      const known = s.jobs[job.id];
      // Replies and pushed events can cross: a late reply saying "running" must not undo an end already seen.
      if (known && !isActive(known) && isActive(job)) return s;
      return { jobs: { ...s.jobs, [job.id]: job } };
    });
  },
}));

/** Subscribes the store to the host's job events; returns the unsubscribe. */
export function connectJobEvents(): () => void {
  const { upsert, load } = useJobs.getState();
  const offs = [
    // Job ends pushed while the event stream was down would otherwise never reach the tray.
    api.on('events.reconnected', () => void load()),
    api.on('job.started', (p) => upsert(p.job)),
    api.on('job.ended', (p) => upsert(p.job)),
    api.on('job.failed', (p) => upsert(p.job)),
    api.on('job.cancelled', (p) => upsert(p.job)),
    api.on('job.progress', (p) =>
      useJobs.setState((s) => {
        const job = s.jobs[p.jobId];
        if (!job || job.status !== 'running') return s;
        return { jobs: { ...s.jobs, [p.jobId]: { ...job, progress: p.fraction, etaMs: p.etaMs, message: p.message } } };
      }),
    ),
    api.on('job.metrics', (p) =>
      useJobs.setState((s) => {
        const prev = s.points[p.jobId] ?? [];
        const next = prev.concat(p.points);
        return { points: { ...s.points, [p.jobId]: next.length > MAX_POINTS ? next.slice(-MAX_POINTS) : next } };
      }),
    ),
  ];
  return () => offs.forEach((off) => off());
}

export const isActive = (j: JobDto) => j.status === 'running' || j.status === 'queued';
