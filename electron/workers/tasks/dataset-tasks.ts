import { openDatabase } from '../../data/db/open';
import { DatasetsRepo } from '../../data/db/repos/datasets-repo';
import { retypeColumn } from '../../data/db/dataset-tables';
import type { Task } from '../protocol';
import { importDataset } from '../import/import-task';
import { computeProfile } from '../profile/compute-profile';
import { convertFixed } from '../../data/import/infer';

export const importTask: Task<'datasets.import'> = (args, ctx) => importDataset(args, ctx);

export const profileTask: Task<'datasets.profile'> = async ({ datasetId }, ctx) => {
  const db = openDatabase(ctx.start.databasePath, { nativeBinding: ctx.start.nativeBinding });
  try {
    const repo = new DatasetsRepo(db);
    const { table } = repo.table(datasetId);
    const profile = computeProfile(db, datasetId, table, repo.columns(datasetId), (f) => ctx.progress(f, 'profiling'));
    repo.saveProfile(datasetId, profile);
    return { datasetId, rows: profile.rows };
  } finally {
    db.close();
  }
};

/** Re-types one column after import: every value is checked first; nothing changes unless all fit. */
export const setColumnTypeTask: Task<'datasets.setColumnType'> = async ({ datasetId, position, type }, ctx) => {
  const db = openDatabase(ctx.start.databasePath, { nativeBinding: ctx.start.nativeBinding });
  try {
    const repo = new DatasetsRepo(db);
    const { table, rows } = repo.table(datasetId);
    const cols = repo.columns(datasetId);
    const col = cols[position];
    const missing = retypeColumn(db, table, position, col.type, (text) => convertFixed(type, text), (done) => ctx.progress((0.6 * done) / Math.max(1, rows)), col.name, type);
    repo.setColumn(datasetId, position, type, missing);
    ctx.progress(0.6, 'profiling');
    const updated = repo.columns(datasetId);
    repo.saveProfile(datasetId, computeProfile(db, datasetId, table, updated, (f) => ctx.progress(0.6 + 0.4 * f, 'profiling')));
    return { datasetId, position, type, missing };
  } finally {
    db.close();
  }
};
