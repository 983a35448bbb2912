import { create } from 'zustand';
import type { RunSummaryDto } from '../../../shared/api/dto';
import { api } from '../../api/client';

interface ExperimentsState {
  runs: RunSummaryDto[];
  loaded: boolean;
  error: string | null;
  load(): Promise<void>;
}

export const useExperiments = create<ExperimentsState>((set) => ({
  runs: [],
  loaded: false,
  error: null,
  async load() {
    try {
      set({ runs: await api.invoke('runs.list', {}), loaded: true, error: null });
    } catch (err) {
      set({ error: (err as Error).message, loaded: true });
    }
  },
}));
