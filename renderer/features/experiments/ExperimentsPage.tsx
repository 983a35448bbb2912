import { useEffect } from 'react';
import { connectRunEvents, useExperiments } from './store';
import { RunsTable } from './RunsTable';
import { RunDetail } from './RunDetail';
import { NewRunDialog } from './NewRunDialog';
import { ExperimentsEmpty } from './ExperimentsEmpty';
import { ErrorBanner } from '../../components/ErrorBanner';
import { ForecastDialog } from '../forecast/ForecastDialog';
import { useForecast } from '../forecast/store';
import { useCompare } from '../compare/store';

/** Experiments: every training run, grouped by what it predicts; start new ones, read how they did. */
export function ExperimentsPage() {
  const runs = useExperiments((s) => s.runs);
  const loaded = useExperiments((s) => s.loaded);
  const error = useExperiments((s) => s.error);
  const dismissError = useExperiments((s) => s.dismissError);
  const selectedId = useExperiments((s) => s.selectedId);
  const select = useExperiments((s) => s.select);
  const hasDatasets = useExperiments((s) => s.datasets.length > 0);
  const datasetsLoaded = useExperiments((s) => s.datasetsLoaded);
  const formOpen = useExperiments((s) => s.formOpen);
  const openNewRun = useExperiments((s) => s.openNewRun);
  const ticked = useCompare((s) => s.selected);
  const tick = useCompare((s) => s.toggle);
  const forecastOpen = useForecast((s) => s.open);
  const openForecast = useForecast((s) => s.openForecast);

  useEffect(() => {
    const off = connectRunEvents();
    const s = useExperiments.getState();
    void s.load();
    void s.loadDatasets();
    if (s.selectedId) void s.reloadDetail();
    return off;
  }, []);

  const empty = loaded && runs.length === 0;
  const open = () => openNewRun(useExperiments.getState().detail);
  return (
    <section className="page experiments-page" data-testid="page-experiments">
      <header className="page-head">
        <h1>Experiments</h1>
        <div className="page-actions">
          <button
            type="button"
            onClick={open}
            disabled={!hasDatasets}
            title={datasetsLoaded && !hasDatasets ? 'Import a dataset first' : 'Train a new model'}
            data-testid="new-run"
          >
            New run…
          </button>
          <button
            type="button"
            className="secondary"
            onClick={openForecast}
            disabled={!hasDatasets}
            title={datasetsLoaded && !hasDatasets ? 'Import a dataset first' : 'Forecast a time series ahead'}
            data-testid="new-forecast"
          >
            New forecast…
          </button>
        </div>
      </header>
      <ErrorBanner error={error} onDismiss={dismissError} />
      {empty ? (
        <ExperimentsEmpty onNewRun={open} />
      ) : (
        <div className="experiments-layout">
          <RunsTable runs={runs} activeId={selectedId} onOpen={select} selected={ticked} onToggle={tick} />
          {selectedId ? <RunDetail key={selectedId} /> : loaded && <p className="muted run-pick-hint">Select a run to see its curves, metrics and report.</p>}
        </div>
      )}
      {formOpen && <NewRunDialog />}
      {forecastOpen && <ForecastDialog />}
    </section>
  );
}
