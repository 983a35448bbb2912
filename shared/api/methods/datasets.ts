import { z } from 'zod';
import { method } from '../define';
import { idSchema, refSchema } from '../ids';
import type { DatasetDetailDto, ImportPreviewDto, ProfileDto, SampleDto } from '../datasets-dto';

export const columnType = z.enum(['integer', 'float', 'boolean', 'date', 'datetime', 'categorical', 'text']);
const datasetName = z.string().trim().min(1).max(200);
const MAX_SKIP_LINES = 100_000;

export const importArgs = z
  .object({
    path: z.string().min(1),
    name: datasetName.optional(),
    format: z.enum(['auto', 'csv', 'jsonl', 'parquet']).default('auto'),
    header: z.enum(['auto', 'yes', 'no']).default('auto'),
    /** One character, or 'auto' to sniff. */
    delimiter: z.union([z.literal('auto'), z.string().length(1)]).default('auto'),
    encoding: z.enum(['auto', 'utf-8', 'latin1']).default('auto'),
    /** Off for files whose text contains stray double quotes (e.g. one sentence per line); kept for `quote: 'none'`. */
    quotes: z.boolean().default(true),
    /**
     * The character that quotes fields, 'none' when quotes are ordinary text, or 'auto': `"` unless
     * reading with it breaks the sample's records while reading without quotes does not.
     */
    quote: z
      .string()
      .refine((q) => q === 'auto' || q === 'none' || (q.length === 1 && q !== '\n' && q !== '\r'), {
        message: "expected one character (not a line break), 'none' or 'auto'",
      })
      .default('auto'),
    badRows: z.enum(['error', 'skip']).default('error'),
    /** Leading lines of the file to pass over before the header or first row (a count line, a title). */
    skipLines: z.number().int().min(0).max(MAX_SKIP_LINES).default(0),
    /** Import even when skipping bad rows drops more than MAX_SKIPPED_SHARE of them (refused otherwise). */
    allowSkipped: z.boolean().default(false),
    /** Column name (or generated name) → type, overriding inference. */
    types: z.record(z.string(), columnType).default({}),
    /** Column names to use instead of the header (or of generated names when there is none). */
    columns: z.array(z.string().trim().min(1).max(200)).optional(),
    /** Remove the source file after the import (browser-mode uploads). */
    removeSource: z.boolean().default(false),
    /**
     * A dataset (id or name) to append the file's rows to, as its next version: the file's
     * columns must be the dataset's (names; each value must fit the column's type).
     */
    appendTo: refSchema.optional(),
    /**
     * Replace the rows of the dataset `name` with this file, as its next version, even when the
     * file is not the dataset's source. (The same source path re-imported with `name` does so
     * without it.) A file whose sha256 is the current version's writes nothing.
     */
    newVersion: z.boolean().default(false),
  })
  .strict();
export type ImportArgs = z.output<typeof importArgs>;

/** Data rows a preview shows at most. */
export const PREVIEW_MAX_ROWS = 200;
/** How much of a file browser mode uploads for a preview: more than the import sniffs from. */
export const PREVIEW_UPLOAD_BYTES = 1024 * 1024;

export const previewArgs = importArgs
  .pick({ path: true, format: true, header: true, delimiter: true, encoding: true, quotes: true, quote: true, types: true, columns: true, skipLines: true, removeSource: true })
  .extend({
    rows: z.number().int().min(1).max(PREVIEW_MAX_ROWS).default(50),
    /** The whole file's size when `path` holds only its start (a browser-mode upload of the head). */
    sourceBytes: z.number().int().min(0).optional(),
  })
  .strict();

const position = z.number().int().min(0);
const rowSort = z.object({ position, dir: z.enum(['asc', 'desc']) }).strict();
/** Filters of the data table; values are bound as SQL parameters, never spliced into the query. */
export const rowFilter = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('range'), position, min: z.number().finite().optional(), max: z.number().finite().optional() }).strict(),
  z.object({ kind: z.literal('values'), position, values: z.array(z.union([z.string().max(1000), z.number().finite(), z.null()])).min(1).max(500) }).strict(),
  z.object({ kind: z.literal('contains'), position, text: z.string().min(1).max(200) }).strict(),
]);
export type RowFilterArgs = z.output<typeof rowFilter>;

/** A column index a large table's view waits for: until its job ends, pages come in file order. */
export interface IndexBuildDto {
  jobId: string;
  position: number;
  column: string;
  rows: number;
  /** What the row count predicts the build takes (SQLite reports no progress from inside it). */
  expectedMs: number;
}

export const datasetMethods = {
  'datasets.import': method<{ jobId: string }>()(importArgs),
  /**
   * What `datasets.import` with these options would read, from the start of the file only:
   * dialect, header, column names and types, the first rows as parsed and the problems seen.
   */
  'datasets.preview': method<ImportPreviewDto>()(previewArgs),
  'datasets.samples': method<SampleDto[]>()(z.object({}).strict()),
  'datasets.importSample': method<{ jobId: string }>()(z.object({ id: refSchema }).strict()),
  /** `id`: the dataset's id or its name. */
  'datasets.get': method<DatasetDetailDto>()(z.object({ id: refSchema }).strict()),
  /**
   * A page of rows, in file order unless sorted or filtered (on the whole table, in SQLite).
   * Values: number | string | boolean | null. `total`: rows in the view; `rowIds`: each row's
   * 1-based number in the file; `datasetRows`: rows in the dataset. `building`: the sorted
   * column's index is being built in a job (large tables), and these rows are in file order.
   */
  'datasets.rows': method<{ total: number; offset: number; rows: (number | string | null)[][]; rowIds: number[]; datasetRows: number; building?: IndexBuildDto }>()(
    z
      .object({
        id: idSchema,
        offset: z.number().int().min(0),
        limit: z.number().int().min(1).max(2000).default(200),
        sort: rowSort.optional(),
        filters: z.array(rowFilter).max(50).optional(),
        /** Searched for in every text and categorical column. */
        search: z.string().max(200).optional(),
      })
      .strict(),
  ),
  /** A column's most frequent values with their counts, for picking values to filter on. */
  'datasets.columnValues': method<{ values: { value: number | string | null; count: number }[]; more: boolean }>()(
    z
      .object({ id: idSchema, position: z.number().int().min(0), search: z.string().max(200).optional(), limit: z.number().int().min(1).max(1000).default(100) })
      .strict(),
  ),
  /** The cached profile, computing it in a worker first if needed. */
  'datasets.profile': method<{ profile: ProfileDto | null; jobId: string | null }>()(z.object({ id: idSchema }).strict()),
  'datasets.rename': method<DatasetDetailDto>()(z.object({ id: idSchema, name: datasetName }).strict()),
  'datasets.renameColumn': method<DatasetDetailDto>()(
    z.object({ id: idSchema, position: z.number().int().min(0), name: z.string().trim().min(1).max(200) }).strict(),
  ),
  /** Changes a column's type after import; every value is checked, and the profile recomputed. */
  'datasets.setColumnType': method<{ jobId: string }>()(
    z.object({ id: idSchema, position: z.number().int().min(0), type: columnType }).strict(),
  ),
  /** Refused (conflict) while runs use the dataset. */
  'datasets.delete': method<{ deleted: string }>()(z.object({ id: idSchema }).strict()),
  /** Desktop only: the OS file picker. */
  'files.pick': method<{ paths: string[] }>()(z.object({ title: z.string().optional() }).strict()),
};
