import { useState } from 'react';
import type { PlanDetailDto } from '../../../shared/automation/dto';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorBanner } from '../../components/ErrorBanner';
import { PlanEditor } from './PlanEditor';
import { PlanTimeline } from './PlanTimeline';
import { sourceWords, triggerWords } from './plan-words';
import { whenText } from './schedule-text';
import { useAutomation } from './store';

type Asking = 'run' | 'delete' | 'edit' | null;

/** One plan: what it watches, its controls (run now and delete ask first), and its runs. */
export function PlanDetail({ plan }: { plan: PlanDetailDto }) {
  const s = useAutomation();
  const [asking, setAsking] = useState<Asking>(null);
  const [error, setError] = useState<string | null>(null);
  const running = plan.runningPid !== null || plan.runs[0]?.state === 'running';
  const toggle = async () => setError(await (plan.paused ? s.resume(plan.id) : s.pause(plan.id)));
  return (
    <section className="plan-detail" aria-labelledby="plan-head" data-testid="plan-detail">
      <header className="plan-detail-head">
        <h2 id="plan-head">{plan.name}</h2>
        <div className="plan-actions">
          <button type="button" onClick={() => setAsking('run')} disabled={running} data-testid="plan-run-now">
            {running ? 'Running…' : 'Run now'}
          </button>
          <button type="button" className="secondary" onClick={() => void toggle()} data-testid="plan-pause">
            {plan.paused ? 'Resume' : 'Pause'}
          </button>
          <button type="button" className="secondary" onClick={() => setAsking('edit')} data-testid="plan-edit">
            Edit
          </button>
          <button type="button" className="small danger-outline" onClick={() => setAsking('delete')} data-testid="plan-delete">
            Delete
          </button>
        </div>
      </header>
      <ErrorBanner error={error} onDismiss={() => setError(null)} />
      <dl className="facts plan-facts">
        <dt>Champion</dt>
        <dd className="mono">
          {plan.model}@{plan.alias}
        </dd>
        <dt>New data</dt>
        <dd>{sourceWords(plan)}</dd>
        <dt>Runs when</dt>
        <dd>{triggerWords(plan.triggers)}</dd>
        <dt>Next run</dt>
        <dd>{plan.paused ? 'paused' : whenText(plan.nextDueAt)}</dd>
        <dt>Promotes</dt>
        <dd>
          when the challenger is {plan.mode === 'better' ? 'better' : 'not worse'} by more than {plan.margin} on held-out data neither model trained on
          {plan.incremental ? '; continues from the champion' : ''}
        </dd>
      </dl>
      <h3>Runs</h3>
      <PlanTimeline runs={plan.runs} />
      {asking === 'run' && (
        <ConfirmDialog
          title={`Run ${plan.name} now?`}
          confirmLabel="Run now"
          confirmTestId="plan-run-confirm"
          onConfirm={() => s.runNow(plan.id)}
          onClose={() => setAsking(null)}
        >
          <p>
            It reads the newest data, trains a challenger and compares it with {plan.model}@{plan.alias}. If the challenger wins, {plan.alias} moves to it
            (a rollback in Models undoes that).
          </p>
        </ConfirmDialog>
      )}
      {asking === 'delete' && (
        <ConfirmDialog title={`Delete ${plan.name}?`} confirmLabel="Delete plan" danger confirmTestId="plan-delete-confirm" onConfirm={() => s.remove(plan.id)} onClose={() => setAsking(null)}>
          <p>The plan and its run history go; the models it registered and their aliases stay.</p>
        </ConfirmDialog>
      )}
      {asking === 'edit' && <PlanEditor plan={plan} onClose={() => setAsking(null)} />}
    </section>
  );
}
