import type { ColumnDto } from '../../../shared/api/datasets-dto';
import { FormField } from '../experiments/FormField';
import { columnRoles, columnTypeProblem } from './form';
import { useForecast } from './store';
import { DatasetSelect } from '../experiments/DatasetSelect';

const options = (cols: ColumnDto[]) =>
  cols.map((c) => (
    <option key={c.name} value={c.name}>
      {c.name} · {c.type}
    </option>
  ));

/** Which data: the dataset, its time axis, what to forecast, per what, and how far ahead. */
export function RoleFields() {
  const form = useForecast((s) => s.form);
  const columns = useForecast((s) => s.columns);
  const ready = useForecast((s) => s.columnsFor === s.form.dataset);
  const errors = useForecast((s) => s.fieldErrors);
  const setDataset = useForecast((s) => s.setDataset);
  const setRole = useForecast((s) => s.setRole);
  const patch = useForecast((s) => s.patch);
  const { times, numbers, others, labels } = columnRoles(columns);
  const col = (name: string) => columns.find((c) => c.name === name);
  // Type problems show at once: they are why nothing else can be checked.
  const timeError = errors.time ?? columnTypeProblem('time', col(form.time)) ?? undefined;
  const targetError = errors.target ?? columnTypeProblem('target', col(form.target)) ?? undefined;
  const placeholder = ready ? 'Choose a column…' : 'Reading columns…';

  return (
    <div className="run-form-grid forecast-roles">
      <FormField label="Dataset" name="dataset" error={errors.dataset}>
        <DatasetSelect value={form.dataset} onChange={setDataset} testId="forecast-dataset" autofocus />
      </FormField>
      <FormField label="Time" name="time" hint="dates" error={timeError}>
        <select value={form.time} onChange={(e) => setRole('time', e.target.value)} disabled={!ready} aria-invalid={Boolean(timeError)} data-testid="forecast-time">
          <option value="">{ready && times.length === 0 ? 'No date column' : placeholder}</option>
          {options(times)}
        </select>
      </FormField>
      <FormField label="Target" name="target" hint="numeric" error={targetError}>
        <select value={form.target} onChange={(e) => setRole('target', e.target.value)} disabled={!ready} aria-invalid={Boolean(targetError)} data-testid="forecast-target">
          <option value="">{placeholder}</option>
          <optgroup label="Numbers">{options(numbers.filter((c) => c.name !== form.time))}</optgroup>
          {others.length > 0 && <optgroup label="Not numeric (cannot be forecast)">{options(others.filter((c) => c.name !== form.time))}</optgroup>}
        </select>
      </FormField>
      <FormField label="Series" name="series" hint="optional, one per value" error={errors.series}>
        <select value={form.series} onChange={(e) => setRole('series', e.target.value)} disabled={!ready} data-testid="forecast-series">
          <option value="">One series</option>
          {options(labels.filter((c) => c.name !== form.target && c.name !== form.time))}
        </select>
      </FormField>
      <FormField label="Horizon" name="horizon" hint="steps ahead" error={errors.horizon}>
        <input
          type="number"
          min={1}
          step={1}
          inputMode="numeric"
          value={form.horizon}
          onChange={(e) => patch({ horizon: e.target.value, horizonEdited: true })}
          aria-invalid={Boolean(errors.horizon)}
          data-testid="forecast-horizon"
        />
      </FormField>
    </div>
  );
}
