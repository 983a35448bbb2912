import { isNumberColumn, isTimeColumn } from './format';
import type { SplitKind } from './form';
import { useExperiments } from './store';
import { FormField } from './FormField';
import { OtherDatasetSelect } from './DatasetSelect';

const KINDS: { id: SplitKind; label: string }[] = [
  { id: 'random', label: 'Random hold-out' },
  { id: 'time', label: 'By time (latest rows tested)' },
  { id: 'kfold', label: 'K-fold cross-validation' },
  { id: 'holdout', label: 'Separate test dataset' },
];

/** How test rows are chosen, and the seed that makes it repeatable. */
export function SplitFields() {
  const form = useExperiments((s) => s.form);
  const errors = useExperiments((s) => s.fieldErrors);
  const patch = useExperiments((s) => s.patchForm);
  const columns = useExperiments((s) => s.columns);
  const datasets = useExperiments((s) => s.datasets);
  const times = columns.filter((c) => isTimeColumn(c.type));
  const numbers = columns.filter((c) => isNumberColumn(c.type));

  return (
    <fieldset className="run-fieldset">
      <legend>Evaluation</legend>
      <div className="run-form-grid">
        <FormField label="Split" name="split.kind" error={errors['split.kind']}>
          <select value={form.split} onChange={(e) => patch({ split: e.target.value as SplitKind })} data-testid="split-kind">
            {KINDS.map((k) => (
              <option key={k.id} value={k.id} disabled={k.id === 'holdout' && datasets.length < 2}>
                {k.label}
              </option>
            ))}
          </select>
        </FormField>
        {form.split === 'time' && (
          <FormField label="Ordered by" name="split.column" error={errors['split.column']}>
            <select value={form.timeColumn} onChange={(e) => patch({ timeColumn: e.target.value })} aria-invalid={Boolean(errors['split.column'])} data-testid="split-column">
              <option value="">Choose a column…</option>
              {times.length > 0 && (
                <optgroup label="Dates">
                  {times.map((c) => (
                    <option key={c.name} value={c.name}>
                      {c.name}
                    </option>
                  ))}
                </optgroup>
              )}
              <optgroup label="Numbers">
                {numbers.map((c) => (
                  <option key={c.name} value={c.name}>
                    {c.name}
                  </option>
                ))}
              </optgroup>
            </select>
          </FormField>
        )}
        {(form.split === 'random' || form.split === 'time') && (
          <FormField label="Test fraction" name="split.testFraction" error={errors['split.testFraction']}>
            <input type="number" step="0.05" min={0.05} max={0.95} value={form.testFraction} onChange={(e) => patch({ testFraction: e.target.value })} aria-invalid={Boolean(errors['split.testFraction'])} data-testid="split-fraction" />
          </FormField>
        )}
        {form.split === 'kfold' && (
          <FormField label="Folds (k)" name="split.k" error={errors['split.k']}>
            <input type="number" step="1" min={2} max={20} value={form.k} onChange={(e) => patch({ k: e.target.value })} aria-invalid={Boolean(errors['split.k'])} data-testid="split-k" />
          </FormField>
        )}
        {form.split === 'holdout' && (
          <FormField label="Test dataset" name="testDataset" hint="same columns" error={errors.testDataset}>
            <OtherDatasetSelect trainedOn={form.dataset} value={form.testDataset} onChange={(id) => patch({ testDataset: id })} empty="Choose a dataset…" invalid={Boolean(errors.testDataset)} testId="split-test-dataset" />
          </FormField>
        )}
        <FormField label="Seed" name="seed" error={errors.seed}>
          <input type="number" step="1" min={0} value={form.seed} onChange={(e) => patch({ seed: e.target.value })} aria-invalid={Boolean(errors.seed)} data-testid="seed" />
        </FormField>
      </div>
    </fieldset>
  );
}
