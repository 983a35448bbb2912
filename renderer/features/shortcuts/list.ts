/** Every key the app answers to, for the shortcut list (`?`). Keep it in step with the handlers. */

export interface Shortcut {
  /** Keys pressed one after another; a chord is written with +, alternatives with /. */
  keys: string[];
  action: string;
  /** Where the keys work. */
  where: 'anywhere' | 'desktop app' | 'lists and tables' | 'dialogs and forms' | 'charts' | 'jobs tray';
}

export interface SectionKey {
  id: string;
  label: string;
  key: string;
}

/** G then the letter goes to the section (see keys.ts). */
export function sectionShortcuts(sections: readonly SectionKey[]): Shortcut[] {
  return [
    ...sections.map((s): Shortcut => ({ keys: ['G', s.key.toUpperCase()], action: `Go to ${s.label}`, where: 'anywhere' })),
    { keys: [`Ctrl/⌘+1 … ${sections.length}`], action: 'Go to a section by its place in the navigation', where: 'desktop app' },
  ];
}

export const SHORTCUTS: Shortcut[] = [
  { keys: ['?'], action: 'Show this list', where: 'anywhere' },
  { keys: ['Esc'], action: 'Close a dialog, the machine panel or this list', where: 'anywhere' },
  { keys: ['↑ / ↓'], action: 'Move through datasets, models and runs', where: 'lists and tables' },
  { keys: ['Home / End'], action: 'First or last item; in the data table, first or last row', where: 'lists and tables' },
  { keys: ['Enter / Space'], action: 'Open the dataset or model in focus', where: 'lists and tables' },
  { keys: ['Page Up / Page Down'], action: 'Scroll the data table by a screen', where: 'lists and tables' },
  { keys: ['← / →'], action: 'Next or previous tab', where: 'lists and tables' },
  { keys: ['Enter'], action: 'Start an import, a run or a forecast from its dialog', where: 'dialogs and forms' },
  { keys: ['Ctrl/⌘+Enter'], action: 'Save a run’s notes', where: 'dialogs and forms' },
  { keys: ['Esc'], action: 'Clear a search field before anything closes', where: 'dialogs and forms' },
  { keys: ['Ctrl+scroll'], action: 'Zoom a chart (scrolling alone scrolls the page); drag to pan', where: 'charts' },
  { keys: ['Esc'], action: 'Fold the tray and return to its header', where: 'jobs tray' },
];
