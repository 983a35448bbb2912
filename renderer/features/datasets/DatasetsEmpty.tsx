import { useDatasets } from './store';
import { EmptyState } from '../../components/EmptyState';

/** First run: what importing does, how to start, and samples to try without a file of one's own. */
export function DatasetsEmpty({ onChooseFile }: { onChooseFile: () => void }) {
  const samples = useDatasets((s) => s.samples);
  const importSample = useDatasets((s) => s.importSample);
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
      {samples.length > 0 && (
        <div className="samples" role="group" aria-label="Sample datasets">
          <h3>Try a sample</h3>
          <ul>
            {samples.map((s) => (
              <li key={s.id}>
                <button
                  type="button"
                  className="sample"
                  onClick={() => void importSample(s.id)}
                  disabled={importing}
                  data-testid={`sample-${s.id}`}
                  aria-label={`Import sample ${s.name}`}
                >
                  <span className="sample-name">
                    {s.name} <span className="sample-rows">{s.rows.toLocaleString()} rows</span>
                  </span>
                  <span className="sample-desc">{s.description}</span>
                  <span className="sample-license">{s.license}</span>
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
    </EmptyState>
  );
}
