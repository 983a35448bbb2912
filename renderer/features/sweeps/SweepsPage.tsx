import { useEffect } from 'react';
import { connectRunEvents, useExperiments } from '../experiments/store';
import { SweepsTab } from './SweepsTab';

/** Sweeps as a section of its own: every sweep, the one open, and New sweep. */
export function SweepsPage() {
  useEffect(() => {
    // The list names each sweep's family and target from its runs, and New sweep needs the datasets.
    const off = connectRunEvents();
    void useExperiments.getState().load();
    void useExperiments.getState().loadDatasets();
    return off;
  }, []);
  return (
    <section className="page sweeps-page" data-testid="page-sweeps">
      <header className="page-head">
        <h1>Sweeps</h1>
      </header>
      <SweepsTab />
    </section>
  );
}
