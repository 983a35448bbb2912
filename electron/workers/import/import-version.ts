import type { Database } from 'better-sqlite3';
import type { ColumnDto, ColumnType, ImportOptionsDto, ImportResultDto } from '../../../shared/api/datasets-dto';
import { ApiError } from '../../../shared/api/errors';
import { DatasetsRepo } from '../../data/db/repos/datasets-repo';
import { DatasetVersions } from '../../data/db/repos/dataset-versions';
import { displayName } from '../../data/display-name';

/** The existing dataset an import becomes the next version of. */
export interface VersionTarget {
  id: string;
  name: string;
  mode: 'append' | 'reimport';
  columns: ColumnDto[];
  /** The sha256 of the file the current rows were imported from. */
  sha256: string | null;
  version: number;
  rows: number;
}

export function loadTarget(db: Database, t: { id: string; mode: 'append' | 'reimport' }): VersionTarget {
  const d = new DatasetsRepo(db).get(t.id);
  return { id: d.id, name: d.name, mode: t.mode, columns: d.columnsDetail, sha256: d.sourceSha256, version: d.version, rows: d.rows };
}

/** The dataset's column types, fixed for the file: a value that does not fit is a bad row, named with its line. */
export function fixedTypes(t: VersionTarget): Record<string, ColumnType> {
  return Object.fromEntries(t.columns.map((c) => [c.name, c.type]));
}

/**
 * For each of the dataset's columns, the file's column of that name; throws on the first
 * mismatch: a dataset column the file lacks (in the dataset's order), then a file column the
 * dataset lacks (in the file's order).
 */
export function matchColumns(file: string, t: VersionTarget, names: string[]): number[] {
  const at = new Map(names.map((n, i) => [n, i]));
  const base = displayName(file);
  const missing = t.columns.find((c) => !at.has(c.name));
  if (missing) {
    throw new ApiError('bad_request', `${base} does not match dataset '${t.name}': missing column '${missing.name}' (${missing.type})`, { field: 'path', column: missing.name, mismatch: 'missing' });
  }
  const known = new Set(t.columns.map((c) => c.name));
  const extra = names.find((n) => !known.has(n));
  if (extra !== undefined) {
    throw new ApiError('bad_request', `${base} does not match dataset '${t.name}': extra column '${extra}'`, { field: 'path', column: extra, mismatch: 'extra' });
  }
  if (names.length !== t.columns.length) {
    throw new ApiError('bad_request', `${base} does not match dataset '${t.name}': ${names.length} columns, the dataset has ${t.columns.length}`, { field: 'path', mismatch: 'count' });
  }
  return t.columns.map((c) => at.get(c.name)!);
}

/** A re-import of the very file the current rows came from: nothing is written. */
export function unchanged(t: VersionTarget, sha256: string): ImportResultDto {
  return {
    id: t.id, name: t.name, rows: t.rows, columns: t.columns.map((c) => ({ name: c.name, type: c.type, missing: c.missing })),
    sha256, skippedRows: 0, version: t.version, appended: 0, unchanged: true,
  };
}

export interface WrittenFile {
  table: string;
  rows: number;
  sourceColumn: number[];
  columns: { name: string; type: ColumnType; missing: number }[];
  sha256: string;
  source: string | null;
  options: ImportOptionsDto;
  skippedRows: number;
}

/** Records the file written to its own table as the target's next version (appended, or replacing the rows). */
export function commitVersion(db: Database, file: string, t: VersionTarget, w: WrittenFile): ImportResultDto {
  // Types were fixed to the dataset's, so a difference here is a fault of the import, not of the file.
  t.columns.forEach((c, p) => {
    const got = w.columns[w.sourceColumn[p]];
    if (got.type !== c.type) {
      throw new ApiError('bad_request', `${displayName(file)} does not match dataset '${t.name}': column '${c.name}' is ${got.type}, the dataset's is ${c.type}`, { field: 'path', column: c.name, mismatch: 'type' });
    }
  });
  const versions = new DatasetVersions(db);
  const next = {
    datasetId: t.id, fromTable: w.table, rows: w.rows, sourceColumn: w.sourceColumn, missing: w.sourceColumn.map((i) => w.columns[i].missing),
    sha256: w.sha256, source: w.source, options: w.options,
  };
  const v = t.mode === 'append' ? versions.append(next) : versions.replace(next);
  const columns = new DatasetsRepo(db).columns(t.id).map((c) => ({ name: c.name, type: c.type, missing: c.missing }));
  return { id: t.id, name: t.name, rows: v.rows, columns, sha256: w.sha256, skippedRows: w.skippedRows, version: v.version, appended: v.appended };
}
