import { useEffect } from 'react';
import { useModels } from './store';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBanner } from '../../components/ErrorBanner';
import { formatWhen } from '../../components/format';
import { useUi } from '../../app/ui-store';

export function ModelsPage() {
  const { models, loaded, error, load } = useModels();
  const setSection = useUi((s) => s.setSection);
  useEffect(() => {
    void load();
  }, [load]);

  return (
    <section className="page" data-testid="page-models">
      <header className="page-head">
        <h1>Models</h1>
      </header>
      <ErrorBanner error={error} />
      {loaded && models.length === 0 ? (
        <EmptyState
          title="The registry is empty"
          testId="empty-models"
          action={<button onClick={() => setSection('experiments')}>Go to Experiments</button>}
        >
          <p>
            Register a run you are happy with as a version of a named model. Versions get aliases such as
            <code> production</code> and <code>staging</code>, with a history of every move and one-step rollback.
          </p>
        </EmptyState>
      ) : (
        <table className="table" data-testid="models-table">
          <thead>
            <tr>
              <th>Model</th>
              <th>Latest</th>
              <th className="num">Versions</th>
              <th>Aliases</th>
              <th>Updated</th>
            </tr>
          </thead>
          <tbody>
            {models.map((m) => (
              <tr key={m.name}>
                <td>{m.name}</td>
                <td className="mono">{m.latestVersion}</td>
                <td className="num">{m.versions}</td>
                <td>
                  {Object.entries(m.aliases)
                    .map(([a, v]) => `${a} → ${v}`)
                    .join(', ') || '—'}
                </td>
                <td>{formatWhen(m.updatedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
