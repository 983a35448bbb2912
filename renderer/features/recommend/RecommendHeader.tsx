import type { RunDetailDto } from '../../../shared/api/runs-dto';
import type { RecommendReportDto } from '../../../shared/api/recommend-dto';
import { formatMs } from '../experiments/format';
import { RunHeaderFrame } from '../experiments/RunHeaderFrame';
import { TrainingDevice } from '../experiments/TrainingDevice';
import { useCompare } from '../compare/store';
import { useExplorer } from '../explorer/store';
import { useUi } from '../../app/ui-store';
import { formatWhen } from '../../components/format';
import { headlineMetrics, modelLabel, plural, recommendModelOf, recommendSpecOf } from './format';

/** The model, the data, the split; Re-run, Register, Compare, Explore and Delete; progress while it trains. */
export function RecommendHeader({ run, report }: { run: RunDetailDto; report: RecommendReportDto | null }) {
  const picked = useCompare((s) => s.selected.has(run.id));
  const model = modelLabel(recommendModelOf(run));
  const spec = recommendSpecOf(run);
  const feedback = report ? report.feedback : spec ? (spec.rating ? 'explicit' : 'implicit') : null;
  const explore = () => {
    useExplorer.getState().setModel(run.id, 'recommend');
    useUi.getState().setSection('explorer');
  };

  return (
    <RunHeaderFrame
      run={run}
      title={() => (
        <h2 data-testid="run-title" title={model}>
          Recommend <span className="muted">·</span> {model} <span className="muted">→</span> {run.target}
        </h2>
      )}
      rerunTitle="Train again with the same data, model, split and seed"
      registerTitle="Register this recommender as a version of a named model"
      actions={
        <>
          {run.status === 'succeeded' && (
            <button type="button" className="small" onClick={explore} title="Recommend for users, groups and newcomers in the Explorer" data-testid="run-explore">
              Explore
            </button>
          )}
          <button type="button" className="small" aria-pressed={picked} onClick={() => useCompare.getState().toggle(run.id)} title="Pick this run to compare with other recommenders on the same data (Compare section)" data-testid="run-compare">
            {picked ? 'Picked to compare' : 'Compare'}
          </button>
        </>
      }
      progressLabel="Training progress"
      failed="Training"
      deleteTitle="Delete this recommender?"
      deleteText={`The ${model} recommender on ${run.datasetName ?? 'its dataset'}, with its report and model, leaves Lathe. The dataset is not touched. This cannot be undone.`}
      factsTestId="rec-facts"
      facts={(running) => (
        <>
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
        </>
      )}
    >
      {report && <Headline report={report} />}
      {report?.device && <TrainingDevice device={report.device} />}
    </RunHeaderFrame>
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
