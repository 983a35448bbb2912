import { useState, type ReactNode } from 'react';
import { Dialog } from './Dialog';
import { ErrorBanner } from './ErrorBanner';

interface Props {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  /** Resolves to null on success (the dialog closes), or a message to show in the dialog. */
  onConfirm: () => Promise<string | null>;
  onClose: () => void;
  danger?: boolean;
  confirmTestId?: string;
}

/** Asks before doing something that cannot be undone; shows the host's refusal in place. */
export function ConfirmDialog({ title, children, confirmLabel, onConfirm, onClose, danger, confirmTestId }: Props) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const confirm = async () => {
    setBusy(true);
    const why = await onConfirm();
    setBusy(false);
    if (why) setError(why);
    else onClose();
  };

  return (
    <Dialog title={title} onClose={onClose} small>
      <div className="dialog-body">{children}</div>
      <ErrorBanner error={error} />
      <div className="dialog-actions">
        <button type="button" className="secondary" onClick={onClose}>
          Cancel
        </button>
        <button
          type="button"
          className={danger ? 'danger' : undefined}
          onClick={() => void confirm()}
          disabled={busy || error !== null}
          data-testid={confirmTestId}
        >
          {busy ? 'Working…' : confirmLabel}
        </button>
      </div>
    </Dialog>
  );
}
