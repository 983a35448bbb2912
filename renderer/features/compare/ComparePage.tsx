import { useEffect } from 'react';
import { useCompare } from './store';
import { useExperiments } from '../experiments/store';
import { RunsTable } from '../experiments/RunsTable';
import { EmptyState } from '../../components/EmptyState';
import { useUi } from '../../app/ui-store';

export function ComparePage() {
  const { runs, loaded, load } = useExperiments();
  const { selected, toggle } = useCompare();
  const setSection = useUi((s) => s.setSection);
  useEffect(() => {
    void load();
    void useExperiments.getState().loadDatasets();
  }, [load]);

  return (
    <section className="page" data-testid="page-compare">
      <header className="page-head">
        <h1>Compare</h1>
        {runs.length >= 2 && <span className="muted">{selected.size} selected</span>}
      </header>
      {loaded && runs.length < 2 ? (
        <EmptyState
          title="Two runs are needed to compare"
          testId="empty-compare"
          action={<button onClick={() => setSection('experiments')}>Go to Experiments</button>}
        >
          <p>
            Train at least two models on the same dataset and target. Here you will see their curves overlaid, the metric
            differences, and a paired statistical test of whether one is really better.
          </p>
        </EmptyState>
      ) : (
        <RunsTable runs={runs} selected={selected} onToggle={toggle} />
      )}
    </section>
  );
}
