import { create } from 'zustand';

/** The model the user explores; predictions arrive with the inference service. */
interface ExplorerState {
  modelName: string | null;
  setModel(name: string | null): void;
}

export const useExplorer = create<ExplorerState>((set) => ({
  modelName: null,
  setModel: (modelName) => set({ modelName }),
}));
