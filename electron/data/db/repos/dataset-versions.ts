import type { Database } from 'better-sqlite3';
import type { DatasetVersionDto, ImportOptionsDto } from '../../../../shared/api/datasets-dto';
import { ApiError } from '../../../../shared/api/errors';
import { colIdent, dropTable } from '../dataset-tables';

const q = (ident: string) => `"${ident.replace(/"/g, '""')}"`;

interface VersionRow {
  version: number;
  kind: DatasetVersionDto['kind'];
  table_name: string;
  first_row: number;
  last_row: number;
  rows: number;
  appended: number;
  sha256: string | null;
  source_path: string | null;
  created_at: string;
}

/** Where a version's rows are: its table, read up to `lastRow` (the rows appended later are not its own). */
export interface VersionRows {
  version: number;
  table: string;
  lastRow: number;
  rows: number;
}

/** What a new version of a dataset adds: rows written to `fromTable` by an import, columns matched by the caller. */
export interface NewVersion {
  datasetId: string;
  fromTable: string;
  rows: number;
  /** For each dataset column (by position), the column of `fromTable` that holds it. */
  sourceColumn: number[];
  /** Missing values per dataset column among the new rows. */
  missing: number[];
  sha256: string;
  source: string | null;
  options: ImportOptionsDto;
}

/** All SQL about dataset versions. */
export class DatasetVersions {
  constructor(private readonly db: Database) {}

  list(datasetId: string): DatasetVersionDto[] {
    const rows = this.db.prepare('SELECT * FROM dataset_versions WHERE dataset_id = ? ORDER BY version').all(datasetId) as VersionRow[];
    return rows.map((r) => ({
      version: r.version, kind: r.kind, rows: r.rows, appended: r.appended, firstRow: r.first_row, lastRow: r.last_row,
      sha256: r.sha256, createdAt: r.created_at, source: r.source_path,
    }));
  }

  current(datasetId: string): number {
    const r = this.db.prepare('SELECT MAX(version) AS v FROM dataset_versions WHERE dataset_id = ?').get(datasetId) as { v: number | null };
    return r.v ?? 1;
  }

  /** A version's rows; `version` absent: the current one. */
  rows(datasetId: string, version?: number): VersionRows {
    const v = version ?? this.current(datasetId);
    const r = this.db.prepare('SELECT * FROM dataset_versions WHERE dataset_id = ? AND version = ?').get(datasetId, v) as VersionRow | undefined;
    if (!r) throw new ApiError('not_found', `Dataset ${datasetId} has no version ${v}`, { field: 'version' });
    return { version: r.version, table: r.table_name, lastRow: r.last_row, rows: r.rows };
  }

  /** Version 1 of a dataset just registered (inside its transaction). */
  first(d: { id: string; table: string; rows: number; sha256: string | null; sourcePath: string | null }, createdAt: string): void {
    this.insert(d.id, 1, 'import', d.table, 1, d.rows, d.rows, d.rows, d.sha256, d.sourcePath, createdAt);
  }

