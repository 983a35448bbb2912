import type { DatasetSummaryDto } from './dto';
import type { ProfileWarningDto } from '../profile-warnings';
import type { DerivedFromDto } from './text-dto';

export type ColumnType = 'integer' | 'float' | 'boolean' | 'date' | 'datetime' | 'categorical' | 'text';
export const COLUMN_TYPES: readonly ColumnType[] = ['integer', 'float', 'boolean', 'date', 'datetime', 'categorical', 'text'];

export interface ColumnDto {
  position: number;
  name: string;
  type: ColumnType;
  missing: number;
}

export interface ImportOptionsDto {
  format: 'csv' | 'jsonl' | 'parquet';
  delimiter: string | null;
  header: boolean;
  encoding: 'utf-8' | 'latin1';
  trimmedLeadingSpace: boolean;
  quotes: boolean;
  /** The quote character read with, null when quotes were ordinary text (absent on datasets imported before it was recorded). */
  quote?: string | null;
  /** The quote setting was sniffed from the file rather than given. */
  quoteDetected?: boolean;
  /** Leading lines of the file that were not read (absent on datasets imported before it existed). */
  skipLines?: number;
  skippedRows: number;
  /** The first few skipped bad rows, for the user to see. */
  skippedExamples: { line: number; reason: string }[];
  /** Set on a dataset a text job wrote from another (the other's import options are kept above). */
  derivedFrom?: DerivedFromDto;
}

/**
 * One version of a dataset: the first import is version 1; each append adds rows to the same
 * table (a row range), and a changed source re-imported replaces the rows in a table of its own.
 */
export interface DatasetVersionDto {
  version: number;
  kind: 'import' | 'append' | 'reimport';
  /** Rows in the dataset as of this version. */
  rows: number;
  /** Rows this version added (an import or re-import: all of them). */
  appended: number;
  /** The rowids of this version's rows in its table: first..last (1-based, inclusive). */
  firstRow: number;
  lastRow: number;
  /** The sha256 of the file this version read (an append: the appended file). */
  sha256: string | null;
  createdAt: string;
  source: string | null;
}

export interface DatasetDetailDto extends DatasetSummaryDto {
  sourcePath: string | null;
  columnsDetail: ColumnDto[];
  options: ImportOptionsDto;
  /** The current version (the highest). */
  version: number;
  /** Oldest first. */
  versions: DatasetVersionDto[];
}

export interface HistogramBin {
  /** Inclusive lower edge, exclusive upper edge (the last bin includes its upper edge). */
  lo: number;
  hi: number;
  count: number;
}

export interface ColumnProfileDto {
  name: string;
  type: ColumnType;
  count: number;
  missing: number;
  /** Exact while `distinctCapped` is false; otherwise at least this many. */
  distinct: number;
  distinctCapped: boolean;
  min: number | null;
  max: number | null;
  mean: number | null;
  std: number | null;
  /** Keys p5, p25, p50, p75, p95, for numeric and date columns (dates as epoch ms). */
  quantiles: Record<string, number> | null;
  /** Most frequent values (any type), value as text. */
  top: { value: string; count: number }[];
  histogram: HistogramBin[] | null;
  /** Text columns: mean length in characters. */
  meanLength: number | null;
  /**
   * Nearly every value is distinct in a whole-number or code-like text column: an identifier,
   * not a feature (a model would only memorise it). Absent from profiles computed before it existed.
   */
  idLike?: boolean;
}

export interface ProfileDto {
  datasetId: string;
  rows: number;
  columns: ColumnProfileDto[];
  /** Pearson correlations between numeric and date columns (dates as epoch ms). */
  correlation: { columns: string[]; matrix: number[][] };
  /** What matters for modelling (shared/profile-warnings.ts). Absent from profiles computed before it existed. */
  warnings?: ProfileWarningDto[];
  computedAt: string;
}

export interface SampleDto {
  id: string;
  name: string;
  description: string;
  file: string;
  license: string;
  rows: number;
}

/** The result of an import job. */
export interface ImportResultDto {
  id: string;
  name: string;
  rows: number;
  columns: { name: string; type: ColumnType; missing: number }[];
  sha256: string;
  skippedRows: number;
  /** The dataset's version after this import (1 for a new dataset). */
  version: number;
  /** Rows this import added (an append: the file's rows; otherwise all rows). */
  appended: number;
  /** A re-import of a file whose sha256 is the current version's: nothing was written. */
  unchanged?: boolean;
}

/** A problem the preview found in the sample: a row of another width, a value that does not fit a fixed type. */
export interface PreviewProblemDto {
  /** 1-based line in the file, when known. */
  line: number | null;
  message: string;
}

/** What an import with these options would read, from the start of the file only. */
export interface ImportPreviewDto {
  format: 'csv' | 'jsonl' | 'parquet';
  /** False for JSON Lines and Parquet: their columns come from the file's structure, not from these options. */
  previewed: boolean;
  encoding: 'utf-8' | 'latin1';
  delimiter: string | null;
  /** The quote character, null when quotes are text. */
  quote: string | null;
  quoteDetected: boolean;
  header: boolean;
  headerDetected: boolean;
  skipLines: number;
  trimmedLeadingSpace: boolean;
  /** Each column as it would be imported; `fixed` when the type was given rather than inferred. */
  columns: { name: string; type: ColumnType; fixed: boolean }[];
  /** The first data rows as parsed, missing values as null. */
  rows: (string | null)[][];
  /** 1-based file line of each row. */
  rowLines: (number | null)[];
  /** Data rows the types were inferred from (the import confirms them over the whole file). */
  sampledRows: number;
  /** Sampled data rows that would be bad rows (another width, a value that does not fit a fixed type). */
  badRows: number;
  problems: PreviewProblemDto[];
  /** The file goes on past the sample. */
  truncated: boolean;
  /** Values read as missing. */
  missingMarkers: string[];
}
