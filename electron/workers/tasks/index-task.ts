import { openDatabase } from '../../data/db/open';
import { DatasetsRepo } from '../../data/db/repos/datasets-repo';
import { buildColumnIndex, expectedIndexMs } from '../../data/db/column-index';
import type { Task } from '../protocol';

/**
 * Builds one column's index. SQLite says nothing from inside a CREATE INDEX, so the job reports
 * its start with the time the row count predicts, then its end; a cancel rolls the index back.
 */
export const indexTask: Task<'datasets.index'> = async ({ datasetId, position }, ctx) => {
  const db = openDatabase(ctx.start.databasePath, { nativeBinding: ctx.start.nativeBinding });
  try {
    const repo = new DatasetsRepo(db);
    const { table, rows } = repo.table(datasetId);
    const name = repo.columns(datasetId)[position]?.name ?? `column ${position + 1}`;
    const seconds = Math.max(1, Math.round(expectedIndexMs(rows) / 1000));
    ctx.progress(0, `Indexing ${name}: ${rows.toLocaleString('en-US')} rows, about ${seconds} s`);
    const t0 = Date.now();
    if (!buildColumnIndex(db, table, position, ctx.cancelled)) return null;
    return { datasetId, position, rows, ms: Date.now() - t0 };
  } finally {
    db.close();
  }
};
