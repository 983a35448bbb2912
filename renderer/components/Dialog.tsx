import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode } from 'react';

interface Props {
  title: string;
  onClose: () => void;
  children: ReactNode;
  testId?: string;
  /** Narrower box for confirmations. */
  small?: boolean;
}

const FOCUSABLE = 'button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea, [tabindex]:not([tabindex="-1"])';

/**
 * A modal dialog: focuses its first control, keeps Tab inside, closes on Escape or a click
 * outside, and gives focus back to whatever had it before.
 */
export function Dialog({ title, onClose, children, testId, small }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const titleId = useId();
  const closeRef = useRef(onClose);
  closeRef.current = onClose;

  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    // A marked control first, else the first control after the close button.
    const marked = box.current?.querySelector<HTMLElement>('[data-autofocus]');
    const first = [...(box.current?.querySelectorAll<HTMLElement>(FOCUSABLE) ?? [])].find((n) => !n.dataset.close);
    (marked ?? first ?? box.current)?.focus();
    return () => before?.focus?.();
  }, []);

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      closeRef.current();
      return;
    }
    if (e.key !== 'Tab' || !box.current) return;
    const items = [...box.current.querySelectorAll<HTMLElement>(FOCUSABLE)];
    if (items.length === 0) return;
    const [first, last] = [items[0], items[items.length - 1]];
    if (e.shiftKey && document.activeElement === first) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  };

  return (
    <div className="overlay" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div
        ref={box}
        className={`dialog${small ? ' dialog-small' : ''}`}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        tabIndex={-1}
        onKeyDown={onKeyDown}
        data-testid={testId}
      >
        <header className="page-head">
          <h2 id={titleId}>{title}</h2>
          <button type="button" className="link" onClick={onClose} aria-label="Close" data-close="true">
            ✕
          </button>
        </header>
        {children}
      </div>
    </div>
  );
}
