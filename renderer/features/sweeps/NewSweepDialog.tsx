import { useEffect, type FormEvent } from 'react';
import type { Family } from '../../../shared/api/runs-dto';
import { useSweeps } from './store';
import { objectivesFor, withFamily, type SweepMethod } from './sweep-form';
import { useTargetTask } from './useTargetTask';
import { metricLabel } from '../experiments/format';
import { SpaceFields } from './SpaceFields';
import { FormField } from '../experiments/FormField';
import { FAMILY_LABEL } from '../experiments/form';
import { Dialog } from '../../components/Dialog';
import { DatasetSelect } from '../experiments/DatasetSelect';

const METHODS: { id: SweepMethod; label: string }[] = [
  { id: 'tpe', label: 'TPE (learns where to look)' },
  { id: 'random', label: 'Random' },
  { id: 'grid', label: 'Grid (evenly spaced)' },
];

/** Trains many runs over a search space and keeps the best; each trial is an ordinary run. */
export function NewSweepDialog() {
  const form = useSweeps((s) => s.form);
  const errors = useSweeps((s) => s.fieldErrors);
  const formError = useSweeps((s) => s.formError);
  const submitting = useSweeps((s) => s.submitting);
  const columns = useSweeps((s) => s.columns);
  const patch = useSweeps((s) => s.patchForm);
  const setDataset = useSweeps((s) => s.setFormDataset);
  const submit = useSweeps((s) => s.submit);
  const close = useSweeps((s) => s.closeForm);
  const task = useTargetTask(form.dataset, columns.find((c) => c.name === form.target));
  const objectives = objectivesFor(task);
  // A metric of the other task (the target changed) goes back to the default.
  useEffect(() => {
    if (form.metric && !objectives.includes(form.metric)) patch({ metric: '' });
  }, [form.metric, objectives, patch]);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void submit();
  };

  return (
    <Dialog title="New sweep" onClose={close} testId="new-sweep-dialog">
      <form className="run-form" onSubmit={onSubmit} noValidate>
        <div className="run-form-grid">
          <FormField label="Dataset" name="dataset" error={errors.dataset}>
            <DatasetSelect value={form.dataset} onChange={setDataset} testId="sweep-dataset" showRows={false} />
          </FormField>
          <FormField label="Target" name="target" error={errors.target}>
            <select value={form.target} onChange={(e) => patch({ target: e.target.value })} disabled={columns.length === 0} data-testid="sweep-target">
              <option value="">{columns.length ? 'Choose a column…' : 'Reading columns…'}</option>
              {columns.map((c) => (
                <option key={c.name} value={c.name}>
                  {c.name} · {c.type}
                </option>
              ))}
            </select>
          </FormField>
          <FormField label="Family" name="family">
            <select value={form.family} onChange={(e) => patch(withFamily(form, e.target.value as Family))} data-testid="sweep-family">
              {(Object.keys(FAMILY_LABEL) as Family[]).map((f) => (
                <option key={f} value={f}>
                  {f} · {FAMILY_LABEL[f]}
                </option>
              ))}
            </select>
          </FormField>
          <FormField label="Search" name="method">
            <select value={form.method} onChange={(e) => patch({ method: e.target.value as SweepMethod })} data-testid="sweep-method">
              {METHODS.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.label}
                </option>
              ))}
            </select>
          </FormField>
          <FormField label="Trials" name="trials" hint={form.method === 'grid' ? 'at most' : undefined} error={errors.trials}>
            <input inputMode="numeric" value={form.trials} onChange={(e) => patch({ trials: e.target.value })} aria-invalid={Boolean(errors.trials)} data-testid="sweep-trials" />
          </FormField>
          <FormField label="Objective" name="metric" hint={task ? `${task} target` : undefined}>
            <select value={form.metric} onChange={(e) => patch({ metric: e.target.value })} data-testid="sweep-metric" data-task={task ?? undefined}>
              <option value="">default ({task === 'regression' ? 'RMSE' : task ? 'log loss' : 'RMSE or log loss'})</option>
              {objectives.map((m) => (
                <option key={m} value={m}>
                  {metricLabel(m)}
                </option>
              ))}
            </select>
          </FormField>
        </div>
        <SpaceFields />
        <label className="sweep-check">
          <input type="checkbox" checked={form.stopEarly} onChange={(e) => patch({ stopEarly: e.target.checked })} data-testid="sweep-stop-early" />
          <span>Stop trials early whose validation curve falls behind the median of finished ones</span>
        </label>
        {formError && (
          <div className="form-error" role="alert" data-testid="new-sweep-error">
            {formError}
          </div>
        )}
        <div className="dialog-actions">
          <span className="muted hint">Trials run a few at a time, on every core</span>
          <button type="button" className="secondary" onClick={close}>
            Cancel
          </button>
          <button type="submit" disabled={submitting} data-testid="sweep-submit">
            {submitting ? 'Starting…' : 'Start sweep'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
