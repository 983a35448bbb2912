import type { Database } from 'better-sqlite3';
import type { ColumnDto, ColumnType, DatasetDetailDto, ImportOptionsDto, ProfileDto } from '../../../../shared/api/datasets-dto';
import { ApiError } from '../../../../shared/api/errors';
import { dropTable, orphanTables, readRows, type Cell } from '../dataset-tables';
import { DatasetVersions } from './dataset-versions';

interface DatasetRow {
  id: string;
  name: string;
  source_path: string | null;
  source_sha256: string | null;
  format: string;
  row_count: number;
  table_name: string;
  options_json: string;
  profile_json: string | null;
  created_at: string;
}

export interface NewDataset {
  id: string;
  name: string;
  sourcePath: string | null;
  sha256: string;
  format: string;
  rows: number;
  table: string;
  options: ImportOptionsDto;
  columns: { name: string; type: ColumnType; missing: number }[];
}

/** All SQL about datasets and their columns. */
export class DatasetsRepo {
  constructor(private readonly db: Database) {}

  /** Registers a fully written table as a dataset, in one transaction. Returns the final (unique) name. */
  register(d: NewDataset): string {
    return this.db.transaction(() => {
      const name = this.uniqueName(d.name);
      const createdAt = new Date().toISOString();
      this.db
        .prepare(
          `INSERT INTO datasets (id, name, source_path, source_sha256, format, row_count, table_name, options_json, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(d.id, name, d.sourcePath, d.sha256, d.format, d.rows, d.table, JSON.stringify(d.options), createdAt);
      new DatasetVersions(this.db).first(d, createdAt);
      const col = this.db.prepare('INSERT INTO dataset_columns (dataset_id, position, name, type, missing) VALUES (?, ?, ?, ?, ?)');
      d.columns.forEach((c, i) => col.run(d.id, i, c.name, c.type, c.missing));
      return name;
    }).immediate();
  }

  uniqueName(wanted: string): string {
    const taken = new Set((this.db.prepare('SELECT name FROM datasets').all() as { name: string }[]).map((r) => r.name));
    if (!taken.has(wanted)) return wanted;
    for (let i = 2; ; i++) if (!taken.has(`${wanted} (${i})`)) return `${wanted} (${i})`;
  }

  private row(id: string): DatasetRow {
    const r = this.db.prepare('SELECT * FROM datasets WHERE id = ?').get(id) as DatasetRow | undefined;
    if (!r) throw new ApiError('not_found', `No dataset with id '${id}'`, { field: 'id' });
    return r;
  }

  /**
   * Finds by exact id or by exact name (the CLI takes names); an id wins over another dataset's
   * name. No patterns: the text is compared as it is.
   */
  resolve(idOrName: string, field = 'id'): string {
    const r = (this.db.prepare('SELECT id FROM datasets WHERE id = ?').get(idOrName) ??
      this.db.prepare('SELECT id FROM datasets WHERE name = ?').get(idOrName)) as { id: string } | undefined;
    if (!r) throw new ApiError('not_found', `No dataset named or with id '${idOrName}'`, { field });
    return r.id;
  }

  columns(id: string): ColumnDto[] {
    return this.db
      .prepare('SELECT position, name, type, missing FROM dataset_columns WHERE dataset_id = ? ORDER BY position')
      .all(id) as ColumnDto[];
  }

  get(id: string): DatasetDetailDto {
    const r = this.row(id);
    const columnsDetail = this.columns(id);
    const versions = new DatasetVersions(this.db).list(id);
    return {
      id: r.id,
      name: r.name,
      rows: r.row_count,
      columns: columnsDetail.length,
      format: r.format,
      sourceSha256: r.source_sha256,
      createdAt: r.created_at,
      sourcePath: r.source_path,
      columnsDetail,
      options: JSON.parse(r.options_json) as ImportOptionsDto,
      version: versions.length ? versions[versions.length - 1].version : 1,
      versions,
    };
  }

  table(id: string): { table: string; width: number; rows: number } {
    const r = this.row(id);
    return { table: r.table_name, width: this.columns(id).length, rows: r.row_count };
  }

  rows(id: string, offset: number, limit: number): { total: number; offset: number; rows: Cell[][] } {
    const t = this.table(id);
    return { total: t.rows, offset, rows: offset >= t.rows ? [] : readRows(this.db, t.table, t.width, offset, limit) };
  }

  profile(id: string): ProfileDto | null {
    const r = this.row(id);
    return r.profile_json ? (JSON.parse(r.profile_json) as ProfileDto) : null;
  }

  saveProfile(id: string, profile: ProfileDto | null): void {
    this.db.prepare('UPDATE datasets SET profile_json = ? WHERE id = ?').run(profile ? JSON.stringify(profile) : null, id);
  }

  rename(id: string, name: string): void {
    this.row(id);
    const clash = this.db.prepare('SELECT id FROM datasets WHERE name = ? AND id != ?').get(name, id);
    if (clash) throw new ApiError('conflict', `A dataset named '${name}' already exists`, { field: 'name' });
    this.db.prepare('UPDATE datasets SET name = ? WHERE id = ?').run(name, id);
  }

  renameColumn(id: string, position: number, name: string): void {
    const cols = this.columns(id);
    if (!cols.some((c) => c.position === position)) throw new ApiError('bad_request', `Dataset has no column at position ${position}`, { field: 'position' });
    if (cols.some((c) => c.name === name && c.position !== position)) throw new ApiError('conflict', `A column named '${name}' already exists`, { field: 'name' });
    this.db.transaction(() => {
      this.db.prepare('UPDATE dataset_columns SET name = ? WHERE dataset_id = ? AND position = ?').run(name, id, position);
      // The cached profile names columns; refresh the names in place.
      const p = this.profile(id);
      if (p) {
        const old = cols.find((c) => c.position === position)!.name;
        p.columns[position].name = name;
        p.correlation.columns = p.correlation.columns.map((c) => (c === old ? name : c));
        this.saveProfile(id, p);
      }
    }).immediate();
  }

  setColumn(id: string, position: number, type: ColumnType, missing: number): void {
    this.db.prepare('UPDATE dataset_columns SET type = ?, missing = ? WHERE dataset_id = ? AND position = ?').run(type, missing, id, position);
  }

  runsUsing(id: string): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM runs WHERE dataset_id = ? OR test_dataset_id = ?').get(id, id) as { n: number }).n;
  }

  /** Deletes a dataset and its table at once; refused while runs use it. */
  delete(id: string): string {
    const r = this.row(id);
    const n = this.runsUsing(id);
    if (n > 0) {
      throw new ApiError('conflict', `Dataset '${r.name}' is used by ${n} run${n > 1 ? 's' : ''}; delete those runs first.`, { runs: n });
    }
    const tables = new Set([r.table_name, ...new DatasetVersions(this.db).tables(id)]);
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM datasets WHERE id = ?').run(id);
      for (const t of tables) dropTable(this.db, t);
    }).immediate();
    this.returnFreePages();
    return r.name;
  }

  /**
   * Gives the pages a deleted dataset freed back to the file system (the database uses
   * auto_vacuum = INCREMENTAL, see db/open.ts), then moves the WAL into the database file
   * without waiting for anyone, which is when the file shrinks. A busy database keeps its free
   * pages until the next delete; later imports reuse them meanwhile.
   */
  private returnFreePages(): void {
    try {
      this.db.pragma('incremental_vacuum');
      this.db.pragma('wal_checkpoint(PASSIVE)');
    } catch (err) {
      const code = (err as { code?: string }).code ?? '';
      if (!code.startsWith('SQLITE_BUSY') && !code.startsWith('SQLITE_LOCKED')) throw err;
    }
  }

  /** Drops tables left by imports that never finished (but not those a live import is writing). */
  collectOrphans(keep: string[]): number {
    const tables = orphanTables(this.db).filter((t) => !keep.includes(t));
    for (const t of tables) dropTable(this.db, t);
    return tables.length;
  }
}
