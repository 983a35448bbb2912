import { useEffect, useState } from 'react';
import { connectModelEvents, useModels } from './store';
import { ModelList } from './ModelList';
import { ModelDetail } from './ModelDetail';
import { RegisterDialog } from './RegisterDialog';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useUi } from '../../app/ui-store';

/** Models: the registry of named, versioned models and the aliases that say which one serves. */
export function ModelsPage() {
  const models = useModels((s) => s.list);
  const loaded = useModels((s) => s.loaded);
  const error = useModels((s) => s.error);
  const dismissError = useModels((s) => s.dismissError);
  const setSection = useUi((s) => s.setSection);
  const [registering, setRegistering] = useState(false);

  useEffect(() => {
    const off = connectModelEvents();
    const s = useModels.getState();
    void s.load();
    if (s.selected) void s.reloadDetail();
    return off;
  }, []);

  const empty = loaded && models.length === 0;
  return (
    <section className="page" data-testid="page-models">
      <header className="page-head">
        <h1>Models</h1>
        <button type="button" onClick={() => setRegistering(true)} data-testid="register-open">
          Register a run…
        </button>
      </header>
      <ErrorBanner error={error} onDismiss={dismissError} />
      {empty ? (
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
        <div className="datasets-layout models-layout">
          <ModelList />
          <ModelDetail />
        </div>
      )}
      {registering && <RegisterDialog onClose={() => setRegistering(false)} />}
    </section>
  );
}
