/** Pages of a model's dataset rows for the what-if form's "Pick a row", with a plain-text search. */
import type { Database } from 'better-sqlite3';
import { openDatabase } from '../../data/db/open';
import { DatasetsRepo } from '../../data/db/repos/datasets-repo';
import { cellText, iterateColumns, readRows, readRowsAt, type Cell } from '../../data/db/dataset-tables';
import { parseDate, parseDatetime } from '../../data/values';
import { ApiError } from '../../../shared/api/errors';
import type { ColumnDto } from '../../../shared/api/datasets-dto';
import type { ExplorerRowDto, ExplorerRowsDto, ExplorerValue } from '../../../shared/api/methods/explorer';
import type { ExplorerModel } from './explorer-model';
import { inputKind } from './schema';

/** The last search's matching row numbers, so paging through its results reads no more than the page. */
let lastSearch: { key: string; rows: number[] } | null = null;

export function datasetRows(databasePath: string, nativeBinding: string | undefined, m: ExplorerModel, offset: number, limit: number, search?: string): ExplorerRowsDto {
  const db = openDatabase(databasePath, { nativeBinding, readonly: true });
  try {
    const repo = new DatasetsRepo(db);
    const columns = repo.columns(m.datasetId);
    const { table, width, rows: total } = repo.table(m.datasetId);
    const wanted = [...m.artifact.features, m.artifact.target];
    const position = new Map(columns.map((c, i) => [c.name, i]));
    const missing = wanted.filter((n) => !position.has(n));
    if (missing.length) throw new ApiError('conflict', `The dataset no longer has the model's columns: ${missing.join(', ')}`, { field: 'model' });
    const query = search?.trim().toLowerCase() ?? '';
    const toDto = (cells: Cell[], row: number) => rowDto(m, columns, position, cells, row);
    if (!query) {
      const cells = offset >= total ? [] : readRows(db, table, width, offset, limit);
      return { total, offset, rows: cells.map((c, i) => toDto(c, offset + i + 1)), search: null };
    }
    const matches = matchingRows(db, m, table, wanted.map((n) => position.get(n)!), wanted.map((n) => columns[position.get(n)!].type), query);
    const picked = matches.slice(offset, offset + limit);
    const cells = readRowsAt(db, table, width, picked);
    return { total: matches.length, offset, rows: cells.map((c, i) => toDto(c, picked[i])), search: search!.trim() };
  } finally {
    db.close();
  }
}

/** Row numbers (1-based, file order) where any of the model's columns contains the query, as the data table shows it. */
function matchingRows(db: Database, m: ExplorerModel, table: string, positions: number[], types: string[], query: string): number[] {
  const key = `${m.runId}\u0000${m.datasetId}\u0000${query}`;
  if (lastSearch?.key === key) return lastSearch.rows;
  const rows: number[] = [];
  let r = 0;
  for (const cells of iterateColumns(db, table, positions)) {
    r++;
    for (let i = 0; i < cells.length; i++) {
      const text = cellText(cells[i], types[i]);
      if (text !== null && text.toLowerCase().includes(query)) {
        rows.push(r);
        break;
      }
    }
  }
  lastSearch = { key, rows };
  return rows;
}

function rowDto(m: ExplorerModel, columns: ColumnDto[], position: Map<string, number>, cells: Cell[], row: number): ExplorerRowDto {
  const values: Record<string, ExplorerValue> = {};
  for (const name of m.artifact.features) {
    const i = position.get(name)!;
    values[name] = formValue(cells[i], columns[i].type);
  }
  const t = cells[position.get(m.artifact.target)!];
  const actual = t === null ? null : m.artifact.task === 'regression' ? (typeof t === 'number' ? t : Number(t)) : String(t);
  return { row, values, actual };
}

/** A stored cell as the what-if form takes it: numbers, dates as epoch ms, booleans as 'true'/'false', the rest as text. */
export function formValue(v: Cell, type: ColumnDto['type']): ExplorerValue {
  if (v === null) return null;
  switch (inputKind(type)) {
    case 'numeric':
      return typeof v === 'number' ? v : Number(v);
    case 'boolean':
      return cellText(v, 'boolean');
    case 'date':
      return parseDate(String(v)) ?? parseDatetime(String(v)) ?? null;
    default:
      return String(v);
  }
}
