import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { isActive, useJobs } from './store';
import { traySummary } from './summary';
import { ProgressBar } from '../../components/ProgressBar';
import { formatDuration, formatPercent } from '../../components/format';
import type { JobDto } from '../../../shared/api/dto';

/** How long finished jobs stay unfolded before the tray folds to its one line. */
const FOLD_AFTER_MS = 6000;

/**
 * The jobs tray, docked under the page (it takes its own space, so it never covers content):
 * every running job with progress, ETA and cancel, and the last few finished ones. It folds to a
 * one-line summary a few seconds after the last job ended (not when the newest one failed, so the
 * error stays in view); the user's own fold or unfold holds until the next job starts. Escape
 * inside it folds it.
 */
export function JobTray() {
  const jobs = useJobs((s) => s.jobs);
  const cancel = useJobs((s) => s.cancel);
  const { active, recent } = useMemo(() => {
    const all = Object.values(jobs).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    // The last to finish, not the last to start: a job that waited on others (a plan run) ends after them.
    const ended = (j: JobDto) => j.endedAt ?? j.createdAt;
    const recent = all.filter((j) => !isActive(j)).sort((a, b) => ended(b).localeCompare(ended(a)));
    return { active: all.filter(isActive), recent: recent.slice(0, 4) };
  }, [jobs]);
  const [chosen, setChosen] = useState<boolean | null>(null);
  const [quiet, setQuiet] = useState(false);
  const listId = useId();
  const head = useRef<HTMLButtonElement>(null);
  const activeIds = active.map((j) => j.id).join(',');
  const newest = recent[0];
  useEffect(() => {
    if (activeIds) {
      setQuiet(false);
      setChosen(null);
      return;
    }
    if (newest?.status === 'failed') return;
    const t = setTimeout(() => setQuiet(true), FOLD_AFTER_MS);
    return () => clearTimeout(t);
  }, [activeIds, newest?.id, newest?.status]);
  const open = chosen ?? !quiet;
  if (active.length === 0 && recent.length === 0) return null;

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'Escape' || !open) return;
    e.stopPropagation();
    setChosen(false);
    head.current?.focus();
  };

  return (
    <aside className={`job-tray${open ? ' open' : ''}`} data-testid="job-tray" aria-label="Background jobs" onKeyDown={onKeyDown}>
      <button ref={head} type="button" className="job-tray-head" onClick={() => setChosen(!open)} aria-expanded={open} aria-controls={listId}>
        <span className="job-tray-summary" data-testid="job-tray-summary">
          {traySummary(active, recent)}
        </span>
        <span className="job-tray-chevron" aria-hidden>
          {open ? '▾' : '▴'}
        </span>
      </button>
      {open && (
        <ul id={listId}>
          {[...active, ...recent].map((j) => (
            <JobRow key={j.id} job={j} onCancel={() => void cancel(j.id)} />
          ))}
        </ul>
      )}
    </aside>
  );
}

function JobRow({ job, onCancel }: { job: JobDto; onCancel: () => void }) {
  const active = isActive(job);
  return (
    <li className={`job-row${active ? ' active' : ''}`} data-testid={`job-${job.id}`} data-status={job.status}>
      <div className="job-row-top">
        <span className="job-title">{job.title}</span>
        <span className={`badge badge-${job.status}`} data-testid="job-status">
          {job.status}
        </span>
      </div>
      {active && (
        <>
          <ProgressBar value={job.progress} label={job.title} />
          <div className="job-row-bottom">
            <span className="muted">
              {formatPercent(job.progress)}
              {job.etaMs !== null ? ` · ${formatDuration(job.etaMs)} left` : ''}
              {job.message ? ` · ${job.message}` : ''}
            </span>
            <button className="small" onClick={onCancel} data-testid="job-cancel">
              Cancel
            </button>
          </div>
        </>
      )}
      {job.status === 'failed' && job.error && <div className="job-error">{job.error.message}</div>}
    </li>
  );
}
