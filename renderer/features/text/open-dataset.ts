import { useUi } from '../../app/ui-store';
import { useDatasets } from '../datasets/store';

/** Shows a dataset in the Datasets section (a derived one may not be in its list yet). */
export async function openDataset(id: string): Promise<void> {
  const s = useDatasets.getState();
  await s.load();
  useDatasets.getState().select(id);
  useUi.getState().setSection('datasets');
}
