import type { Database } from 'better-sqlite3';
import type { Column, ColumnType as ModelColumnType, Frame } from '../../models/frame/frame';
import type { ColumnDto } from '../../shared/api/datasets-dto';
import { iterateRows, readRowsAt, type Cell } from './db/dataset-tables';
import { DatasetsRepo } from './db/repos/datasets-repo';
import { DatasetVersions } from './db/repos/dataset-versions';
import { parseDate, parseDatetime } from './values';

const numericTypes = new Set(['integer', 'float', 'boolean', 'date', 'datetime']);

function modelType(t: ColumnDto['type']): ModelColumnType {
  return t === 'datetime' ? 'date' : t;
}

/**
 * Loads a dataset from SQLite into the column frame the models train on (dates as epoch ms): its
 * current rows, or with `version` the rows of that version (what a run trained on; columns and
 * types are the same in every version).
 */
export function loadFrame(db: Database, datasetId: string, version?: number): { frame: Frame; columns: ColumnDto[]; sha256: string | null } {
  const repo = new DatasetsRepo(db);
  const detail = repo.get(datasetId);
  const { table, width, rows } = repo.table(datasetId);
  if (version !== undefined) {
    const v = new DatasetVersions(db).rows(datasetId, version);
    const frame = frameFromRows(detail.columnsDetail, iterateRows(db, v.table, width, v.lastRow), v.rows);
    return { frame, columns: detail.columnsDetail, sha256: detail.versions.find((d) => d.version === version)?.sha256 ?? null };
  }
  const frame = frameFromRows(detail.columnsDetail, iterateRows(db, table, width), rows);
  return { frame, columns: detail.columnsDetail, sha256: detail.sourceSha256 };
}

/**
 * Up to `maxRows` rows spread evenly over the dataset (every k-th row, in file order): a
 * cheap, deterministic picture of its distribution. Rowids are 1..n, so each pick is one
 * indexed lookup and a million-row table is not read in full.
 */
export function loadSample(db: Database, datasetId: string, maxRows: number): { frame: Frame; columns: ColumnDto[]; totalRows: number } {
  const repo = new DatasetsRepo(db);
  const detail = repo.get(datasetId);
  const { table, width, rows } = repo.table(datasetId);
  const take = Math.min(rows, Math.max(0, maxRows));
  const stride = take > 0 ? rows / take : 1;
  const picked = readRowsAt(db, table, width, Array.from({ length: take }, (_, k) => Math.floor(k * stride) + 1));
  return { frame: frameFromRows(detail.columnsDetail, picked, picked.length), columns: detail.columnsDetail, totalRows: rows };
}

function frameFromRows(cols: ColumnDto[], source: Iterable<Cell[]>, rows: number): Frame {
  const width = cols.length;
  const numeric = cols.map((c) => numericTypes.has(c.type));
  const store: (Float64Array | (string | null)[])[] = cols.map((c, i) => (numeric[i] ? new Float64Array(rows).fill(NaN) : new Array<string | null>(rows).fill(null)));
  let r = 0;
  for (const row of source) {
    for (let i = 0; i < width; i++) {
      const v = row[i];
      if (v === null) continue;
      const t = cols[i].type;
      if (t === 'date' || t === 'datetime') (store[i] as Float64Array)[r] = parseDate(String(v)) ?? parseDatetime(String(v)) ?? NaN;
      else if (numeric[i]) (store[i] as Float64Array)[r] = typeof v === 'number' ? v : Number(v);
      else (store[i] as (string | null)[])[r] = String(v);
    }
    r++;
  }
  const columns: Column[] = cols.map((c, i) => ({ name: c.name, type: modelType(c.type), values: store[i] }));
  return { columns, rowCount: rows };
}
