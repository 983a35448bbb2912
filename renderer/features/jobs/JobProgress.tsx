import type { JobDto } from '../../../shared/api/dto';
import { ProgressBar } from '../../components/ProgressBar';
import { formatDuration, formatPercent } from '../../components/format';
import { useJobs } from './store';

interface Props {
  job: JobDto | undefined;
  /** Names the bar for screen readers, e.g. "Training progress". */
  label: string;
  testId: string;
}

/** A running job inline on its page: bar, percent, ETA, message, and Cancel. */
export function JobProgress({ job, label, testId }: Props) {
  const cancel = useJobs((s) => s.cancel);
  return (
    <div className="run-progress" data-testid={testId}>
      <ProgressBar value={job?.progress ?? 0} label={label} />
      <span className="muted">
        {formatPercent(job?.progress ?? 0)}
        {job?.etaMs != null ? ` · ${formatDuration(job.etaMs)} left` : ''}
        {job?.message ? ` · ${job.message}` : ''}
      </span>
      {job && (
        <button type="button" className="small" onClick={() => void cancel(job.id)} data-testid={`${testId.replace(/-progress$/, '')}-cancel`}>
          Cancel
        </button>
      )}
    </div>
  );
}
