/** The dataset a text job reads, opened and checked in the worker. */
import type { Database } from 'better-sqlite3';
import type { ColumnDto, DatasetDetailDto } from '../../../shared/api/datasets-dto';
import { openDatabase } from '../../data/db/open';
import { DatasetsRepo } from '../../data/db/repos/datasets-repo';
import { readColumnPage } from '../../data/db/text-tables';
import type { Cell } from '../../data/db/dataset-tables';
import { requireSomeText, textColumn, textOf } from '../../data/text/text-columns';
import type { TaskContext } from '../protocol';

/** Rows read per page. */
export const PAGE_ROWS = 2000;

export interface TextSource {
  db: Database;
  detail: DatasetDetailDto;
  table: string;
  text: ColumnDto;
}

export function openTextSource(ctx: TaskContext, datasetId: string, text: string): TextSource {
  const db = openDatabase(ctx.start.databasePath, { nativeBinding: ctx.start.nativeBinding });
  try {
    const repo = new DatasetsRepo(db);
    const detail = repo.get(datasetId);
    const { table } = repo.table(datasetId);
    const col = textColumn(detail, text);
    requireSomeText(db, detail, table, col);
    return { db, detail, table, text: col };
  } catch (err) {
    db.close();
    throw err;
  }
}

/**
 * Calls `each` with pages of the given columns in row order; stops (returning false) once cancel
 * was asked. `done` is the fraction of rows read.
 */
export function forEachPage(src: TextSource, positions: readonly number[], ctx: TaskContext, each: (rows: Cell[][], offset: number, done: number) => void): boolean {
  const total = src.detail.rows;
  for (let offset = 0; offset < total; offset += PAGE_ROWS) {
    if (ctx.cancelled()) return false;
    const rows = readColumnPage(src.db, src.table, positions, offset, PAGE_ROWS);
    each(rows, offset, Math.min(1, (offset + rows.length) / Math.max(1, total)));
  }
  return !ctx.cancelled();
}

/** Every text of the column (null where missing or blank), in row order; null when cancelled. */
export function readTexts(src: TextSource, ctx: TaskContext, share: number, message: string): (string | null)[] | null {
  const texts: (string | null)[] = [];
  const ok = forEachPage(src, [src.text.position], ctx, (rows, _o, done) => {
    for (const r of rows) texts.push(textOf(r[0]));
    ctx.progress(share * done, message);
  });
  return ok ? texts : null;
}
