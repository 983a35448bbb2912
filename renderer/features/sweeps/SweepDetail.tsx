import { useMemo } from 'react';
import type { SweepDto } from '../../../shared/api/methods/sweeps';
import { EChart } from '../../charts/EChart';
import { ProgressBar } from '../../components/ProgressBar';
import { useUi } from '../../app/ui-store';
import { useExperiments } from '../experiments/store';
import { formatMetricOf, formatValue, metricLabel, shortId } from '../experiments/format';
import { formatWhen } from '../../components/format';
import { useCompare } from '../compare/store';
import { parallelOption } from './parallel';
import { TrialsTable } from './TrialsTable';
import { curveMetricName } from '../experiments/curves';
import { useSweeps } from './store';

/** A sweep: progress, the best trial, every trial across its parameters, and the table. */
export function SweepDetail({ sweep }: { sweep: SweepDto }) {
  const dark = useUi((s) => s.theme === 'dark');
  const cancelling = useSweeps((s) => s.cancelling);
  const cancel = useSweeps((s) => s.cancel);
  const option = useMemo(() => parallelOption(sweep, dark), [sweep, dark]);
  const runs = useExperiments((s) => s.runs);

  const finished = sweep.results.filter((t) => t.status !== 'running' && t.status !== 'queued').length;
  const stopped = sweep.results.filter((t) => t.stoppedEarly).length;
  const best = sweep.results.find((t) => t.runId === sweep.bestRunId);
  const running = sweep.status === 'running';
  const ranked = sweep.results.filter((t) => t.value !== null).sort((a, b) => (sweep.lowerIsBetter ? 1 : -1) * (a.value! - b.value!));

  const open = (runId: string) => {
    useExperiments.getState().select(runId);
    useUi.getState().setSection('experiments');
  };
  const compareTop = () => {
    const c = useCompare.getState();
    c.clear();
    ranked.slice(0, 2).forEach((t) => c.toggle(t.runId));
    c.setTab('runs');
    useUi.getState().setSection('compare');
  };
  const trialRun = runs.find((r) => r.id === sweep.results[0]?.runId);
  const curveName = trialRun ? curveMetricName({ family: trialRun.family, task: trialRun.task, params: trialRun.params }) : 'loss';
  const earlier = sweep.earlierBetter;
  const earlierName = earlier ? runs.find((r) => r.id === earlier.runId)?.name : null;

  return (
    <section className="sweep-detail run-detail" data-testid="sweep-detail" data-status={sweep.status}>
      <div className="run-title">
        <h2>
          {sweep.method} sweep <span className="muted mono run-id">{shortId(sweep.id)}</span>
        </h2>
        <span className={`badge badge-${sweep.status}`} data-testid="sweep-status">
          {sweep.status}
        </span>
        <div className="run-actions">
          {ranked.length >= 2 && (
            <button type="button" className="small" onClick={compareTop} data-testid="sweep-compare-top">
              Compare top two
            </button>
          )}
          {running && (
            <button type="button" className="small danger-outline" onClick={() => void cancel(sweep.id)} disabled={cancelling} data-testid="sweep-cancel">
              {cancelling ? 'Cancelling…' : 'Cancel sweep'}
            </button>
          )}
        </div>
      </div>
      {running && (
        <div className="run-progress">
          <ProgressBar value={finished / Math.max(1, sweep.trials)} />
          <span>
            {finished} of {sweep.trials} trials
          </span>
        </div>
      )}
      <dl className="facts sweep-facts">
        <dt>Objective</dt>
        <dd>
          {metricLabel(sweep.metric)}, {sweep.lowerIsBetter ? 'lower' : 'higher'} is better
        </dd>
        <dt>Space</dt>
        <dd className="mono">{sweep.space.join('  ·  ')}</dd>
        <dt>Trials</dt>
        <dd data-testid="sweep-count">
          {sweep.results.length} started{stopped ? `, ${stopped} stopped early` : ''} · {sweep.trials} planned
        </dd>
        <dt>Best</dt>
        <dd data-testid="sweep-best">
          {best ? (
            <>
              <strong className="mono">{formatMetricOf(sweep.metric, best.value)}</strong> · run{' '}
              <button type="button" className="link mono trial-open" onClick={() => open(best.runId)}>
                {shortId(best.runId)}
              </button>{' '}
              <span className="muted mono">{Object.entries(best.params).map(([k, v]) => `${k}=${formatValue(v)}`).join(' ')}</span>
            </>
          ) : (
            <span className="muted">none yet</span>
          )}
        </dd>
        {earlier && (
          <>
            <dt>Note</dt>
            <dd className="warn-text" data-testid="sweep-earlier-better">
              An earlier run on this dataset and target did better: {metricLabel(sweep.metric)} <strong className="mono">{formatMetricOf(sweep.metric, earlier.value)}</strong> (
              {earlierName && `${earlierName}, `}run{' '}
              <button type="button" className="link mono trial-open" onClick={() => open(earlier.runId)}>
                {shortId(earlier.runId)}
              </button>
              ) against this sweep’s best {formatMetricOf(sweep.metric, best?.value)}.
            </dd>
          </>
        )}
        <dt>Started</dt>
        <dd>
          {formatWhen(sweep.createdAt)}
          {sweep.endedAt && <span className="muted"> · ended {formatWhen(sweep.endedAt)}</span>}
        </dd>
      </dl>
      <h3 className="run-section-title">
        Trials across the search space <span className="muted compare-legend-note">one line per finished trial; the best in orange</span>
      </h3>
      <div data-testid="sweep-parallel-wrap" data-best-run={sweep.bestRunId ?? undefined} data-lines={sweep.results.filter((t) => t.value !== null).length}>
        <EChart option={option} height={300} notMerge testId="sweep-parallel" />
      </div>
      <TrialsTable sweep={sweep} onOpen={open} curveName={curveName} />
    </section>
  );
}
