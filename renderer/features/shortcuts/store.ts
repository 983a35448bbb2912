import { create } from 'zustand';

const KEY = 'lathe.singleKeys';

interface ShortcutsState {
  /** Whether ? and G-then-letter work; kept in the browser's storage. */
  singleKeys: boolean;
  setSingleKeys(on: boolean): void;
}

function stored(): boolean {
  try {
    return globalThis.localStorage?.getItem(KEY) !== 'off';
  } catch {
    return true;
  }
}

export const useShortcuts = create<ShortcutsState>((set) => ({
  singleKeys: stored(),
  setSingleKeys(singleKeys) {
    try {
      globalThis.localStorage?.setItem(KEY, singleKeys ? 'on' : 'off');
    } catch {
      // Storage refused: the choice holds for this page only.
    }
    set({ singleKeys });
  },
}));
