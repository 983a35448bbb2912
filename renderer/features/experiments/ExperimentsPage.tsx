import { useEffect } from 'react';
import { useExperiments } from './store';
import { RunsTable } from './RunsTable';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useUi } from '../../app/ui-store';

export function ExperimentsPage() {
  const { runs, loaded, error, load } = useExperiments();
  const setSection = useUi((s) => s.setSection);
  useEffect(() => {
    void load();
  }, [load]);

  return (
    <section className="page" data-testid="page-experiments">
      <header className="page-head">
        <h1>Experiments</h1>
      </header>
      <ErrorBanner error={error} />
      {loaded && runs.length === 0 ? (
        <EmptyState
          title="No runs yet"
          testId="empty-experiments"
          action={<button onClick={() => setSection('datasets')}>Go to Datasets</button>}
        >
          <p>
            A run is one trained model with its parameters, curves and metrics. Import a dataset first, then train on it
            with <code>lathe train --dataset NAME --target COLUMN</code>; every run lands here.
          </p>
        </EmptyState>
      ) : (
        <RunsTable runs={runs} />
      )}
    </section>
  );
}
