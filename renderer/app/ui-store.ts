import { create } from 'zustand';

export type SectionId = 'datasets' | 'experiments' | 'compare' | 'models' | 'explorer';
export type Theme = 'light' | 'dark';

interface UiState {
  section: SectionId;
  theme: Theme;
  systemOpen: boolean;
  setSection(s: SectionId): void;
  setTheme(t: Theme): void;
  setSystemOpen(open: boolean): void;
}

const prefersDark = () => typeof window !== 'undefined' && window.matchMedia?.('(prefers-color-scheme: dark)').matches;

export const useUi = create<UiState>((set) => ({
  section: 'datasets',
  theme: prefersDark() ? 'dark' : 'light',
  systemOpen: false,
  setSection: (section) => set({ section }),
  setTheme: (theme) => set({ theme }),
  setSystemOpen: (systemOpen) => set({ systemOpen }),
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
