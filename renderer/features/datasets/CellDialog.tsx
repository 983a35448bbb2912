import { useState } from 'react';
import { Dialog } from '../../components/Dialog';

/** A cell's full value, for text too long for its column, with a button to copy it. */
export function CellDialog({ column, row, value, onClose }: { column: string; row: number; value: string; onClose: () => void }) {
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const copy = () =>
    navigator.clipboard
      .writeText(value)
      .then(() => setCopied('yes'))
      .catch(() => setCopied('failed'));
  return (
    <Dialog title={`${column}, row ${row.toLocaleString()}`} onClose={onClose} testId="cell-dialog">
      <pre className="cell-full" data-testid="cell-full">
        {value}
      </pre>
      <div className="dialog-actions">
        <span className="muted" role="status">
          {value.length.toLocaleString()} characters{copied === 'yes' ? ' · copied' : copied === 'failed' ? ' · the clipboard refused; select the text instead' : ''}
        </span>
        <button type="button" className="secondary" onClick={onClose}>
          Close
        </button>
        <button type="button" onClick={() => void copy()} data-autofocus data-testid="cell-copy">
          Copy
        </button>
      </div>
    </Dialog>
  );
}
