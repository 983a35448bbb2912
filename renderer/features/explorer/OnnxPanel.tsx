import { useCallback } from 'react';
import type { OnnxTensorInfoDto } from '../../../shared/api/methods/explorer';
import { ErrorBanner } from '../../components/ErrorBanner';
import { ProgressBar } from '../../components/ProgressBar';
import { formatBytes, formatMicros, formatPercent } from '../../components/format';
import { elementCount, shapeText } from './onnx-inputs';
import { useExplorer } from './store';

const tensorRow = (t: OnnxTensorInfoDto) => (
  <tr key={t.name}>
    <td className="mono">{t.name}</td>
    <td className="mono">{t.type}</td>
    <td className="mono">{shapeText(t.dims)}</td>
  </tr>
);

/** An .onnx file from anywhere: what its graph takes and gives, and one run of it on typed values. */
export function OnnxPanel() {
  const onnx = useExplorer((s) => s.onnx);
  const opening = useExplorer((s) => s.onnxOpening);
  const error = useExplorer((s) => s.onnxError);
  const texts = useExplorer((s) => s.onnxTexts);
  const result = useExplorer((s) => s.onnxResult);
  const running = useExplorer((s) => s.onnxRunning);
  const setText = useExplorer((s) => s.setOnnxText);
  const run = useExplorer((s) => s.runOnnx);
  const dismiss = useCallback(() => useExplorer.setState({ onnxError: null }), []);

  return (
    <div className="onnx-view" data-testid="onnx-view">
      {opening && (
        <div className="upload-status" role="status">
          <span>
            Opening {opening.label}
            {opening.upload !== null ? ` · uploading ${formatPercent(opening.upload)}` : '…'}
          </span>
          {opening.upload !== null && <ProgressBar value={opening.upload} label={`Uploading ${opening.label}`} />}
        </div>
      )}
      <ErrorBanner error={error} onDismiss={dismiss} />
      {onnx && (
        <>
          <section className="explorer-block" aria-labelledby="onnx-title" data-testid="onnx-info">
            <h3 id="onnx-title" className="run-section-title">
              {onnx.fileName}
            </h3>
            <p className="muted small-note" data-testid="onnx-producer">
              {formatBytes(onnx.sizeBytes)} · produced by {onnx.producer || 'an unnamed tool'}
            </p>
            <div className="onnx-io">
              {(
                [
                  ['Inputs', onnx.inputs, 'onnx-inputs'],
                  ['Outputs', onnx.outputs, 'onnx-outputs'],
                ] as const
              ).map(([title, list, testId]) => (
                <div key={title}>
                  <h4 className="run-subtitle">{title}</h4>
                  <table className="table registry-table" data-testid={testId}>
                    <thead>
                      <tr>
                        <th>Name</th>
                        <th>Type</th>
                        <th>Shape</th>
                      </tr>
                    </thead>
                    <tbody>{list.map(tensorRow)}</tbody>
                  </table>
                </div>
              ))}
            </div>
          </section>
          <section className="explorer-block" aria-labelledby="onnx-run-title">
            <h3 id="onnx-run-title" className="run-section-title">
              Run it
            </h3>
            <p className="muted small-note">One row: symbolic (batch) dimensions are 1. Separate the values of a multi-element input with commas.</p>
            <form
              className="onnx-form"
              onSubmit={(e) => {
                e.preventDefault();
                void run();
              }}
            >
              <div className="onnx-fields">
                {onnx.inputs.map((t) => (
                  <label key={t.name} className="field wide">
                    <span className="run-field-label" title={`${t.name} · ${t.type} ${shapeText(t.dims)}`}>
                      <span className="mono">{t.name}</span> · {t.type}
                      {elementCount(t.dims) > 1 ? ` · ${elementCount(t.dims)} values` : ''}
                    </span>
                    <input value={texts[t.name] ?? ''} onChange={(e) => setText(t.name, e.target.value)} spellCheck={false} data-testid={`onnx-input-${t.name}`} />
                  </label>
                ))}
              </div>
              <div>
                <button type="submit" disabled={running} data-testid="onnx-run">
                  {running ? 'Running…' : 'Run'}
                </button>
              </div>
            </form>
            {result && (
              <>
                <h4 className="run-subtitle">
                  Outputs <span className="muted">· {formatMicros(result.latencyUs)} in onnxruntime</span>
                </h4>
                <table className="table registry-table" data-testid="onnx-outputs-result">
                  <thead>
                    <tr>
                      <th>Name</th>
                      <th>Type</th>
                      <th>Shape</th>
                      <th>Values</th>
                    </tr>
                  </thead>
                  <tbody>
                    {result.outputs.map((o) => (
                      <tr key={o.name} data-output={o.name}>
                        <td className="mono">{o.name}</td>
                        <td className="mono">{o.type}</td>
                        <td className="mono">{shapeText(o.dims)}</td>
                        <td className="mono onnx-values">
                          {o.values.slice(0, 50).map(String).join(', ')}
                          {o.values.length > 50 || o.truncated ? ' …' : ''}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </>
            )}
          </section>
        </>
      )}
    </div>
  );
}
