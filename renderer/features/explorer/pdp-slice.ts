import type { StateCreator } from 'zustand';
import type { PdpDto } from '../../../shared/api/methods/explorer';
import { api } from '../../api/client';
import type { ExplorerState } from './store';

export interface PdpSlice {
  /** The column the user picked; null follows the top contributor. */
  pdpColumn: string | null;
  /** Curves read for the open model, by column. */
  pdps: Record<string, PdpDto>;
  pdpLoading: string | null;
  pdpError: string | null;
  /** Draw the sampled rows' ICE curves under the mean (kept across models). */
  pdpIce: boolean;
  /** Centered ICE: every curve starts at zero. */
  pdpCentered: boolean;
  setPdpColumn(column: string | null): void;
  setPdpView(view: { ice?: boolean; centered?: boolean }): void;
  /** Reads the curve of a column unless it is known or on its way. */
  ensurePdp(column: string): void;
  resetPdp(): void;
}

export const createPdpSlice: StateCreator<ExplorerState, [], [], PdpSlice> = (set, get) => ({
  pdpColumn: null,
  pdps: {},
  pdpLoading: null,
  pdpError: null,
  pdpIce: true,
  pdpCentered: false,

  setPdpView: ({ ice, centered }) => set((s) => ({ pdpIce: ice ?? s.pdpIce, pdpCentered: centered ?? s.pdpCentered })),

  setPdpColumn: (pdpColumn) => set({ pdpColumn, pdpError: null }),

  ensurePdp(column) {
    const { ref, pdps, pdpLoading } = get();
    if (!ref || pdps[column] || pdpLoading === column) return;
    set({ pdpLoading: column, pdpError: null });
    api
      .invoke('explorer.pdp', { model: ref, column })
      .then((pdp) => {
        if (get().ref === ref) set((s) => ({ pdps: { ...s.pdps, [column]: pdp }, pdpLoading: s.pdpLoading === column ? null : s.pdpLoading }));
      })
      .catch((err: Error) => {
        if (get().ref === ref) set((s) => ({ pdpError: err.message, pdpLoading: s.pdpLoading === column ? null : s.pdpLoading }));
      });
  },

  resetPdp: () => set({ pdpColumn: null, pdps: {}, pdpLoading: null, pdpError: null }),
});
