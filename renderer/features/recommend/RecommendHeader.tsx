import { useState } from 'react';
import type { RunDetailDto } from '../../../shared/api/runs-dto';
import type { RecommendReportDto } from '../../../shared/api/recommend-dto';
import { isActive, useJobs } from '../jobs/store';
import { JobProgress } from '../jobs/JobProgress';
import { useExperiments } from '../experiments/store';
import { formatMs, shortId } from '../experiments/format';
import { useCompare } from '../compare/store';
import { useExplorer } from '../explorer/store';
import { useUi } from '../../app/ui-store';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorBanner } from '../../components/ErrorBanner';
import { formatWhen } from '../../components/format';
import { RegisterDialog } from '../models/RegisterDialog';
import { headlineMetrics, modelLabel, plural, recommendModelOf, recommendSpecOf } from './format';

/** The model, the data, the split; Re-run, Register, Compare, Explore and Delete; progress while it trains. */
export function RecommendHeader({ run, report }: { run: RunDetailDto; report: RecommendReportDto | null }) {
  const job = useJobs((s) => (run.jobId ? s.jobs[run.jobId] : undefined));
  const rerun = useExperiments((s) => s.rerun);
  const remove = useExperiments((s) => s.remove);
  const picked = useCompare((s) => s.selected.has(run.id));
  const [confirming, setConfirming] = useState(false);
  const [registering, setRegistering] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);
  const running = job ? isActive(job) : run.status === 'running' || run.status === 'queued';
  const model = modelLabel(recommendModelOf(run));
  const spec = recommendSpecOf(run);
  const feedback = report ? report.feedback : spec ? (spec.rating ? 'explicit' : 'implicit') : null;
  const explore = () => {
    useExplorer.getState().setModel(run.id, 'recommend');
    useUi.getState().setSection('explorer');
  };

  return (
    <header className="run-head">
      <div className="run-title">
        <h2 data-testid="run-title" title={model}>
          Recommend <span className="muted">·</span> {model} <span className="muted">→</span> {run.target}
        </h2>
        <span className={`badge badge-${run.status}`} data-testid="run-status">
          {run.status}
        </span>
        <span className="mono muted run-id" title={run.id}>
          run {shortId(run.id)}
        </span>
        <div className="run-actions">
          <button type="button" className="small" onClick={async () => setActionError(await rerun())} title="Train again with the same data, model, split and seed" data-testid="run-rerun">
            Re-run
          </button>
          {run.status === 'succeeded' && (
            <>
              <button type="button" className="small" onClick={() => setRegistering(true)} title="Register this recommender as a version of a named model" data-testid="run-register">
                Register…
              </button>
              <button type="button" className="small" onClick={explore} title="Recommend for users, groups and newcomers in the Explorer" data-testid="run-explore">
                Explore
              </button>
            </>
          )}
          <button type="button" className="small" aria-pressed={picked} onClick={() => useCompare.getState().toggle(run.id)} title="Pick this run to compare with other recommenders on the same data (Compare section)" data-testid="run-compare">
            {picked ? 'Picked to compare' : 'Compare'}
          </button>
          <button type="button" className="small danger-outline" onClick={() => setConfirming(true)} disabled={running} data-testid="run-delete">
            Delete
          </button>
        </div>
      </div>
      {running && <JobProgress job={job} label="Training progress" testId="run-progress" />}
      <dl className="facts run-facts" data-testid="rec-facts">
        <dt>Dataset</dt>
        <dd>{run.datasetName ?? 'deleted'}</dd>
        <dt>Data</dt>
        <dd data-testid="rec-counts">{report ? `${plural(report.counts.users, 'user')} · ${plural(report.counts.items, 'item')} · ${plural(report.counts.interactions, 'interaction')}` : '—'}</dd>
        <dt>Split</dt>
        <dd>{report?.split ?? spec?.split ?? '—'}</dd>
        <dt>Feedback</dt>
        <dd data-testid="rec-feedback-fact">{feedback === null ? '—' : feedback === 'explicit' ? `ratings (${spec?.rating ?? 'rating'})` : spec?.event ? `events (${spec.event})` : spec?.count ? `counts (${spec.count})` : 'implicit'}</dd>
        <dt>Evaluated</dt>
        <dd title={report?.evaluatedHow}>{report ? `${plural(report.evaluatedUsers, 'user')} · ${plural(report.counts.test, 'held-out interaction')}` : '—'}</dd>
        <dt>Duration</dt>
        <dd data-testid="run-duration" title={`Started ${formatWhen(run.createdAt)}`}>
          {running ? 'training…' : formatMs(run.durationMs)}
        </dd>
      </dl>
      {report && <Headline report={report} />}
      <ErrorBanner error={actionError} onDismiss={() => setActionError(null)} />
      {run.error && (
        <div className="run-error" role="alert" data-testid="run-error">
          <strong>Training {run.status === 'cancelled' ? 'was cancelled' : 'failed'}:</strong> {run.error}
        </div>
      )}
      {registering && <RegisterDialog runId={run.id} onClose={() => setRegistering(false)} />}
      {confirming && (
        <ConfirmDialog title="Delete this recommender?" confirmLabel="Delete run" danger onConfirm={() => remove(run.id)} onClose={() => setConfirming(false)} confirmTestId="confirm-delete-run">
          <p>
            The {model} recommender on {run.datasetName ?? 'its dataset'}, with its report and model, leaves Lathe. The dataset is not touched. This cannot be undone.
          </p>
        </ConfirmDialog>
      )}
    </header>
  );
}

/** Ranking metrics at the run's k, rating errors with ratings, coverage and popularity bias. */
function Headline({ report }: { report: RecommendReportDto }) {
  return (
    <dl className="rec-headline" data-testid="rec-headline">
      {headlineMetrics(report.metrics, report.k).map((m) => (
        <div key={m.key} title={m.title} data-testid={`headline-${m.key}`}>
          <dt className="metric-name">{m.label}</dt>
          <dd className="metric-value">{m.value}</dd>
        </div>
      ))}
    </dl>
  );
}
