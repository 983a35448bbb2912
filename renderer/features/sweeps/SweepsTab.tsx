import { useEffect } from 'react';
import type { SweepDto } from '../../../shared/api/methods/sweeps';
import type { RunSummaryDto } from '../../../shared/api/dto';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useExperiments } from '../experiments/store';
import { formatAgo, formatMetricOf, metricLabel } from '../experiments/format';
import { connectSweepEvents, useSweeps } from './store';
import { SweepDetail } from './SweepDetail';
import { NewSweepDialog } from './NewSweepDialog';

/** Sweeps inside Compare: the list, the open sweep, and New sweep. */
export function SweepsTab() {
  const sweeps = useSweeps((s) => s.sweeps);
  const loaded = useSweeps((s) => s.loaded);
  const error = useSweeps((s) => s.error);
  const dismissError = useSweeps((s) => s.dismissError);
  const selectedId = useSweeps((s) => s.selectedId);
  const select = useSweeps((s) => s.select);
  const formOpen = useSweeps((s) => s.formOpen);
  const datasets = useExperiments((s) => s.datasets);
  const runs = useExperiments((s) => s.runs);

  useEffect(() => {
    const off = connectSweepEvents();
    void useSweeps.getState().load();
    return off;
  }, []);

  const byRun = new Map(runs.map((r) => [r.id, r]));
  const open = () => {
    const current = sweeps.find((s) => s.id === selectedId);
    const latest = runs.reduce<RunSummaryDto | null>((m, r) => (r.datasetId && (!m || r.createdAt > m.createdAt) ? r : m), null);
    const datasetId = current?.datasetId ?? latest?.datasetId ?? datasets[0]?.id ?? '';
    const target = runs.find((r) => r.datasetId === datasetId && r.target)?.target ?? '';
    useSweeps.getState().openForm(datasetId, target);
  };
  const selected = sweeps.find((s) => s.id === selectedId) ?? null;
  const newButton = (
    <button type="button" onClick={open} disabled={datasets.length === 0} title={datasets.length ? 'Search parameters with many runs' : 'Import a dataset first'} data-testid="new-sweep">
      New sweep…
    </button>
  );

  return (
    <div className="sweeps-tab" data-testid="sweeps-tab">
      <ErrorBanner error={error} onDismiss={dismissError} />
      {loaded && sweeps.length === 0 ? (
        <EmptyState title="No sweeps yet" testId="empty-sweeps" action={newButton}>
          <p>
            A sweep trains many runs over a search space — say <code>maxDepth=3..8</code> and <code>learningRate=0.01..0.3:log</code> — by grid, random or
            TPE search, stops trials falling behind early, and keeps the best. Each trial is an ordinary run you can open and compare.
          </p>
        </EmptyState>
      ) : (
        <div className="sweeps-layout">
          <div className="sweep-list-wrap">
            <div className="sweep-list-head">
              <strong>Sweeps</strong>
              {newButton}
            </div>
            <ul className="sweep-list" aria-label="Sweeps" data-testid="sweep-list">
              {sweeps.map((s) => (
                <SweepItem key={s.id} sweep={s} active={s.id === selectedId} onSelect={select} first={byRun.get(s.results[0]?.runId ?? '')} datasetName={datasets.find((d) => d.id === s.datasetId)?.name} />
              ))}
            </ul>
          </div>
          {selected ? <SweepDetail sweep={selected} /> : <p className="muted run-pick-hint">Select a sweep to see its trials.</p>}
        </div>
      )}
      {formOpen && <NewSweepDialog />}
    </div>
  );
}

interface ItemProps {
  sweep: SweepDto;
  active: boolean;
  onSelect: (id: string) => void;
  first: RunSummaryDto | undefined;
  datasetName: string | undefined;
}

function SweepItem({ sweep, active, onSelect, first, datasetName }: ItemProps) {
  const best = sweep.results.find((t) => t.runId === sweep.bestRunId);
  return (
    <li>
      <button type="button" className={`sweep-item${active ? ' active' : ''}`} onClick={() => onSelect(sweep.id)} aria-current={active || undefined} data-testid={`sweep-${sweep.id}`}>
        <span className="sweep-item-top">
          <strong>
            {first?.family ?? ''} {sweep.method}
          </strong>
          <span className={`badge badge-${sweep.status}`}>{sweep.status}</span>
        </span>
        <span className="muted sweep-item-meta">
          {datasetName ?? 'dataset'}
          {first?.target ? ` → ${first.target}` : ''} · {sweep.results.length}/{sweep.trials} trials
        </span>
        <span className="muted sweep-item-meta">
          {best ? `best ${metricLabel(sweep.metric)} ${formatMetricOf(sweep.metric, best.value)}` : 'no result yet'} · {formatAgo(sweep.createdAt)}
        </span>
      </button>
    </li>
  );
}
