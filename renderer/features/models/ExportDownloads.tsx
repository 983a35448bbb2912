import { useState } from 'react';
import { baseName, downloadExportedFile } from './export-download';

/**
 * Browser mode: the bundle was written on the machine that runs Lathe, which may not be the
 * user's; each of its files is offered as a download, or all of them one after another.
 */
export function ExportDownloads({ files }: { files: string[] }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const fetchAll = async (list: string[]) => {
    setBusy(true);
    setError(null);
    try {
      for (const f of list) await downloadExportedFile(f);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="export-downloads" data-testid="export-downloads">
      <div className="export-downloads-head">
        <span>Download the bundle to this computer:</span>
        <button type="button" className="small" disabled={busy} onClick={() => void fetchAll(files)} data-testid="export-download-all">
          All {files.length} files
        </button>
      </div>
      <ul>
        {files.map((f) => (
          <li key={f}>
            <button type="button" className="link inline-link" disabled={busy} onClick={() => void fetchAll([f])} data-testid={`export-download-${baseName(f)}`}>
              {baseName(f)}
            </button>
          </li>
        ))}
      </ul>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
