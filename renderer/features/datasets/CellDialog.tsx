import { useRef, useState } from 'react';
import { Dialog } from '../../components/Dialog';

/**
 * Copies by selecting the text and the document's copy command, a user gesture that needs no
 * permission (the app grants none, so the async clipboard API is not used).
 */
function copyText(el: HTMLElement): boolean {
  const range = document.createRange();
  range.selectNodeContents(el);
  const sel = window.getSelection();
  sel?.removeAllRanges();
  sel?.addRange(range);
  try {
    return document.execCommand('copy');
  } catch {
    return false;
  }
}

/** A cell's full value, for text too long for its column, with a button to copy it. */
export function CellDialog({ column, row, value, onClose }: { column: string; row: number; value: string; onClose: () => void }) {
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const pre = useRef<HTMLPreElement>(null);
  const copy = () => setCopied(pre.current && copyText(pre.current) ? 'yes' : 'failed');
  return (
    <Dialog title={`${column}, row ${row.toLocaleString()}`} onClose={onClose} testId="cell-dialog">
      <pre className="cell-full" data-testid="cell-full" ref={pre}>
        {value}
      </pre>
      <div className="dialog-actions">
        <span className="muted" role="status">
          {value.length.toLocaleString()} characters{copied === 'yes' ? ' · copied' : copied === 'failed' ? ' · the clipboard refused; select the text instead' : ''}
        </span>
        <button type="button" className="secondary" onClick={onClose}>
          Close
        </button>
        <button type="button" onClick={copy} data-autofocus data-testid="cell-copy">
          Copy
        </button>
      </div>
    </Dialog>
  );
}
