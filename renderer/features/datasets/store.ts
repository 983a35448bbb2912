import { create } from 'zustand';
import type { DatasetSummaryDto } from '../../../shared/api/dto';
import { api } from '../../api/client';

interface DatasetsState {
  items: DatasetSummaryDto[];
  loaded: boolean;
  error: string | null;
  load(): Promise<void>;
}

export const useDatasets = create<DatasetsState>((set) => ({
  items: [],
  loaded: false,
  error: null,
  async load() {
    try {
      set({ items: await api.invoke('datasets.list', {}), loaded: true, error: null });
    } catch (err) {
      set({ error: (err as Error).message, loaded: true });
    }
  },
}));
