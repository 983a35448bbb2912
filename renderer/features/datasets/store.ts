import { create } from 'zustand';
import { createListSlice, type ListSlice } from './list-slice';
import { createRowsSlice, type RowsSlice } from './rows-slice';
import { createProfileSlice, type ProfileSlice } from './profile-slice';
import { createImportSlice, type ImportSlice } from './import-slice';
import { onJobSettled } from './events';
import type { JobDto } from '../../../shared/api/dto';

/**
 * The Datasets section's state: the list, the selected dataset's detail, its rows (cached by
 * page), its profile and the import flow. Split into slices so each concern stays readable.
 */
export type DatasetsState = ListSlice & RowsSlice & ProfileSlice & ImportSlice & { onJobSettled(job: JobDto): void };

export const useDatasets = create<DatasetsState>()((...a) => ({
  ...createListSlice(...a),
  ...createRowsSlice(...a),
  ...createProfileSlice(...a),
  ...createImportSlice(...a),
  onJobSettled: (job) => onJobSettled(job),
}));

export { connectDatasetEvents } from './events';
