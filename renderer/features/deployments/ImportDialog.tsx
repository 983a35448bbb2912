import { useState, type FormEvent } from 'react';
import { Dialog } from '../../components/Dialog';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useDeployments } from './store';

/** Imports a serve-model --logs folder by its path on the machine that runs Lathe. */
export function ImportDialog({ onClose }: { onClose: () => void }) {
  const importLogs = useDeployments((s) => s.importLogs);
  const [dir, setDir] = useState('');
  const [name, setName] = useState('');
  const [model, setModel] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!dir.trim() || busy) return;
    setBusy(true);
    const r = await importLogs({ dir: dir.trim(), name: name.trim() || undefined, model: model.trim() || undefined });
    setBusy(false);
    if ('error' in r) setError(r.error);
    else onClose();
  };

  return (
    <Dialog title="Import deployment logs" onClose={onClose} testId="deploy-import-dialog">
      <form className="registry-form" onSubmit={(e) => void submit(e)} noValidate>
        <label className="field">
          <span>Log folder</span>
          <input value={dir} onChange={(e) => setDir(e.target.value)} placeholder="/path/to/serve-model --logs folder" data-autofocus data-testid="deploy-import-dir" />
        </label>
        <label className="field">
          <span>Name (optional)</span>
          <input value={name} onChange={(e) => setName(e.target.value)} maxLength={100} placeholder="the folder’s name" data-testid="deploy-import-name" />
        </label>
        <label className="field">
          <span>Registered model (optional)</span>
          <input value={model} onChange={(e) => setModel(e.target.value)} maxLength={100} placeholder="server rollbacks go into its alias history" data-testid="deploy-import-model" />
        </label>
        <ErrorBanner error={error} />
        <div className="dialog-actions">
          <button type="button" className="secondary" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" disabled={!dir.trim() || busy} data-testid="deploy-import-submit">
            {busy ? 'Importing…' : 'Import'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
