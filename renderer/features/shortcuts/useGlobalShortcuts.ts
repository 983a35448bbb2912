import { useEffect } from 'react';
import { createKeyHandler, type KeyAction } from './keys';
import { useShortcuts } from './store';

/** Elements whose keys belong to them: text entry, selects, editable content. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) return !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file'].includes(target.type);
  return false;
}

/** Listens for the app-wide keys on the window while mounted. */
export function useGlobalShortcuts(sections: readonly { id: string; key: string }[], desktop: boolean, onAction: (a: KeyAction) => void) {
  useEffect(() => {
    const handle = createKeyHandler({ sections, desktop, singleKeys: () => useShortcuts.getState().singleKeys });
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.repeat) return;
      const action = handle({
        key: e.key,
        ctrlKey: e.ctrlKey,
        metaKey: e.metaKey,
        altKey: e.altKey,
        typing: isTyping(e.target),
        modalOpen: document.querySelector('[aria-modal="true"]') !== null,
      });
      if (!action) return;
      e.preventDefault();
      onAction(action);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [sections, desktop, onAction]);
}
