import { useEffect } from 'react';
import { useExplorer } from './store';
import { useModels } from '../models/store';
import { EmptyState } from '../../components/EmptyState';
import { useUi } from '../../app/ui-store';

export function ExplorerPage() {
  const { models, loaded, load } = useModels();
  const { modelName, setModel } = useExplorer();
  const setSection = useUi((s) => s.setSection);
  useEffect(() => {
    void load();
  }, [load]);

  return (
    <section className="page" data-testid="page-explorer">
      <header className="page-head">
        <h1>Explorer</h1>
      </header>
      {loaded && models.length === 0 ? (
        <EmptyState
          title="No model to explore yet"
          testId="empty-explorer"
          action={<button onClick={() => setSection('models')}>Go to Models</button>}
        >
          <p>
            Explore a registered model offline: change inputs and watch the prediction with its range, see which features
            drove it, and predict a whole CSV in one go. Register a model version first.
          </p>
        </EmptyState>
      ) : (
        <label className="field">
          <span>Model</span>
          <select value={modelName ?? ''} onChange={(e) => setModel(e.target.value || null)} data-testid="explorer-model">
            <option value="">Choose a model…</option>
            {models.map((m) => (
              <option key={m.name} value={m.name}>
                {m.name} ({m.latestVersion})
              </option>
            ))}
          </select>
        </label>
      )}
    </section>
  );
}
