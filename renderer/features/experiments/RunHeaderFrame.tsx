import { useState, type ReactNode } from 'react';
import type { RunDetailDto } from '../../../shared/api/runs-dto';
import { isActive, useJobs } from '../jobs/store';
import { JobProgress } from '../jobs/JobProgress';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorBanner } from '../../components/ErrorBanner';
import { RegisterDialog } from '../models/RegisterDialog';
import { useExperiments } from './store';
import { isActiveStatus, shortId } from './format';

export interface RunHeaderFrameProps {
  run: RunDetailDto;
  /** The heading; it gets the header's error line for titles that act (rename). */
  title: (onError: (message: string | null) => void) => ReactNode;
  rerunTitle: string;
  registerTitle: string;
  /** The task's own buttons, between Register and Delete. */
  actions?: ReactNode;
  progressLabel: string;
  /** The facts list's entries, told whether the run's job is still going. */
  facts: (running: boolean) => ReactNode;
  factsTestId?: string;
  /** What stands under the facts: the headline, notes, the task's own dialogs. */
  children?: ReactNode;
  /** Leads the failure line: "Training" or "The forecast". */
  failed: string;
  deleteTitle: string;
  deleteText: ReactNode;
}

/**
 * What every run's header shares: the title, status and id; Re-run, Register (once it succeeded), the
 * task's own actions and Delete; progress while the job runs; the facts; the run's error; the dialogs.
 */
export function RunHeaderFrame(p: RunHeaderFrameProps) {
  const { run } = p;
  const job = useJobs((s) => (run.jobId ? s.jobs[run.jobId] : undefined));
  const rerun = useExperiments((s) => s.rerun);
  const resume = useExperiments((s) => s.resume);
  const remove = useExperiments((s) => s.remove);
  const [confirming, setConfirming] = useState(false);
  const [registering, setRegistering] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);
  // Before the job shows in the store, the run's own status says whether it is still going.
  const running = job ? isActive(job) : isActiveStatus(run.status);

  return (
    <header className="run-head">
      <div className="run-title">
        {p.title(setActionError)}
        <span className={`badge badge-${run.status}`} data-testid="run-status">
          {run.status}
        </span>
        <span className="mono muted run-id" title={run.id}>
          run {shortId(run.id)}
        </span>
        <div className="run-actions">
          <button type="button" className="small" onClick={async () => setActionError(await rerun())} title={p.rerunTitle} data-testid="run-rerun">
            Re-run
          </button>
          {!running && run.resumeEpoch != null && (
            <button type="button" className="small" onClick={async () => setActionError(await resume())} title={`Continue from the checkpoint after epoch ${run.resumeEpoch}`} data-testid="run-resume">
              Resume
            </button>
          )}
          {run.status === 'succeeded' && (
            <button type="button" className="small" onClick={() => setRegistering(true)} title={p.registerTitle} data-testid="run-register">
              Register…
            </button>
          )}
          {p.actions}
          <button type="button" className="small danger-outline" onClick={() => setConfirming(true)} disabled={running} data-testid="run-delete">
            Delete
          </button>
        </div>
      </div>
      {running && <JobProgress job={job} label={p.progressLabel} testId="run-progress" />}
      <dl className="facts run-facts" data-testid={p.factsTestId}>
        {p.facts(running)}
      </dl>
      {p.children}
      <ErrorBanner error={actionError} onDismiss={() => setActionError(null)} />
      {run.error && (
        <div className="run-error" role="alert" data-testid="run-error">
          <strong>
            {p.failed} {run.status === 'cancelled' ? 'was cancelled' : 'failed'}:
          </strong>{' '}
          {run.error}
        </div>
      )}
      {registering && <RegisterDialog runId={run.id} onClose={() => setRegistering(false)} />}
      {confirming && (
        <ConfirmDialog title={p.deleteTitle} confirmLabel="Delete run" danger onConfirm={() => remove(run.id)} onClose={() => setConfirming(false)} confirmTestId="confirm-delete-run">
          <p>{p.deleteText}</p>
        </ConfirmDialog>
      )}
    </header>
  );
}
