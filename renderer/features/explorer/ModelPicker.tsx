import { useExplorer } from './store';

/** Registered versions and aliases first, then succeeded runs; the value is the model reference. */
export function ModelPicker() {
  const ref = useExplorer((s) => s.ref);
  const view = useExplorer((s) => s.view);
  const onnx = useExplorer((s) => s.onnx);
  const versions = useExplorer((s) => s.versions);
  const runs = useExplorer((s) => s.runs);
  const setModel = useExplorer((s) => s.setModel);
  const known = versions.some((c) => c.ref === ref) || runs.some((c) => c.ref === ref);
  const ONNX = '\u0000onnx';
  const value = view === 'onnx' ? ONNX : (ref ?? '');

  return (
    <label className="explorer-picker">
      <span className="muted">Model</span>
      <select
        value={value}
        onChange={(e) => {
          if (e.target.value === ONNX) useExplorer.setState({ view: 'onnx' });
          else setModel(e.target.value || null);
        }}
        data-testid="explorer-model"
      >
        <option value="">Choose a model…</option>
        {ref && !known && <option value={ref}>{ref}</option>}
        {versions.length > 0 && (
          <optgroup label="Registered models">
            {versions.map((c) => (
              <option key={c.ref} value={c.ref}>
                {c.label}
              </option>
            ))}
          </optgroup>
        )}
        {runs.length > 0 && (
          <optgroup label="Runs">
            {runs.map((c) => (
              <option key={c.ref} value={c.ref}>
                {c.label}
              </option>
            ))}
          </optgroup>
        )}
        {onnx && (
          <optgroup label="External">
            <option value={ONNX}>{onnx.fileName} (.onnx file)</option>
          </optgroup>
        )}
      </select>
    </label>
  );
}
