import type { StateCreator } from 'zustand';
import type { ThresholdCountsDto } from '../../../shared/api/methods/explorer';
import { api } from '../../api/client';
import type { ExplorerState } from './store';

export const DEFAULT_THRESHOLD = 0.5;

export interface ThresholdSlice {
  /** Binary models: the stored held-out predictions, binned (explorer.thresholds). */
  thresholdCounts: ThresholdCountsDto | null;
  thresholdError: string | null;
  /** Rows with P(positive class) ≥ this are called positive. */
  threshold: number;
  /** The class the threshold is about; null: the model's second class (the one it scores). */
  positiveClass: string | null;
  loadThresholds(): Promise<void>;
  setThreshold(t: number): void;
  setPositiveClass(c: string): void;
  resetThreshold(): void;
}

export const createThresholdSlice: StateCreator<ExplorerState, [], [], ThresholdSlice> = (set, get) => ({
  thresholdCounts: null,
  thresholdError: null,
  threshold: DEFAULT_THRESHOLD,
  positiveClass: null,

  async loadThresholds() {
    const { ref, schema } = get();
    if (!ref || schema?.task !== 'binary') return;
    try {
      const counts = await api.invoke('explorer.thresholds', { model: ref });
      if (get().ref === ref) set({ thresholdCounts: counts, thresholdError: null });
    } catch (err) {
      if (get().ref === ref) set({ thresholdError: (err as Error).message });
    }
  },

  setThreshold: (t) => set({ threshold: Math.min(1, Math.max(0, t)) }),
  setPositiveClass: (positiveClass) => set({ positiveClass }),
  resetThreshold: () => set({ thresholdCounts: null, thresholdError: null, threshold: DEFAULT_THRESHOLD, positiveClass: null }),
});

/** The positive class in effect: the chosen one, else the model's second class. */
export function positiveOf(classes: string[] | null, chosen: string | null): string | null {
  if (!classes || classes.length !== 2) return null;
  return chosen && classes.includes(chosen) ? chosen : classes[1];
}
