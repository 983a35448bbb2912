/**
 * Filtered and searched views of a dataset's table, computed here rather than on the host: the
 * first page of such a view scans the whole table (1.5M rows: seconds), which would stall every
 * other request. One read-only connection is kept, so the views it materialized serve later pages.
 */
import type { Database } from 'better-sqlite3';
import { openDatabase } from '../../data/db/open';
import { DatasetsRepo } from '../../data/db/repos/datasets-repo';
import { columnValues, queryRows, type RowView } from '../../data/db/table-query';
import type { ResultOf } from '../../../shared/api/contract';

let kept: { path: string; db: Database } | null = null;

function connection(databasePath: string, nativeBinding: string | undefined): Database {
  if (kept?.path !== databasePath) {
    kept?.db.close();
    kept = { path: databasePath, db: openDatabase(databasePath, { nativeBinding, readonly: true }) };
  }
  return kept.db;
}

export function tableRows(databasePath: string, nativeBinding: string | undefined, datasetId: string, view: RowView, offset: number, limit: number): ResultOf<'datasets.rows'> {
  const db = connection(databasePath, nativeBinding);
  const repo = new DatasetsRepo(db);
  return queryRows(db, repo.table(datasetId), repo.columns(datasetId), view, offset, limit);
}

export function tableColumnValues(databasePath: string, nativeBinding: string | undefined, datasetId: string, position: number, limit: number, search?: string): ResultOf<'datasets.columnValues'> {
  const db = connection(databasePath, nativeBinding);
  const repo = new DatasetsRepo(db);
  return columnValues(db, repo.table(datasetId).table, repo.columns(datasetId), position, limit, search);
}
