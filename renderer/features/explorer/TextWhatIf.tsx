import { useId } from 'react';
import { useExplorer } from './store';
import { PredictionCard } from './PredictionCard';
import { ThresholdPanel } from './ThresholdPanel';
import { RowPickerDialog } from './RowPickerDialog';
import { WordHighlights } from './WordHighlights';

/** A text model's what-if: a sentence typed or pasted, predicted as it changes, its words coloured by their push. */
export function TextWhatIf() {
  const id = useId();
  const schema = useExplorer((s) => s.schema);
  const column = schema?.text?.column ?? '';
  const text = useExplorer((s) => s.draft[column] ?? '');
  const setValue = useExplorer((s) => s.setValue);
  const openPicker = useExplorer((s) => s.openPicker);
  const pickerOpen = useExplorer((s) => s.pickerOpen);
  if (!schema?.text) return null;

  return (
    <div className="text-layout" data-testid="text-whatif">
      <div className="text-main">
        <section className="explorer-block text-input-block" aria-labelledby={`${id}-title`}>
          <div className="explorer-block-head">
            <h3 id={`${id}-title`} className="run-section-title">
              <label htmlFor={id}>
                Text <span className="muted mono">({column})</span>
              </label>
            </h3>
            <span className="whatif-actions">
              <button type="button" className="small" onClick={openPicker} title="Start from a text of the dataset" data-testid="whatif-pick-row">
                Pick a row…
              </button>
              <button type="button" className="small" onClick={() => setValue(column, '')} disabled={text === ''} data-testid="text-clear">
                Clear
              </button>
            </span>
          </div>
          <textarea
            id={id}
            className="text-input"
            rows={4}
            value={text}
            placeholder="Type or paste a sentence…"
            onChange={(e) => setValue(column, e.target.value)}
            spellCheck={false}
            data-testid="text-input"
          />
          <p className="muted small-note">The prediction and the colours follow as you type.</p>
        </section>
        <WordHighlights />
      </div>
      <div className="whatif-results">
        <PredictionCard />
        <ThresholdPanel />
      </div>
      {pickerOpen && <RowPickerDialog />}
    </div>
  );
}
