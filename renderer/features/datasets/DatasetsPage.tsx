import { useEffect } from 'react';
import { connectDatasetEvents, useDatasets } from './store';
import { DatasetsEmpty } from './DatasetsEmpty';
import { DatasetList } from './DatasetList';
import { DatasetDetail } from './DatasetDetail';
import { ImportDialog } from './ImportDialog';
import { ImportStatus } from './ImportStatus';
import { DropOverlay } from './DropOverlay';
import { useFileImport } from './useFileImport';
import { ErrorBanner } from '../../components/ErrorBanner';

/** Datasets: import files, browse their rows, read their profiles. */
export function DatasetsPage() {
  const items = useDatasets((s) => s.items);
  const loaded = useDatasets((s) => s.loaded);
  const error = useDatasets((s) => s.error);
  const dismissError = useDatasets((s) => s.dismissError);
  const pending = useDatasets((s) => s.queue[0]);
  const { chooseFile, fileInput, dragging } = useFileImport();

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
          <button type="button" onClick={chooseFile} data-testid="import-file">
            Import a file…
          </button>
        )}
      </header>
      {fileInput}
      <ErrorBanner error={error} onDismiss={dismissError} />
      <ImportStatus />
      {empty ? (
        <DatasetsEmpty onChooseFile={chooseFile} />
      ) : (
        <div className="datasets-layout">
          <DatasetList />
          <DatasetDetail />
        </div>
      )}
      {pending && <ImportDialog key={pending.key} source={pending} />}
      {dragging && <DropOverlay />}
    </section>
  );
}
