import { useEffect, useRef, type FormEvent, type KeyboardEvent } from 'react';
import type { TaskChoice } from './form';
import { useExperiments } from './store';
import { FormField } from './FormField';
import { FamilyParams } from './FamilyParams';
import { SplitFields } from './SplitFields';
import { Dialog } from '../../components/Dialog';
import { ErrorBanner } from '../../components/ErrorBanner';
import { RecommendRunForm } from '../recommend/RecommendRunForm';
import { useRecommendForm } from '../recommend/store';
import { looksLikeInteractions } from '../recommend/form';
import { DatasetSelect } from './DatasetSelect';
import { TaskSelect } from './TaskSelect';
import { WarmStartLine } from './ContinueRun';

/** Everything a run needs, with sensible defaults. Enter trains, Escape cancels. */
export function NewRunDialog() {
  const form = useExperiments((s) => s.form);
  const errors = useExperiments((s) => s.fieldErrors);
  const formError = useExperiments((s) => s.formError);
  const overridable = useExperiments((s) => s.overridable);
  const submitting = useExperiments((s) => s.submitting);
  const columns = useExperiments((s) => s.columns);
  const columnsError = useExperiments((s) => s.columnsError);
  const patch = useExperiments((s) => s.patchForm);
  const setDataset = useExperiments((s) => s.setFormDataset);
  const submit = useExperiments((s) => s.submitNewRun);
  const close = useExperiments((s) => s.closeNewRun);
  const recommending = useRecommendForm((s) => s.active);
  // Switching to or from Recommend swaps the form under the task select: focus stays on it.
  const switched = useRef(recommending);
  useEffect(() => {
    if (switched.current === recommending) return;
    switched.current = recommending;
    document.querySelector<HTMLElement>('[data-testid="new-run-dialog"] [data-testid="new-run-task"]')?.focus();
  }, [recommending]);
  const chooseTask = (id: string) => (id === 'recommend' ? useRecommendForm.getState().activate(form.dataset) : (useRecommendForm.getState().deactivate(), patch({ task: id as TaskChoice })));

  const onSubmit = (e?: FormEvent) => {
    e?.preventDefault();
    void submit();
  };
  // Enter trains from any field, selects and checkboxes included.
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && !(e.target instanceof HTMLButtonElement) && !(e.target instanceof HTMLTextAreaElement)) {
      e.preventDefault();
      onSubmit();
    }
  };
  const toggleExclude = (name: string) =>
    patch({ exclude: form.exclude.includes(name) ? form.exclude.filter((c) => c !== name) : [...form.exclude, name] });
  const features = columns.filter((c) => c.name !== form.target);
  const excluded = form.exclude.filter((c) => c !== form.target).length;

  if (recommending) {
    const closeAll = () => (useRecommendForm.getState().deactivate(), close());
    return (
      <Dialog title="New run" onClose={closeAll} testId="new-run-dialog">
        <RecommendRunForm onTask={chooseTask} onClose={closeAll} />
      </Dialog>
    );
  }
  return (
    <Dialog title="New run" onClose={close} testId="new-run-dialog">
      <form className="run-form" onSubmit={onSubmit} onKeyDown={onKeyDown} noValidate>
        <div className="run-form-grid">
          <FormField label="Dataset" name="dataset" error={errors.dataset}>
            <DatasetSelect value={form.dataset} onChange={setDataset} testId="new-run-dataset" />
          </FormField>
          <FormField label="Target" name="target" hint="the column to predict" error={errors.target}>
            <select
              value={form.target}
              onChange={(e) => patch({ target: e.target.value })}
              disabled={columns.length === 0}
              aria-invalid={Boolean(errors.target)}
              data-testid="new-run-target"
            >
              <option value="">{columns.length ? 'Choose a column…' : 'Reading columns…'}</option>
              {columns.map((c) => (
                <option key={c.name} value={c.name}>
                  {c.name} · {c.type}
                </option>
              ))}
            </select>
          </FormField>
          <TaskSelect value={form.task} onChange={chooseTask} error={errors.task} />
        </div>
        <ErrorBanner error={columnsError} />
        <WarmStartLine />
        {looksLikeInteractions(columns) && (
          <p className="rec-interactions-hint" data-testid="new-run-offer-recommend">
            <span>These columns look like interactions (users, items and how they rated or used them).</span>
            <button type="button" className="small" onClick={() => chooseTask('recommend')}>
              Recommend instead
            </button>
          </p>
        )}
        {features.length > 0 && (
          <details className="exclude-box" data-testid="new-run-exclude" open={excluded > 0 || undefined}>
            <summary>
              Columns to leave out <span className="muted">({excluded ? `${excluded} left out` : `all ${features.length} used`})</span>
            </summary>
            <div className="exclude-list" role="group" aria-label="Columns to leave out">
              {features.map((c) => (
                <label key={c.name} className="exclude-item">
                  <input type="checkbox" checked={form.exclude.includes(c.name)} onChange={() => toggleExclude(c.name)} data-testid={`exclude-${c.name}`} />
                  <span>{c.name}</span> <span className="muted">{c.type}</span>
                </label>
              ))}
            </div>
            {errors.exclude && <span className="field-error">{errors.exclude}</span>}
          </details>
        )}
        <FamilyParams />
        <SplitFields />
        {formError && (
          <div className="form-error" role="alert" data-testid="new-run-error">
            {formError}
            {overridable && (
              <label className="override">
                <input type="checkbox" checked={form.allowAnyTarget} onChange={(e) => patch({ allowAnyTarget: e.target.checked })} data-testid="allow-any-target" />
                <span>Train anyway: I know this target is unusual</span>
              </label>
            )}
          </div>
        )}
        <div className="dialog-actions">
          <span className="muted hint">Enter trains · Escape cancels</span>
          <button type="button" className="secondary" onClick={close}>
            Cancel
          </button>
          <button type="submit" disabled={submitting} data-testid="new-run-submit">
            {submitting ? 'Starting…' : 'Train'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
