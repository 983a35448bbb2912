import { useExplorer } from './store';
import { InputField } from './InputField';

/** The model's inputs, started at typical values; every change asks for a new prediction. */
export function WhatIfForm() {
  const schema = useExplorer((s) => s.schema);
  const draft = useExplorer((s) => s.draft);
  const setValue = useExplorer((s) => s.setValue);
  const reset = useExplorer((s) => s.resetForm);
  if (!schema) return null;

  return (
    <section className="explorer-block whatif-form" aria-labelledby="whatif-title" data-testid="whatif-form">
      <div className="explorer-block-head">
        <h3 id="whatif-title" className="run-section-title">
          Inputs <span className="muted">({schema.inputs.length})</span>
        </h3>
        <button type="button" className="small" onClick={reset} title="Back to the typical value of every input" data-testid="whatif-reset">
          Reset to defaults
        </button>
      </div>
      <p className="muted small-note">Each starts at its median or most frequent value in training.</p>
      <div className="whatif-fields">
        {schema.inputs.map((input) => (
          <InputField key={input.column} input={input} text={draft[input.column] ?? null} onChange={(t) => setValue(input.column, t)} />
        ))}
      </div>
    </section>
  );
}
