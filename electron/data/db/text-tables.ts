/** SQL the text features need: pages of a few columns, whether a column holds any text, derived datasets. */
import type { Database } from 'better-sqlite3';
import type { DerivedFromDto } from '../../../shared/api/text-dto';
import { colIdent, type Cell } from './dataset-tables';

const q = (ident: string) => `"${ident.replace(/"/g, '""')}"`;

/**
 * Some columns of rows offset+1 … offset+limit (rowids are 1..n: tables are only appended to).
 * A page at a time, not an iterator: the same connection may be writing a derived table meanwhile.
 */
export function readColumnPage(db: Database, table: string, positions: readonly number[], offset: number, limit: number): Cell[][] {
  const cols = positions.map(colIdent).join(', ');
  return db.prepare(`SELECT ${cols} FROM ${q(table)} WHERE rowid > ? AND rowid <= ? ORDER BY rowid`).raw().all(offset, offset + limit) as Cell[][];
}

/** Whether any row of a column holds more than blanks. */
export function hasNonBlank(db: Database, table: string, position: number): boolean {
  const c = colIdent(position);
  return db.prepare(`SELECT 1 FROM ${q(table)} WHERE ${c} IS NOT NULL AND trim(CAST(${c} AS TEXT)) != '' LIMIT 1`).get() !== undefined;
}

export interface DerivedRow {
  id: string;
  name: string;
  rows: number;
  createdAt: string;
  table: string;
}

/** The newest dataset of one kind made from a text column of a dataset, or null. */
export function latestDerived(db: Database, from: Omit<DerivedFromDto, 'datasetName'>): DerivedRow | null {
  const r = db
    .prepare(
      `SELECT id, name, row_count AS rows, created_at AS createdAt, table_name AS "table" FROM datasets
       WHERE json_extract(options_json, '$.derivedFrom.kind') = ? AND json_extract(options_json, '$.derivedFrom.datasetId') = ?
         AND json_extract(options_json, '$.derivedFrom.column') = ?
       ORDER BY created_at DESC, rowid DESC LIMIT 1`,
    )
    .get(from.kind, from.datasetId, from.column) as DerivedRow | undefined;
  return r ?? null;
}
