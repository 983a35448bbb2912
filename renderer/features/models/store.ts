import { create } from 'zustand';
import type { ModelSummaryDto } from '../../../shared/api/dto';
import { api } from '../../api/client';

interface ModelsState {
  models: ModelSummaryDto[];
  loaded: boolean;
  error: string | null;
  load(): Promise<void>;
}

export const useModels = create<ModelsState>((set) => ({
  models: [],
  loaded: false,
  error: null,
  async load() {
    try {
      set({ models: await api.invoke('models.list', {}), loaded: true, error: null });
    } catch (err) {
      set({ error: (err as Error).message, loaded: true });
    }
  },
}));
