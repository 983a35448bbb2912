import type { JobDto } from '../../../shared/api/dto';
import { formatDuration, formatPercent } from '../../components/format';

/**
 * The tray's one line: what runs (the first job's title, progress and time left), or, when
 * nothing runs, how the newest job ended.
 */
export function traySummary(active: JobDto[], recent: JobDto[]): string {
  if (active.length > 0) {
    const j = active[0];
    const count = `${active.length} job${active.length > 1 ? 's' : ''} running`;
    const eta = j.etaMs !== null ? ` · ${formatDuration(j.etaMs)} left` : '';
    return `${count} · ${j.title} ${formatPercent(j.progress)}${eta}`;
  }
  const last = recent[0];
  return last ? `Jobs · last: ${last.title} ${last.status}` : 'Jobs';
}
