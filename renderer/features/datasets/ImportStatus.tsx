import { useDatasets } from './store';
import { ProgressBar } from '../../components/ProgressBar';
import { formatPercent } from '../../components/format';

/** Upload progress (browser mode) and, when an import fails, why, with a way back to its options. */
export function ImportStatus() {
  const upload = useDatasets((s) => s.upload);
  const importError = useDatasets((s) => s.importError);
  const canReopen = useDatasets((s) => s.lastImport !== null);
  const reopen = useDatasets((s) => s.reopenImport);
  const dismiss = useDatasets((s) => s.dismissImportError);

  return (
    <>
      {upload && (
        <div className="upload-status" role="status" data-testid="upload-status">
          <span>
            Uploading {upload.label} · {formatPercent(upload.fraction)}
          </span>
          <ProgressBar value={upload.fraction} label={`Uploading ${upload.label}`} />
        </div>
      )}
      {importError && (
        <div className="error-banner" role="alert" data-testid="import-error">
          <span>
            <strong>Import failed.</strong> {importError}
          </span>
          <span className="banner-actions">
            {canReopen && (
              <button type="button" className="small" onClick={reopen} data-testid="import-retry">
                Change options and retry…
              </button>
            )}
            <button type="button" className="link" onClick={dismiss} aria-label="Dismiss error">
              ✕
            </button>
          </span>
        </div>
      )}
    </>
  );
}
