import { create } from 'zustand';
import { createListSlice, type ListSlice } from './list-slice';
import { createDetailSlice, type DetailSlice } from './detail-slice';
import { createFormSlice, type FormSlice } from './form-slice';

/**
 * The Experiments section's state: the runs list (with search and sort), the selected run's
 * detail, and the new-run form. Split into slices so each concern stays readable.
 */
export type ExperimentsState = ListSlice & DetailSlice & FormSlice;

export const useExperiments = create<ExperimentsState>()((...a) => ({
  ...createListSlice(...a),
  ...createDetailSlice(...a),
  ...createFormSlice(...a),
}));

export { connectRunEvents } from './events';