  /**
   * Appends the rows of `fromTable` to the dataset's table and records the next version, in one
   * transaction: a failure leaves the dataset as it was. The new rows get the next rowids, so the
   * version is the row range first..last. `fromTable` is dropped with the same commit.
   */
  append(n: NewVersion): { version: number; rows: number; appended: number } {
    return this.db.transaction(() => {
      const ds = this.dataset(n.datasetId);
      const prev = this.rows(n.datasetId);
      if (prev.table !== ds.table_name) throw new Error(`dataset ${n.datasetId}: current version's table is not the dataset's`);
      const target = n.sourceColumn.map((_, p) => colIdent(p)).join(', ');
      const source = n.sourceColumn.map((c) => colIdent(c)).join(', ');
      const before = this.maxRowid(ds.table_name);
      this.db.exec(`INSERT INTO ${q(ds.table_name)} (${target}) SELECT ${source} FROM ${q(n.fromTable)} ORDER BY rowid`);
      const last = this.maxRowid(ds.table_name);
      if (last - before !== n.rows) throw new Error(`appended ${last - before} rows, expected ${n.rows}`);
      const rows = ds.row_count + n.rows;
      const version = prev.version + 1;
      this.insert(n.datasetId, version, 'append', ds.table_name, before + 1, last, rows, n.rows, n.sha256, n.source, new Date().toISOString());
      // The profile described the rows before: it is computed again when next asked for.
      this.db.prepare('UPDATE datasets SET row_count = ?, profile_json = NULL WHERE id = ?').run(rows, n.datasetId);
      const miss = this.db.prepare('UPDATE dataset_columns SET missing = missing + ? WHERE dataset_id = ? AND position = ?');
      n.missing.forEach((m, p) => miss.run(m, n.datasetId, p));
      dropTable(this.db, n.fromTable);
      return { version, rows, appended: n.rows };
    }).immediate();
  }

  /**
   * Makes `fromTable` the dataset's rows as its next version. The previous version's table is
   * kept: runs that trained on it can still read exactly those rows.
   */
  replace(n: NewVersion): { version: number; rows: number; appended: number } {
    return this.db.transaction(() => {
      this.dataset(n.datasetId);
      if (n.sourceColumn.some((c, p) => c !== p)) {
        // The table is used as it is, so its columns must already be in the dataset's order.
        const cols = n.sourceColumn.map((c) => colIdent(c)).join(', ');
        const ordered = `${n.fromTable}_v`;
        this.db.exec(`CREATE TABLE ${q(ordered)} AS SELECT ${cols} FROM ${q(n.fromTable)} ORDER BY rowid`);
        dropTable(this.db, n.fromTable);
        this.db.exec(`ALTER TABLE ${q(ordered)} RENAME TO ${q(n.fromTable)}`);
      }
      const version = this.current(n.datasetId) + 1;
      const now = new Date().toISOString();
      this.insert(n.datasetId, version, 'reimport', n.fromTable, 1, n.rows, n.rows, n.rows, n.sha256, n.source, now);
      this.db
        .prepare('UPDATE datasets SET table_name = ?, row_count = ?, source_sha256 = ?, source_path = ?, options_json = ?, profile_json = NULL WHERE id = ?')
        .run(n.fromTable, n.rows, n.sha256, n.source, JSON.stringify(n.options), n.datasetId);
      const miss = this.db.prepare('UPDATE dataset_columns SET missing = ? WHERE dataset_id = ? AND position = ?');
      n.missing.forEach((m, p) => miss.run(m, n.datasetId, p));
      return { version, rows: n.rows, appended: n.rows };
    }).immediate();
  }

  /** Every table a dataset's versions read (the current one included). */
  tables(datasetId: string): string[] {
    return (this.db.prepare('SELECT DISTINCT table_name FROM dataset_versions WHERE dataset_id = ?').all(datasetId) as { table_name: string }[]).map((r) => r.table_name);
  }

  private dataset(id: string): { table_name: string; row_count: number } {
    const r = this.db.prepare('SELECT table_name, row_count FROM datasets WHERE id = ?').get(id) as { table_name: string; row_count: number } | undefined;
    if (!r) throw new ApiError('not_found', `No dataset with id '${id}'`, { field: 'appendTo' });
    return r;
  }

  private maxRowid(table: string): number {
    return (this.db.prepare(`SELECT COALESCE(MAX(rowid), 0) AS m FROM ${q(table)}`).get() as { m: number }).m;
  }

  private insert(id: string, version: number, kind: string, table: string, first: number, last: number, rows: number, appended: number, sha256: string | null, source: string | null, at: string): void {
    this.db
      .prepare(
        `INSERT INTO dataset_versions (dataset_id, version, kind, table_name, first_row, last_row, rows, appended, sha256, source_path, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(id, version, kind, table, first, last, rows, appended, sha256, source, at);
  }
}
