import type { JobDto } from '../../../shared/api/dto';
import type { ImportResultDto } from '../../../shared/api/datasets-dto';
import { api } from '../../api/client';
import { isSkippedGuard } from '../../../shared/import-guard';
import { useDatasets } from './store';

export const IMPORT_JOB_KIND = 'datasets.import';

/**
 * What the Datasets section does when one of its jobs stops. Called from job events, and also
 * right after a job id comes back, since a quick job can end before its id reaches us.
 */
export function onJobSettled(job: JobDto): void {
  const s = useDatasets.getState();
  const done = job.status === 'succeeded';
  const over = done || job.status === 'failed' || job.status === 'cancelled' || job.status === 'interrupted';
  if (!over) return;
  const why = job.error?.message ?? `The job was ${job.status}.`;

  if (job.kind === IMPORT_JOB_KIND && done) void s.load();
  if (job.id === s.importJobId) {
    const guard = !done && isSkippedGuard(job.error?.details) ? job.error.details : null;
    useDatasets.setState({ importJobId: null, importError: done ? null : why, importGuard: guard });
    if (done) {
      const result = job.result as ImportResultDto | null;
      if (result?.id) void s.load().then(() => useDatasets.getState().select(result.id));
    }
  }
  if (job.id === s.profileJobId && s.profileFor) {
    useDatasets.setState({ profileJobId: null, profileError: done ? null : why });
    if (done) void s.loadProfile(s.profileFor);
  }
  if (job.id === s.building?.jobId && s.selectedId) {
    // Index built: the pages come again, sorted. Otherwise the table goes back to file order
    // (asking again would start another build).
    if (done) s.resetRows(s.selectedId);
    else {
      s.setSort(null);
      if (job.status !== 'cancelled') useDatasets.setState({ rowsError: `Sorting needs an index, which could not be built: ${why}` });
    }
  }
  if (job.id === s.columnJobId) {
    useDatasets.setState({ columnJobId: null, error: done ? null : why });
    if (done && s.selectedId) {
      // The column's values were re-read: cached rows and the profile are stale.
      s.resetRows(s.selectedId);
      void s.reloadDetail();
      void s.loadProfile(s.selectedId);
    }
  }
}

/** Keeps the section in step with the host while it is shown; returns the unsubscribe. */
export function connectDatasetEvents(): () => void {
  const offs = [
    api.on('datasets.changed', ({ datasetId }) => {
      const s = useDatasets.getState();
      void s.load();
      if (datasetId && datasetId === s.selectedId) void s.reloadDetail();
    }),
    api.on('job.ended', ({ job }) => onJobSettled(job)),
    api.on('job.failed', ({ job }) => onJobSettled(job)),
    api.on('job.cancelled', ({ job }) => onJobSettled(job)),
    api.on('files.dropped', ({ paths }) =>
      useDatasets.getState().enqueue(paths.map((path) => ({ kind: 'path' as const, path, label: path.replace(/^.*[\\/]/, '') }))),
    ),
  ];
  return () => offs.forEach((off) => off());
}
