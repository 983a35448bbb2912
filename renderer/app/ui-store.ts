import { create } from 'zustand';

export type SectionId = 'datasets' | 'experiments' | 'compare' | 'sweeps' | 'models' | 'explorer' | 'text' | 'deployments' | 'monitor' | 'automation';
export type Theme = 'light' | 'dark';
/** The user's own choice for the navigation; null follows the window's width. */
export type NavChoice = 'expanded' | 'collapsed' | null;

interface UiState {
  section: SectionId;
  theme: Theme;
  systemOpen: boolean;
  shortcutsOpen: boolean;
  navChoice: NavChoice;
  setSection(s: SectionId): void;
  setTheme(t: Theme): void;
  setSystemOpen(open: boolean): void;
  setShortcutsOpen(open: boolean): void;
  setNavChoice(choice: NavChoice): void;
}

const NAV_KEY = 'lathe.nav';

const prefersDark = () => typeof window !== 'undefined' && window.matchMedia?.('(prefers-color-scheme: dark)').matches;

function storedNavChoice(): NavChoice {
  try {
    const v = globalThis.localStorage?.getItem(NAV_KEY);
    return v === 'expanded' || v === 'collapsed' ? v : null;
  } catch {
    return null;
  }
}

export const useUi = create<UiState>((set) => ({
  section: 'datasets',
  theme: prefersDark() ? 'dark' : 'light',
  systemOpen: false,
  shortcutsOpen: false,
  navChoice: storedNavChoice(),
  setSection: (section) => set({ section }),
  setTheme: (theme) => set({ theme }),
  setSystemOpen: (systemOpen) => set({ systemOpen }),
  setShortcutsOpen: (shortcutsOpen) => set({ shortcutsOpen }),
  setNavChoice: (navChoice) => {
    try {
      if (navChoice) globalThis.localStorage?.setItem(NAV_KEY, navChoice);
      else globalThis.localStorage?.removeItem(NAV_KEY);
    } catch {
      // Storage refused (private mode): the choice holds for this page only.
    }
    set({ navChoice });
  },
}));

/** Follows the OS theme as it changes. */
export function followSystemTheme(): () => void {
  const mq = window.matchMedia('(prefers-color-scheme: dark)');
  const apply = () => {
    const theme: Theme = mq.matches ? 'dark' : 'light';
    document.documentElement.dataset.theme = theme;
    useUi.getState().setTheme(theme);
  };
  apply();
  mq.addEventListener('change', apply);
  return () => mq.removeEventListener('change', apply);
}
