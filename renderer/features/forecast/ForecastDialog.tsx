import type { FormEvent, KeyboardEvent } from 'react';
import { Dialog } from '../../components/Dialog';
import { ErrorBanner } from '../../components/ErrorBanner';
import { RoleFields } from './RoleFields';
import { DetectionPanel } from './DetectionPanel';
import { ModelFields } from './ModelFields';
import { CovariateFields, EvaluationFields } from './ExtraFields';
import { startBlocker, useForecast } from './store';
import './forecast.css';

/**
 * A forecast: which series, how far ahead, with what model. What the host detects in the chosen
 * columns is shown before anything starts. Enter starts, Escape cancels.
 */
export function ForecastDialog() {
  const close = useForecast((s) => s.close);
  const submit = useForecast((s) => s.submit);
  const submitting = useForecast((s) => s.submitting);
  const formError = useForecast((s) => s.formError);
  const columnsError = useForecast((s) => s.columnsError);
  const blocker = useForecast(startBlocker);

  const onSubmit = (e?: FormEvent) => {
    e?.preventDefault();
    // A refused field gets the focus, so the keyboard lands where the fix is.
    void submit().then(() => {
      const { open, fieldErrors } = useForecast.getState();
      const field = Object.keys(fieldErrors)[0];
      if (open && field) document.querySelector<HTMLElement>(`[data-testid="forecast-dialog"] [data-field="${CSS.escape(field)}"] :is(input, select)`)?.focus();
    });
  };
  // Enter starts from any field, selects included; buttons keep their own Enter.
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && !(e.target instanceof HTMLButtonElement) && !(e.target instanceof HTMLTextAreaElement) && !(e.target instanceof HTMLElement && e.target.tagName === 'SUMMARY')) {
      e.preventDefault();
      onSubmit();
    }
  };
  const shownError = formError && !blocker ? formError : null;
  const reason = blocker ?? shownError;

  return (
    <Dialog title="New forecast" onClose={close} testId="forecast-dialog">
      <form className="run-form forecast-form" onSubmit={onSubmit} onKeyDown={onKeyDown} noValidate>
        <RoleFields />
        <ErrorBanner error={columnsError} />
        <DetectionPanel />
        <ModelFields />
        <CovariateFields />
        <EvaluationFields />
        <div className="dialog-actions">
          {/* Why it cannot start, or why the host refused it: always in view beside Start. */}
          <span className={`hint forecast-blocker${reason ? '' : ' muted'}`} role={shownError ? 'alert' : undefined} data-testid="forecast-blocker" aria-live="polite">
            {reason ?? 'Enter starts · Escape cancels'}
          </span>
          <button type="button" className="secondary" onClick={close}>
            Cancel
          </button>
          <button type="submit" disabled={submitting || blocker !== null} title={blocker ?? 'Start the forecast'} data-testid="forecast-submit">
            {submitting ? 'Starting…' : 'Start forecast'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
