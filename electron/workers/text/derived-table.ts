/**
 * Writes a dataset derived from another, the way an import does: rows into a new table in
 * ~50k-row transactions, then the dataset registered in one transaction once every row is in.
 * Until then no dataset points at the table; `discard` (failure or cancel) drops it.
 */
import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { ColumnType, DatasetDetailDto } from '../../../shared/api/datasets-dto';
import type { DerivedDatasetDto, DerivedFromDto } from '../../../shared/api/text-dto';
import { DatasetTableWriter, tableNameFor, type Cell } from '../../data/db/dataset-tables';
import { DatasetsRepo } from '../../data/db/repos/datasets-repo';

export interface DerivedColumn {
  name: string;
  type: ColumnType;
}

/** `wanted`, or wanted_2, wanted_3… when a column of that name exists. */
export function freeColumnName(taken: readonly string[], wanted: string): string {
  const set = new Set(taken);
  if (!set.has(wanted)) return wanted;
  for (let i = 2; ; i++) if (!set.has(`${wanted}_${i}`)) return `${wanted}_${i}`;
}

export class DerivedDatasetWriter {
  private readonly writer: DatasetTableWriter;
  private readonly missing: number[];
  private readonly hash = createHash('sha256');

  constructor(
    private readonly db: Database,
    private readonly datasetId: string,
    private readonly columns: readonly DerivedColumn[],
  ) {
    this.writer = new DatasetTableWriter(db, tableNameFor(datasetId), columns.length);
    // Whole numbers and booleans keep their integer storage, as the import wrote them.
    this.writer.storeAsIntegers(columns.map((c) => c.type === 'integer' || c.type === 'boolean'));
    this.missing = columns.map(() => 0);
  }

  get rows(): number {
    return this.writer.rows;
  }

  push(cells: Cell[]): void {
    for (let i = 0; i < cells.length; i++) if (cells[i] === null) this.missing[i]++;
    this.hash.update(JSON.stringify(cells));
    this.hash.update('\n');
    this.writer.push(cells);
  }

  /**
   * Ends the current transaction. Scoring is ~500× slower than parsing, so the writer's 50k-row
   * transactions would hold the write lock for over a second; callers commit after each page.
   */
  commit(): void {
    this.writer.commit();
  }

  /** Commits the rows and registers the dataset (one transaction); returns it as registered. */
  finish(name: string, source: DatasetDetailDto, derivedFrom: DerivedFromDto): DerivedDatasetDto {
    this.writer.commit();
    const repo = new DatasetsRepo(this.db);
    repo.register({
      id: this.datasetId,
      name,
      sourcePath: null,
      sha256: this.hash.digest('hex'),
      format: 'derived',
      rows: this.writer.rows,
      table: tableNameFor(this.datasetId),
      options: { ...source.options, skippedRows: 0, skippedExamples: [], derivedFrom },
      columns: this.columns.map((c, i) => ({ name: c.name, type: c.type, missing: this.missing[i] })),
    });
    const d = repo.get(this.datasetId);
    return { id: d.id, name: d.name, rows: d.rows, createdAt: d.createdAt };
  }

  /** Leaves nothing behind. */
  discard(): void {
    this.writer.discard();
  }
}
