import { useEffect } from 'react';
import { api } from '../../api/client';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBanner } from '../../components/ErrorBanner';
import { DriftPicker } from './DriftPicker';
import { DriftReport } from './DriftReport';
import { PerformancePanel } from './PerformancePanel';
import { useMonitor } from './store';
import './monitor.css';

/** Is the data still like what the model learned from, and is the model still right: drift and live metrics. */
export function MonitorPage() {
  const s = useMonitor();
  useEffect(() => {
    void useMonitor.getState().load();
    const offs = [api.on('datasets.changed', () => void useMonitor.getState().load())];
    return () => offs.forEach((off) => off());
  }, []);
  return (
    <section className="page monitor-page" data-testid="page-monitor">
      <header className="page-head">
        <h1>Monitor</h1>
      </header>
      <ErrorBanner error={s.error} onDismiss={() => useMonitor.setState({ error: null })} />
      {s.loaded && s.datasets.length < 2 ? (
        <EmptyState title="Compare new data with what is normal" testId="monitor-empty">
          <p>
            A drift check compares a current dataset with a reference: an older dataset, or the rows a registered model trained on. It needs two
            datasets with the same columns — import the newer data in Datasets (or append it as a new file), then come back here.
          </p>
        </EmptyState>
      ) : (
        <>
          <section className="monitor-block" aria-labelledby="drift-head">
            <h2 id="drift-head">Drift</h2>
            <DriftPicker />
            {s.report ? (
              <DriftReport r={s.report} />
            ) : (
              !s.jobId && (
                <p className="muted" data-testid="drift-none">
                  Pick a reference and the current data, then Check drift: each column is tested (KS for numbers, χ² for categories), the p-values are
                  corrected over the columns, and a column counts as drifted only when the shift is also large enough to matter.
                </p>
              )
            )}
          </section>
          <PerformancePanel />
        </>
      )}
    </section>
  );
}
