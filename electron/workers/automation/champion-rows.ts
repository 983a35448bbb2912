/**
 * Which rows of a dataset a champion never trained on: the rows past the version it trained on (a
 * file that grows keeps its older rows first), and its own held-out rows when it was scored on a
 * single held-out set of the same dataset. k-fold champions trained their final model on every row.
 */
import type { Database } from 'better-sqlite3';
import { DatasetVersions } from '../../data/db/repos/dataset-versions';
import type { RunDetailDto, RunPredictionsDto } from '../../../shared/api/runs-dto';

export interface ChampionRows {
  /** True when the champion trained on row i (0-based) of the dataset's current table. */
  seen(i: number): boolean;
  /** How the rows were told apart, for the plan run's record. */
  note: string;
}

export function championRows(db: Database, champion: RunDetailDto, preds: RunPredictionsDto | null, datasetId: string): ChampionRows {
  if (champion.datasetId !== datasetId) {
    return { seen: () => false, note: `the champion trained on another dataset (${champion.datasetId?.slice(0, 8) ?? 'deleted'}), so every row here counts as unseen by it` };
  }
  const versions = new DatasetVersions(db);
  const trainedVersion = champion.datasetVersion ?? 1;
  const trainedRows = versions.rows(datasetId, trainedVersion).rows;
  const heldOut = !champion.testDatasetId && champion.split.kind !== 'kfold' && preds ? new Set(preds.rows) : new Set<number>();
  const note = `rows past the ${trainedRows.toLocaleString('en-US')} of version ${trainedVersion} the champion trained on` + (heldOut.size ? `, and the ${heldOut.size.toLocaleString('en-US')} rows it held out itself` : '');
  return { seen: (i) => i < trainedRows && !heldOut.has(i), note };
}
