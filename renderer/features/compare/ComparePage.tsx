import { useEffect } from 'react';
import { useCompare, type CompareTab } from './store';
import { connectRunEvents, useExperiments } from '../experiments/store';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Tabs } from '../../components/Tabs';
import { useUi } from '../../app/ui-store';
import { CompareRuns } from './CompareRuns';
import { SweepsTab } from '../sweeps/SweepsTab';

const TABS: { id: CompareTab; label: string }[] = [
  { id: 'runs', label: 'Runs' },
  { id: 'sweeps', label: 'Sweeps' },
];

/** Compare: runs side by side with a paired A/B test, and hyper-parameter sweeps. */
export function ComparePage() {
  const runs = useExperiments((s) => s.runs);
  const loaded = useExperiments((s) => s.loaded);
  const error = useExperiments((s) => s.error);
  const dismissError = useExperiments((s) => s.dismissError);
  const selected = useCompare((s) => s.selected);
  const tab = useCompare((s) => s.tab);
  const setTab = useCompare((s) => s.setTab);
  const setSection = useUi((s) => s.setSection);

  useEffect(() => {
    const off = connectRunEvents();
    void useExperiments.getState().load();
    void useExperiments.getState().loadDatasets();
    return off;
  }, []);

  return (
    <section className="page compare-page" data-testid="page-compare">
      <header className="page-head">
        <h1>Compare</h1>
        {tab === 'runs' && runs.length >= 2 && <span className="muted">{selected.size} selected</span>}
      </header>
      <Tabs tabs={TABS} active={tab} onChange={setTab} label="Compare" idPrefix="compare" />
      <ErrorBanner error={error} onDismiss={dismissError} />
      <div role="tabpanel" id={`compare-panel-${tab}`} aria-labelledby={`compare-tab-${tab}`} data-testid={`compare-panel-${tab}`}>
        {tab === 'sweeps' ? (
          <SweepsTab />
        ) : loaded && runs.length < 2 ? (
          <EmptyState
            title="Two runs are needed to compare"
            testId="empty-compare"
            action={<button onClick={() => setSection('experiments')}>Go to Experiments</button>}
          >
            <p>
              Train at least two models on the same dataset and target. Here you will see their curves overlaid, the metric differences, and a paired
              statistical test of whether one is really better. A sweep (see its tab) trains many at once.
            </p>
          </EmptyState>
        ) : (
          <CompareRuns runs={runs} />
        )}
      </div>
    </section>
  );
}
