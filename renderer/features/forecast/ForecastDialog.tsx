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
    void submit();
  };
  // Enter starts from any field, selects included; buttons keep their own Enter.
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && !(e.target instanceof HTMLButtonElement) && !(e.target instanceof HTMLTextAreaElement) && !(e.target instanceof HTMLElement && e.target.tagName === 'SUMMARY')) {
      e.preventDefault();
      onSubmit();
    }
  };
  const shownError = formError && formError !== blocker ? formError : null;

  return (
    <Dialog title="New forecast" onClose={close} testId="forecast-dialog">
      <form className="run-form forecast-form" onSubmit={onSubmit} onKeyDown={onKeyDown} noValidate>
        <RoleFields />
        <ErrorBanner error={columnsError} />
        <DetectionPanel />
        <ModelFields />
        <CovariateFields />
        <EvaluationFields />
        {shownError && (
          <div className="form-error" role="alert" data-testid="forecast-error">
            {shownError}
          </div>
        )}
        <div className="dialog-actions">
          <span className={`hint forecast-blocker${blocker ? '' : ' muted'}`} data-testid="forecast-blocker" aria-live="polite">
            {blocker ?? 'Enter starts · Escape cancels'}
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
