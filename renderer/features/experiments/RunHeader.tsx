import { useState } from 'react';
import type { RunDetailDto } from '../../../shared/api/runs-dto';
import { isActive, useJobs } from '../jobs/store';
import { JobProgress } from '../jobs/JobProgress';
import { useExperiments } from './store';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorBanner } from '../../components/ErrorBanner';
import { formatWhen } from '../../components/format';
import { formatMs, shortId } from './format';
import { RegisterDialog } from '../models/RegisterDialog';
import { RunName } from './RunName';
import './runs.css';

/** Its name, what was trained on what, where and how long; Rename, Re-run and Delete; progress while training; what training adjusted. */
export function RunHeader({ run }: { run: RunDetailDto }) {
  const job = useJobs((s) => (run.jobId ? s.jobs[run.jobId] : undefined));
  const rerun = useExperiments((s) => s.rerun);
  const remove = useExperiments((s) => s.remove);
  const [confirming, setConfirming] = useState(false);
  const [registering, setRegistering] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);
  const running = job ? isActive(job) : run.status === 'running';

  return (
    <header className="run-head">
      <div className="run-title">
        <RunName run={run} onError={setActionError} />
        <span className={`badge badge-${run.status}`} data-testid="run-status">
          {run.status}
        </span>
        <span className="mono muted run-id" title={run.id}>
          run {shortId(run.id)}
        </span>
        <div className="run-actions">
          <button
            type="button"
            className="small"
            onClick={async () => setActionError(await rerun())}
            title="Train again with the same dataset, parameters, split and seed"
            data-testid="run-rerun"
          >
            Re-run
          </button>
          {run.status === 'succeeded' && (
            <button type="button" className="small" onClick={() => setRegistering(true)} title="Register this run as a version of a named model" data-testid="run-register">
              Register…
            </button>
          )}
          <button type="button" className="small danger-outline" onClick={() => setConfirming(true)} disabled={running} data-testid="run-delete">
            Delete
          </button>
        </div>
      </div>
      {running && <JobProgress job={job} label="Training progress" testId="run-progress" />}
      <dl className="facts run-facts">
        <dt>Task</dt>
        <dd>{run.task ?? (running ? 'detected when training' : 'auto')}</dd>
        <dt>Dataset</dt>
        <dd>
          {run.datasetName ?? 'deleted'}{' '}
          <span className="mono muted" title={run.datasetSha256 ?? undefined}>
            sha256 {run.datasetSha256 ? run.datasetSha256.slice(0, 12) : '—'}
          </span>
        </dd>
        <dt>Backend</dt>
        <dd>
          <span className="backend-chip mono" data-testid="run-backend">
            backend: {run.backend ?? (running ? 'starting…' : '—')}
          </span>
        </dd>
        <dt>Duration</dt>
        <dd data-testid="run-duration">{running ? 'training…' : formatMs(run.durationMs)}</dd>
        <dt>Seed</dt>
        <dd className="mono">{run.seed ?? '—'}</dd>
        <dt>Started</dt>
        <dd>
          {formatWhen(run.createdAt)}
        </dd>
      </dl>
      <ErrorBanner error={actionError} onDismiss={() => setActionError(null)} />
      {run.report && run.report.notes.length > 0 && (
        <div className="run-notice" role="note" data-testid="run-report-notes">
          <strong>Adjusted while training:</strong>
          <ul>
            {run.report.notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        </div>
      )}
      {run.error && (
        <div className="run-error" role="alert" data-testid="run-error">
          <strong>Training {run.status === 'cancelled' ? 'was cancelled' : 'failed'}:</strong> {run.error}
        </div>
      )}
      {registering && <RegisterDialog runId={run.id} onClose={() => setRegistering(false)} />}
      {confirming && (
        <ConfirmDialog
          title="Delete this run?"
          confirmLabel="Delete run"
          danger
          onConfirm={() => remove(run.id)}
          onClose={() => setConfirming(false)}
          confirmTestId="confirm-delete-run"
        >
          <p>
            The {run.family} run on {run.datasetName ?? 'its dataset'} → {run.target}, with its curves, metrics and
            model, leaves Lathe. The dataset is not touched. This cannot be undone.
          </p>
        </ConfirmDialog>
      )}
    </header>
  );
}
