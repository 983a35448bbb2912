import type { TaskChoice } from './form';
import { FormField } from './FormField';

/** What the New run dialog can train; recommending is its own kind of run, with its own form. */
const TASKS: { id: TaskChoice | 'recommend'; label: string }[] = [
  { id: 'auto', label: 'Detect from the target' },
  { id: 'regression', label: 'Regression' },
  { id: 'binary', label: 'Binary classification' },
  { id: 'multiclass', label: 'Multiclass classification' },
  { id: 'recommend', label: 'Recommend' },
];

/** The New run dialog's task, on its tabular and its recommender form alike. */
export function TaskSelect({ value, onChange, error }: { value: string; onChange: (id: string) => void; error?: string }) {
  return (
    <FormField label="Task" name="task" error={error}>
      <select value={value} onChange={(e) => onChange(e.target.value)} data-testid="new-run-task">
        {TASKS.map((t) => (
          <option key={t.id} value={t.id}>
            {t.label}
          </option>
        ))}
      </select>
    </FormField>
  );
}
