import type { RunDetailDto } from '../../../shared/api/runs-dto';
import { formatWhen } from '../../components/format';
import { formatMs } from './format';
import { RunName } from './RunName';
import { RunHeaderFrame } from './RunHeaderFrame';
import { ContinueRunButton, ContinuedFromFact } from './ContinueRun';
import { TrainingDevice } from './TrainingDevice';
import './runs.css';

/** Its name, what was trained on what, where and how long; Rename, Re-run and Delete; progress while training; what training adjusted. */
export function RunHeader({ run }: { run: RunDetailDto }) {
  return (
    <RunHeaderFrame
      run={run}
      title={(onError) => <RunName run={run} onError={onError} />}
      rerunTitle="Train again with the same dataset, parameters, split and seed"
      registerTitle="Register this run as a version of a named model"
      progressLabel="Training progress"
      failed="Training"
      actions={<ContinueRunButton run={run} />}
      deleteTitle="Delete this run?"
      deleteText={`The ${run.family} run on ${run.datasetName ?? 'its dataset'} → ${run.target}, with its curves, metrics and model, leaves Lathe. The dataset is not touched. This cannot be undone.`}
      facts={(running) => (
        <>
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
          <ContinuedFromFact run={run} />
          <dt>Started</dt>
          <dd>{formatWhen(run.createdAt)}</dd>
        </>
      )}
    >
      {run.report?.device && <TrainingDevice device={run.report.device} />}
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
    </RunHeaderFrame>
  );
}
