import { useRef, useState, type FormEvent } from 'react';
import type { ModelVersionDto } from '../../../shared/api/methods/registry';
import type { ExportResultDto } from '../../../shared/api/methods/export';
import { api, ApiCallError } from '../../api/client';
import { Dialog } from '../../components/Dialog';
import { ErrorBanner } from '../../components/ErrorBanner';
import { formatBytes, formatMicros } from '../../components/format';
import { useSystem } from '../system/store';
import { v } from './registry';
import { ExportDownloads } from './ExportDownloads';

/** In browser mode the host's folders may be out of the user's reach: the bundle is offered as downloads too. */
const browserMode = api.hostKind() === 'browser';

type Format = 'onnx' | 'tfjs';

/** "<home>/exports/houses-1.2.0", with the separator the home folder uses. */
function suggestedDir(home: string | undefined, name: string, version: string): string {
  if (!home) return '';
  const sep = home.includes('\\') ? '\\' : '/';
  const safe = name.replace(/[^A-Za-z0-9._-]+/g, '-');
  return [home.replace(/[\\/]+$/, ''), 'exports', `${safe}-${version}`].join(sep);
}

/** Exports a version with its preprocessing, checks parity in onnxruntime, and reports what came out. */
export function ExportDialog({ version, onClose }: { version: ModelVersionDto; onClose: () => void }) {
  const home = useSystem((s) => s.info?.home);
  const [format, setFormat] = useState<Format>('onnx');
  const [outDir, setOutDir] = useState(() => suggestedDir(home, version.name, version.version));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  /** Files the export would replace, when it was refused for them: offered to replace. */
  const [conflict, setConflict] = useState<string[] | null>(null);
  const [result, setResult] = useState<ExportResultDto | null>(null);
  const tfjsOk = version.family === 'mlp';
  // The submit button is disabled while exporting, which drops focus: give it back to the dialog.
  const closeRef = useRef<HTMLButtonElement>(null);
  const dirRef = useRef<HTMLInputElement>(null);

  const submit = async (e: FormEvent | null, force = false) => {
    e?.preventDefault();
    if (!outDir.trim() || busy) return;
    setBusy(true);
    setError(null);
    setConflict(null);
    setResult(null);
    try {
      setResult(await api.invoke('models.export', { model: `${version.name}@${version.version}`, format, outDir: outDir.trim(), force }));
      setBusy(false);
      setTimeout(() => closeRef.current?.focus());
    } catch (err) {
      const files = err instanceof ApiCallError && err.code === 'conflict' ? (err.details as { files?: unknown } | undefined)?.files : undefined;
      if (Array.isArray(files)) setConflict(files.map((f) => String(f).replace(/^.*[\\/]/, '')));
      else setError((err as Error).message);
      setBusy(false);
      setTimeout(() => dirRef.current?.focus());
    }
  };

  return (
    <Dialog title={`Export ${version.name} ${v(version.version)}`} onClose={onClose} testId="export-dialog">
      <form className="registry-form" onSubmit={(e) => void submit(e)} noValidate>
        <div className="registry-grid">
          <label className="field">
            <span>Format</span>
            <select value={format} onChange={(e) => (setFormat(e.target.value as Format), setConflict(null))} data-testid="export-format">
              <option value="onnx">ONNX</option>
              <option value="tfjs" disabled={!tfjsOk}>
                TensorFlow.js{tfjsOk ? '' : ' (mlp models only)'}
              </option>
            </select>
          </label>
          <label className="field">
            <span>{browserMode ? 'Output folder (on the machine running Lathe)' : 'Output folder'}</span>
            <input ref={dirRef} value={outDir} onChange={(e) => (setOutDir(e.target.value), setConflict(null))} placeholder="/path/to/folder" spellCheck={false} data-autofocus data-testid="export-dir" />
          </label>
        </div>
        <p className="muted small-note">
          The model and its preprocessing go into one file, with a README of its inputs. Before it is written, its predictions are checked against
          Lathe’s own on the test rows, and its latency is measured.
        </p>
        <ErrorBanner error={error} onDismiss={() => setError(null)} />
        {conflict && (
          <div className="error-banner" role="alert" data-testid="export-conflict">
            <span>
              This folder already has {conflict.join(', ')}. Nothing was written. Replace {conflict.length > 1 ? 'them' : 'it'}, or choose another folder.
            </span>
            <button type="button" className="secondary" onClick={() => void submit(null, true)} data-testid="export-replace">
              Replace
            </button>
          </div>
        )}
        {busy && (
          <p className="muted" role="status">
            Exporting and checking parity… progress shows in the jobs tray.
          </p>
        )}
        {result && <ExportResult r={result} />}
        {result && browserMode && <ExportDownloads files={result.files} />}
        <div className="dialog-actions">
          <button ref={closeRef} type="button" className="secondary" onClick={onClose} data-testid="export-close">
            {result ? 'Close' : 'Cancel'}
          </button>
          <button type="submit" disabled={busy || !outDir.trim()} data-testid="export-submit">
            {busy ? 'Exporting…' : result ? 'Export again' : 'Export'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function ExportResult({ r }: { r: ExportResultDto }) {
  const p = r.parity;
  return (
    <div className={`export-result ${p.passed ? 'ok' : 'bad'}`} data-testid="export-result" aria-live="polite">
      <p className="export-verdict">
        <strong>{p.passed ? 'Exported; parity check passed.' : 'Exported, but the parity check failed.'}</strong>{' '}
        <span className="mono">{r.outDir}</span>
      </p>
      <dl className="facts export-facts">
        <dt>Parity</dt>
        <dd data-testid="export-parity">
          max relative error {p.maxRel.toExponential(2)} · max absolute {p.maxAbs.toExponential(2)} on {p.rows.toLocaleString()} rows
          {p.labelMismatches > 0 ? ` · ${p.labelMismatches} label mismatches` : ''}
        </dd>
        <dt>Latency</dt>
        <dd data-testid="export-latency">
          one row p50 {formatMicros(r.latency.singleP50Us)}, p99 {formatMicros(r.latency.singleP99Us)} · batch {Math.round(r.latency.batchRowsPerSec).toLocaleString()} rows/s
        </dd>
        <dt>Size</dt>
        <dd>{formatBytes(r.sizeBytes)}</dd>
        <dt>Files</dt>
        <dd className="mono" data-testid="export-files">
          {r.files.map((f) => f.replace(/^.*[\\/]/, '')).join(', ')}
        </dd>
      </dl>
    </div>
  );
}
