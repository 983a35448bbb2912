import { useDatasets } from './store';
import { EmptyState } from '../../components/EmptyState';
import { SampleList } from './SampleList';

/** First run: what importing does, how to start, and samples to try without a file of one's own. */
export function DatasetsEmpty({ onChooseFile }: { onChooseFile: () => void }) {
  const importing = useDatasets((s) => s.importJobId !== null || s.upload !== null);

  return (
    <EmptyState title="No datasets yet" testId="empty-datasets">
      <p>
        Bring in a CSV, TSV, JSON Lines or Parquet file. Lathe reads it into its local database, infers each column's
        type, keeps a fingerprint of the source and profiles every column, so you can browse the rows and train on them
        here, on this machine.
      </p>
      <div className="empty-actions">
        <button type="button" onClick={onChooseFile} data-testid="choose-file" disabled={importing}>
          Choose a file…
        </button>
        <span className="muted">or drop a file anywhere on this window</span>
      </div>
      {importing && (
        <p className="muted" role="status">
          Importing… progress shows in the jobs tray.
        </p>
      )}
      <SampleList />
    </EmptyState>
  );
}
