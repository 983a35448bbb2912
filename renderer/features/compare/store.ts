import { create } from 'zustand';

/** Which runs the user has picked to compare (kept while moving between sections). */
interface CompareState {
  selected: Set<string>;
  toggle(id: string): void;
  clear(): void;
}

export const useCompare = create<CompareState>((set) => ({
  selected: new Set(),
  toggle: (id) =>
    set((s) => {
      const next = new Set(s.selected);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return { selected: next };
    }),
  clear: () => set({ selected: new Set() }),
}));
