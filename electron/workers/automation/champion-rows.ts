/**
 * Which rows of a dataset a champion never trained on: the rows past the version it trained on (a source that
 * grows keeps its older rows first), and its own held-out rows when it was scored on a single held-out set of
 * the same dataset; k-fold champions trained their final model on every row. Once the source was re-imported
 * (a changed file becomes a new table), rows may also have moved: a row past that place that equals, in every
 * column, a row the champion trained on is seen too (each trained row matches once). A row edited in place
 * stays seen, so a refresh that rewrote old rows cannot make them the evidence a challenger is judged on.
 */
import type { Database } from 'better-sqlite3';
import { DatasetVersions } from '../../data/db/repos/dataset-versions';
import { loadFrame } from '../../data/load-frame';
import type { Frame } from '../../../models/frame/frame';
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
  const trained = versions.rows(datasetId, trainedVersion);
  const heldOut = !champion.testDatasetId && champion.split.kind !== 'kfold' && preds ? new Set(preds.rows) : new Set<number>();
  const byPlace = (i: number) => i < trained.rows && !heldOut.has(i);
  const note = `rows past the ${trained.rows.toLocaleString('en-US')} of version ${trainedVersion} the champion trained on` +
    (heldOut.size ? `, and the ${heldOut.size.toLocaleString('en-US')} rows it held out itself` : '');
  if (versions.rows(datasetId).table === trained.table) return { seen: byPlace, note };
  const moved = matchByContent(loadFrame(db, datasetId, trainedVersion).frame, heldOut, loadFrame(db, datasetId).frame);
  let count = 0;
  for (let i = trained.rows; i < moved.length; i++) count += moved[i];
  return {
    seen: (i) => byPlace(i) || moved[i] === 1,
    note: `${note}, less ${count.toLocaleString('en-US')} later rows equal in every column to one it trained on (the source was re-imported, so rows may have moved)`,
  };
}

/** Per current row, 1 when it equals a trained row not yet matched (the trained rows minus `skip`, by index). */
function matchByContent(trained: Frame, skip: Set<number>, current: Frame): Uint8Array {
  const names = trained.columns.map((c) => c.name);
  const trainedKey = rowKey(trained, names);
  const currentKey = rowKey(current, names);
  const left = new Map<string, number>();
  for (let i = 0; i < trained.rowCount; i++) {
    if (skip.has(i)) continue;
    const k = trainedKey(i);
    left.set(k, (left.get(k) ?? 0) + 1);
  }
  const out = new Uint8Array(current.rowCount);
  for (let i = 0; i < current.rowCount; i++) {
    const k = currentKey(i);
    const n = left.get(k);
    if (n) {
      out[i] = 1;
      left.set(k, n - 1);
    }
  }
  return out;
}

/** A row's values in the given column order, numbers and text told apart (JSON keeps "1" and 1 distinct). */
function rowKey(frame: Frame, names: string[]): (i: number) => string {
  const cols = names.map((name) => frame.columns.find((c) => c.name === name)?.values);
  return (i) => JSON.stringify(cols.map((values) => {
    const v = values?.[i];
    return typeof v === 'number' && Number.isNaN(v) ? null : v ?? null;
  }));
}
