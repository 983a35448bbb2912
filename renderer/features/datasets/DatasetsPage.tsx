import { useEffect } from 'react';
import { useDatasets } from './store';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBanner } from '../../components/ErrorBanner';
import { formatWhen } from '../../components/format';

export function DatasetsPage() {
  const { items, loaded, error, load } = useDatasets();
  useEffect(() => {
    void load();
  }, [load]);

  return (
    <section className="page" data-testid="page-datasets">
      <header className="page-head">
        <h1>Datasets</h1>
      </header>
      <ErrorBanner error={error} />
      {loaded && items.length === 0 ? (
        <EmptyState title="No datasets yet" testId="empty-datasets">
          <p>
            Bring in a CSV, TSV, JSON Lines or Parquet file: run <code>lathe import FILE</code>, or drop the file on this
            window. Lathe reads it into its local database, infers column types and profiles every column.
          </p>
        </EmptyState>
      ) : (
        <table className="table" data-testid="datasets-table">
          <thead>
            <tr>
              <th>Name</th>
              <th className="num">Rows</th>
              <th className="num">Columns</th>
              <th>Format</th>
              <th>Imported</th>
            </tr>
          </thead>
          <tbody>
            {items.map((d) => (
              <tr key={d.id}>
                <td>{d.name}</td>
                <td className="num">{d.rows.toLocaleString()}</td>
                <td className="num">{d.columns}</td>
                <td>{d.format}</td>
                <td>{formatWhen(d.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
