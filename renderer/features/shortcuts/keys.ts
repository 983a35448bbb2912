/**
 * The app-wide keys, as one pure handler (no DOM), so what each key does is tested without a
 * page. Browser mode must not take keys the browser owns (Ctrl+N/T/W/R, and Ctrl/Alt+digits,
 * which switch tabs in Chromium and Firefox): sections are reached with a two-key sequence,
 * G then a letter, as on many web apps; Ctrl/⌘+digit stays for the desktop app, which has no tabs.
 */

export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  /** Set when focus is in a text field, a select or an editable element: its keys are its own. */
  typing: boolean;
  /** Set while a modal dialog is open: it owns the keyboard. */
  modalOpen: boolean;
}

export type KeyAction = { kind: 'section'; id: string } | { kind: 'help' };

export interface KeyOptions {
  /** The sections in navigation order, each with the letter that follows G. */
  sections: readonly { id: string; key: string }[];
  /** The desktop app also switches sections with Ctrl/⌘ + 1..n. */
  desktop: boolean;
  /** Single-character shortcuts (?, G then a letter) may be turned off (WCAG 2.1.4). */
  singleKeys: () => boolean;
  now?: () => number;
}

/** How long G waits for its letter. */
export const SEQUENCE_MS = 1500;

/** Returns a handler that maps each key press to an action, or null when the key is not ours. */
export function createKeyHandler(o: KeyOptions): (e: KeyLike) => KeyAction | null {
  const now = o.now ?? (() => Date.now());
  let pendingSince: number | null = null;
  return (e) => {
    const modified = e.ctrlKey || e.metaKey || e.altKey;
    if (o.desktop && (e.ctrlKey || e.metaKey) && !e.altKey && /^[1-9]$/.test(e.key)) {
      const s = o.sections[Number(e.key) - 1];
      return s ? { kind: 'section', id: s.id } : null;
    }
    if (modified || e.typing || e.modalOpen || !o.singleKeys()) {
      pendingSince = null;
      return null;
    }
    const key = e.key.toLowerCase();
    if (pendingSince !== null && now() - pendingSince <= SEQUENCE_MS) {
      pendingSince = null;
      const s = o.sections.find((x) => x.key === key);
      return s ? { kind: 'section', id: s.id } : null;
    }
    pendingSince = null;
    if (e.key === '?') return { kind: 'help' };
    if (key === 'g') pendingSince = now();
    return null;
  };
}
