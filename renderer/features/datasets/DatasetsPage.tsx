import { useEffect, useState } from 'react';
import { connectDatasetEvents, useDatasets } from './store';
import { DatasetsEmpty } from './DatasetsEmpty';
import { DatasetList } from './DatasetList';
import { DatasetDetail } from './DatasetDetail';
import { ImportDialog } from './ImportDialog';
import { ImportStatus } from './ImportStatus';
import { DropOverlay } from './DropOverlay';
import { useFileImport } from './useFileImport';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Dialog } from '../../components/Dialog';
import { SampleList } from './SampleList';

/** Datasets: import files, browse their rows, read their profiles. */
export function DatasetsPage() {
  const items = useDatasets((s) => s.items);
  const loaded = useDatasets((s) => s.loaded);
  const error = useDatasets((s) => s.error);
  const dismissError = useDatasets((s) => s.dismissError);
  const pending = useDatasets((s) => s.queue[0]);
  const hasSamples = useDatasets((s) => s.samples.length > 0);
  const { chooseFile, fileInput, dragging } = useFileImport();
  const [samplesOpen, setSamplesOpen] = useState(false);

  useEffect(() => {
    const off = connectDatasetEvents();
    const s = useDatasets.getState();
    void s.load();
    void s.loadSamples();
    return off;
  }, []);

  const empty = loaded && items.length === 0;
  return (
    <section className="page datasets-page" data-testid="page-datasets">
      <header className="page-head">
        <h1>Datasets</h1>
        {!empty && (
          <span className="page-actions">
            {hasSamples && (
              <button type="button" className="secondary" onClick={() => setSamplesOpen(true)} data-testid="open-samples">
                Samples…
              </button>
            )}
            <button type="button" onClick={() => chooseFile()} data-testid="import-file">
              Import a file…
            </button>
          </span>
        )}
      </header>
      {fileInput}
      <ErrorBanner error={error} onDismiss={dismissError} />
      <ImportStatus />
      {empty ? (
        <DatasetsEmpty onChooseFile={() => chooseFile()} />
      ) : (
        <div className="datasets-layout">
          <DatasetList />
          <DatasetDetail onAppend={chooseFile} />
        </div>
      )}
      {pending && <ImportDialog key={pending.key} source={pending} />}
      {dragging && <DropOverlay />}
      {samplesOpen && (
        <Dialog title="Sample datasets" onClose={() => setSamplesOpen(false)} testId="samples-dialog">
          <SampleList title="" onPicked={() => setSamplesOpen(false)} />
        </Dialog>
      )}
    </section>
  );
}
