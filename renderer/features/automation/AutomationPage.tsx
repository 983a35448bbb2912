import { useEffect, useState } from 'react';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Inbox } from './Inbox';
import { PlanDetail } from './PlanDetail';
import { PlanEditor } from './PlanEditor';
import { PlanList } from './PlanList';
import { SchedulerLine } from './SchedulerLine';
import { useAutomation, useInbox } from './store';
import './automation.css';

/** Retraining plans: the list with next runs and last decisions, the open plan's runs, the editor and the inbox. */
export function AutomationPage() {
  const s = useAutomation();
  const unread = useInbox((i) => i.unread);
  const [creating, setCreating] = useState(false);
  const [inbox, setInbox] = useState(false);
  useEffect(() => {
    void useAutomation.getState().load();
    void useInbox.getState().load();
  }, []);
  const canCreate = s.models.length > 0;
  const newButton = (
    <button type="button" onClick={() => setCreating(true)} disabled={!canCreate} data-testid="plan-new" title={canCreate ? undefined : 'Register a model first'}>
      New plan
    </button>
  );
  return (
    <section className="page automation-page" data-testid="page-automation">
      <header className="page-head">
        <h1>Automation</h1>
        <div className="plan-actions">
          <button type="button" className="secondary" onClick={() => setInbox(true)} data-testid="inbox-open">
            Inbox{unread > 0 ? ` (${unread})` : ''}
          </button>
          {s.plans.length > 0 && newButton}
        </div>
      </header>
      <SchedulerLine state={s.scheduler} />
      <ErrorBanner error={s.error} onDismiss={() => useAutomation.setState({ error: null })} />
      {s.loaded && s.plans.length === 0 ? (
        <EmptyState title="Keep a model fresh without watching it" action={newButton} testId="automation-empty">
          <p>
            A plan retrains a registered model when new data arrives — on a schedule, after enough new rows, when the inputs drift or when its live metric
            falls — then compares the challenger with the champion on rows neither trained on, and moves the alias only if the challenger wins.
          </p>
          {!canCreate && <p>Register a model in Models first; a plan keeps one of its aliases (production) fresh.</p>}
        </EmptyState>
      ) : (
        <div className="automation-grid">
          <PlanList plans={s.plans} selected={s.selected} onSelect={(id) => void s.select(id)} />
          {s.detail && <PlanDetail plan={s.detail} />}
        </div>
      )}
      {creating && <PlanEditor onClose={() => setCreating(false)} />}
      {inbox && <Inbox onClose={() => setInbox(false)} />}
    </section>
  );
}
