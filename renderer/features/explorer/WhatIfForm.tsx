import { useExplorer } from './store';
import { InputField } from './InputField';
import { RowPickerDialog } from './RowPickerDialog';
import { stillPicked } from './rows-slice';

/** The model's inputs, started at typical values; every change asks for a new prediction. */
export function WhatIfForm() {
  const schema = useExplorer((s) => s.schema);
  const draft = useExplorer((s) => s.draft);
  const setValue = useExplorer((s) => s.setValue);
  const reset = useExplorer((s) => s.resetForm);
  const openPicker = useExplorer((s) => s.openPicker);
  const pickerOpen = useExplorer((s) => s.pickerOpen);
  const picked = useExplorer((s) => s.picked);
  if (!schema) return null;
  const fromRow = picked && stillPicked(picked, draft);

  return (
    <section className="explorer-block whatif-form" aria-labelledby="whatif-title" data-testid="whatif-form">
      <div className="explorer-block-head">
        <h3 id="whatif-title" className="run-section-title">
          Inputs <span className="muted">({schema.inputs.length})</span>
        </h3>
        <span className="whatif-actions">
          <button type="button" className="small" onClick={openPicker} title="Fill every input from a row of the dataset" data-testid="whatif-pick-row">
            Pick a row…
          </button>
          <button type="button" className="small" onClick={reset} title="Back to the typical value of every input" data-testid="whatif-reset">
            Reset to defaults
          </button>
        </span>
      </div>
      <p className="muted small-note whatif-picked" data-testid="whatif-source">
        {picked
          ? fromRow
            ? `The values of row ${picked.row.toLocaleString()} of ${schema.datasetName ?? 'the dataset'}.`
            : `Started from row ${picked.row.toLocaleString()}, then edited.`
          : 'Each starts at its median or most frequent value in training.'}
      </p>
      <div className="whatif-fields">
        {schema.inputs.map((input) => (
          <InputField key={input.column} input={input} text={draft[input.column] ?? null} onChange={(t) => setValue(input.column, t)} />
        ))}
      </div>
      {pickerOpen && <RowPickerDialog />}
    </section>
  );
}
