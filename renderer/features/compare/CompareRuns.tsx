import { useEffect, useMemo } from 'react';
import type { RunDetailDto } from '../../../shared/api/runs-dto';
import type { RunSummaryDto } from '../../../shared/api/dto';
import { api } from '../../api/client';
import { RunsTable } from '../experiments/RunsTable';
import { useExperiments } from '../experiments/store';
import { ErrorBanner } from '../../components/ErrorBanner';
import { PickedRuns } from './PickedRuns';
import { OverlayCurves } from './OverlayCurves';
import { MetricDeltas } from './MetricDeltas';
import { ParamsDiff } from './ParamsDiff';
import { AbPanel } from './AbPanel';
import { useCompare } from './store';

/** Bursts of run changes (a sweep's trials ending) re-read the picked runs once. */
const REFRESH_MS = 200;

/** Pick runs from the list; see their curves, metrics and parameters side by side. */
export function CompareRuns({ runs }: { runs: RunSummaryDto[] }) {
  const selected = useCompare((s) => s.selected);
  const toggle = useCompare((s) => s.toggle);
  const details = useCompare((s) => s.details);
  const detailErrors = useCompare((s) => s.detailErrors);

  const loaded = useExperiments((s) => s.loaded);
  useEffect(() => {
    // Only a list actually read says which picked runs are gone.
    if (loaded) useCompare.getState().keepOnly(new Set(runs.map((r) => r.id)));
    useCompare.getState().loadDetails();
  }, [runs, loaded]);

  // A picked run that changes (ends training, gets notes) is read again.
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const due = new Set<string>();
    const off = api.on('runs.changed', ({ runId }) => {
      const picked = useCompare.getState().selected;
      for (const id of runId === null ? picked : picked.has(runId) ? [runId] : []) due.add(id);
      if (due.size === 0 || timer) return;
      timer = setTimeout(() => {
        timer = null;
        useCompare.getState().loadDetails([...due]);
        due.clear();
      }, REFRESH_MS);
    });
    return () => {
      off();
      if (timer) clearTimeout(timer);
    };
  }, []);

  const picked = useMemo(() => [...selected].map((id) => details[id]).filter((d): d is RunDetailDto => Boolean(d)), [selected, details]);
  const waiting = [...selected].filter((id) => !details[id] && !detailErrors[id]).length;
  const errors = [...selected].map((id) => detailErrors[id]).filter(Boolean);

  return (
    <div className="compare-runs">
      <RunsTable runs={runs} selected={selected} onToggle={toggle} />
      <PickedRuns runs={runs} />
      <ErrorBanner error={errors.length ? `Some runs could not be read: ${errors.join('; ')}` : null} />
      {selected.size >= 2 && waiting > 0 && <p className="muted compare-hint">Reading {waiting} run{waiting === 1 ? '' : 's'}…</p>}
      {picked.length >= 2 && waiting === 0 && (
        <div className="compare-view" data-testid="compare-view">
          <OverlayCurves runs={picked} />
          <MetricDeltas runs={picked} />
          {picked.length === 2 ? (
            <AbPanel a={picked[0]} b={picked[1]} />
          ) : (
            <p className="muted compare-hint" data-testid="ab-hint">
              Pick exactly two runs for a paired A/B test of whether one is really better.
            </p>
          )}
          <ParamsDiff runs={picked} />
        </div>
      )}
    </div>
  );
}
