import { useExperiments } from './store';

/** The dataset a run trains on; a placeholder stands first until one is chosen. */
export function DatasetSelect({ value, onChange, testId, showRows = true, autofocus }: { value: string; onChange: (id: string) => void; testId: string; showRows?: boolean; autofocus?: boolean }) {
  const datasets = useExperiments((s) => s.datasets);
  return (
    <select value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId} data-autofocus={autofocus || undefined}>
      {!value && <option value="">Choose a dataset…</option>}
      {datasets.map((d) => (
        <option key={d.id} value={d.id}>
          {showRows ? `${d.name} (${d.rows.toLocaleString()} rows)` : d.name}
        </option>
      ))}
    </select>
  );
}

/** A second dataset beside the one trained on (test rows, features): every other dataset, after an empty choice. */
export function OtherDatasetSelect(p: { trainedOn: string; value: string; onChange: (id: string) => void; empty: string; invalid?: boolean; testId: string }) {
  const datasets = useExperiments((s) => s.datasets);
  return (
    <select value={p.value} onChange={(e) => p.onChange(e.target.value)} aria-invalid={p.invalid} data-testid={p.testId}>
      <option value="">{p.empty}</option>
      {datasets
        .filter((d) => d.id !== p.trainedOn)
        .map((d) => (
          <option key={d.id} value={d.id}>
            {d.name}
          </option>
        ))}
    </select>
  );
}
