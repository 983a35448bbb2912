import { useExperiments } from './store';
import { EmptyState } from '../../components/EmptyState';
import { useUi } from '../../app/ui-store';
import { useForecast } from '../forecast/store';

/** No runs yet: what a run is, and the way to the first one. */
export function ExperimentsEmpty({ onNewRun }: { onNewRun: () => void }) {
  const hasDatasets = useExperiments((s) => s.datasets.length > 0);
  const datasetsLoaded = useExperiments((s) => s.datasetsLoaded);
  return (
    <EmptyState title="No runs yet" testId="empty-experiments">
      <p>
        A run trains one model on a dataset to predict one column, and keeps everything about it: the parameters,
        the split and seed, the learning curves as they are drawn, the test metrics, and a report of what the model
        learned. Re-running it reproduces it exactly. A forecast run does the same for a time series: it predicts the next
        steps with their uncertainty bands, and backtests itself on the history.
      </p>
      <div className="empty-actions">
        <button type="button" onClick={onNewRun} disabled={!hasDatasets} data-testid="empty-new-run">
          New run…
        </button>
        <button type="button" className="secondary" onClick={() => useForecast.getState().openForecast()} disabled={!hasDatasets} data-testid="empty-new-forecast">
          New forecast…
        </button>
        {datasetsLoaded && !hasDatasets && (
          <span className="muted">
            Training needs a dataset first:{' '}
            <button type="button" className="inline-link" onClick={() => useUi.getState().setSection('datasets')} data-testid="goto-datasets">
              import one in Datasets
            </button>
            .
          </span>
        )}
      </div>
      <p className="muted empty-cli">
        From a terminal: <code>lathe train --dataset NAME --target COLUMN</code>; those runs land here too.
      </p>
    </EmptyState>
  );
}
