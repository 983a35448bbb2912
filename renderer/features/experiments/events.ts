import type { JobDto } from '../../../shared/api/dto';
import { api } from '../../api/client';
import { useExperiments } from './store';

/** Bursts of changes (many runs ending together) refresh the list once. */
const REFRESH_MS = 150;

/** Keeps the section in step with the host while it is shown; returns the unsubscribe. */
export function connectRunEvents(): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let detailDue = false;
  const refresh = (detailToo: boolean) => {
    detailDue ||= detailToo;
    if (timer) return;
    timer = setTimeout(() => {
      timer = null;
      const s = useExperiments.getState();
      void s.load();
      if (detailDue) void s.reloadDetail();
      detailDue = false;
    }, REFRESH_MS);
  };
  const onJob = (job: JobDto) => {
    const d = useExperiments.getState().detail;
    if (d && d.jobId === job.id) refresh(true);
  };
  const offs = [
    api.on('runs.changed', ({ runId }) => refresh(runId === null || runId === useExperiments.getState().selectedId)),
    api.on('datasets.changed', () => void useExperiments.getState().loadDatasets()),
    api.on('job.ended', ({ job }) => onJob(job)),
    api.on('job.failed', ({ job }) => onJob(job)),
    api.on('job.cancelled', ({ job }) => onJob(job)),
  ];
  return () => {
    if (timer) clearTimeout(timer);
    offs.forEach((off) => off());
  };
}
