import type { FormEvent, KeyboardEvent } from 'react';
import { FormField } from '../experiments/FormField';
import { useExperiments } from '../experiments/store';
import { ErrorBanner } from '../../components/ErrorBanner';
import { RoleFields } from './RoleFields';
import { FeatureFields } from './FeatureFields';
import { ModelFields, SplitChoice } from './ModelFields';
import { useRecommendForm } from './store';
import './recommend.css';
import { DatasetSelect } from '../experiments/DatasetSelect';
import { TaskSelect } from '../experiments/TaskSelect';

/**
 * The New run dialog on its Recommend task: the interactions and their roles, optional feature
 * datasets, the model and the evaluation. Enter trains; a field the host refuses shows its reason.
 */
export function RecommendRunForm({ onTask, onClose }: { onTask: (id: string) => void; onClose: () => void }) {
  const form = useRecommendForm((s) => s.form);
  const errors = useRecommendForm((s) => s.fieldErrors);
  const formError = useRecommendForm((s) => s.formError);
  const columnsError = useRecommendForm((s) => s.columnsError);
  const submitting = useRecommendForm((s) => s.submitting);
  const setDataset = useRecommendForm((s) => s.setDataset);
  const submit = useRecommendForm((s) => s.submit);

  const onSubmit = (e?: FormEvent) => {
    e?.preventDefault();
    // A refused field gets the focus, so the keyboard lands where the fix is.
    void submit().then((ok) => {
      const field = Object.keys(useRecommendForm.getState().fieldErrors)[0];
      if (!ok && field) document.querySelector<HTMLElement>(`[data-testid="new-run-dialog"] [data-field="${CSS.escape(field)}"] :is(input, select)`)?.focus();
    });
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && !(e.target instanceof HTMLButtonElement) && !(e.target instanceof HTMLTextAreaElement) && !(e.target instanceof HTMLElement && e.target.tagName === 'SUMMARY')) {
      e.preventDefault();
      onSubmit();
    }
  };

  return (
    <form className="run-form rec-form" onSubmit={onSubmit} onKeyDown={onKeyDown} noValidate data-testid="rec-form">
      <div className="run-form-grid">
        <FormField label="Dataset" name="dataset" hint="the interactions" error={errors.dataset}>
          <DatasetSelect value={form.dataset} onChange={(id) => (setDataset(id), useExperiments.getState().setFormDataset(id))} testId="new-run-dataset" />
        </FormField>
        <TaskSelect value="recommend" onChange={onTask} />
      </div>
      <ErrorBanner error={columnsError} />
      <RoleFields />
      <FeatureFields />
      <ModelFields />
      <SplitChoice />
      <div className="dialog-actions">
        <span className={`hint rec-form-error${formError ? '' : ' muted'}`} role={formError ? 'alert' : undefined} aria-live="polite" data-testid="rec-form-error">
          {formError ?? 'Enter trains · Escape cancels'}
        </span>
        <button type="button" className="secondary" onClick={onClose}>
          Cancel
        </button>
        <button type="submit" disabled={submitting} data-testid="new-run-submit">
          {submitting ? 'Starting…' : 'Train'}
        </button>
      </div>
    </form>
  );
}
