import { ApiError } from '../../../shared/api/errors';
import type { ImportArgs } from '../../../shared/api/methods/datasets';
import { displayName } from '../display-name';
import { csvDialect } from './dialect';
import { detectHeader, hasConsistentLeadingSpace } from './sniff';
import { columnNames, planColumns, type SinkColumn } from './columns';
import { firstRecordWidth, guessNewline, LineSkipper, MAX_COLUMNS, parseHead, readHead, tooWide, type Newline } from './csv-head';

/** The start of a file as read for sniffing: `size` is the whole file's, so a short head means more follows. */
export interface CsvHead {
  file: string;
  head: Buffer;
  size: number;
  encoding: 'utf-8' | 'latin1';
}

export type CsvPlanArgs = Pick<ImportArgs, 'delimiter' | 'quote' | 'quotes' | 'header' | 'columns' | 'types' | 'skipLines'>;

/** The sampled start of a delimited file: its dialect and first records (after the skipped lines). */
export interface CsvSample {
  sample: string[][];
  delimiter: string;
  quoteChar: string;
  newline: Newline;
  /** The decoded text the sample was parsed from, after the skipped lines. */
  text: string;
  /** The file goes on past the text. */
  truncated: boolean;
}

/** How the import will read a delimited file, decided from its start; the full pass confirms the types. */
export interface CsvPlan extends CsvSample {
  header: boolean;
  /** Records below the header, the sample types are inferred from. */
  dataSample: string[][];
  trimLeading: boolean;
  width: number;
  names: string[];
  columns: SinkColumn[];
}

/**
 * Delimiter and a sample of records from the start of the file. A huge first field can hide
 * every record boundary in the first bytes, so the window grows until two records fit.
 */
export function sampleCsv(h: CsvHead, args: CsvPlanArgs): CsvSample {
  let head = h.head;
  for (;;) {
    const decoded = new TextDecoder(h.encoding === 'utf-8' ? 'utf-8' : 'latin1').decode(head).replace(/^\uFEFF/, '');
    const text = args.skipLines > 0 ? new LineSkipper(args.skipLines).take(decoded) : decoded;
    const truncated = head.length < h.size;
    const { delimiter, quoteChar } = csvDialect(text, args, truncated);
    // A file too wide is refused from its first record, before more of it is read or parsed.
    const first = firstRecordWidth(text, delimiter, quoteChar);
    if (first.fields > MAX_COLUMNS) throw tooWide(displayName(h.file), first.fields, !first.complete && truncated);
    const sample = parseHead(text, delimiter, quoteChar, truncated);
    if (sample.length >= 2 || !truncated || head.length >= 64 * 1024 * 1024) {
      return { sample, delimiter, quoteChar, newline: guessNewline(text, quoteChar), text, truncated };
    }
    head = readHead(h.file, head.length * 8);
  }
}

/** The sample, header, names and column types the import starts from. Throws what the import would refuse. */
export function planCsv(h: CsvHead, args: CsvPlanArgs): CsvPlan {
  const base = displayName(h.file);
  const s = sampleCsv(h, args);
  const { sample } = s;
  const skipped = args.skipLines > 0 ? ` after the ${args.skipLines} skipped line${args.skipLines === 1 ? '' : 's'}` : '';
  if (sample.length === 0) throw new ApiError('bad_request', `${base} has no rows${skipped}`, { field: args.skipLines > 0 ? 'skipLines' : 'path' });
  const header = args.header === 'auto' ? detectHeader(sample) : args.header === 'yes';
  const dataSample = header ? sample.slice(1) : sample;
  if (header && dataSample.length === 0) throw new ApiError('bad_request', `${base} has a header row but no data rows`, { field: 'path' });
  const trimLeading = hasConsistentLeadingSpace(dataSample);
  const width = sample[0].length;
  if (width > MAX_COLUMNS) throw tooWide(base, width);
  const names = columnNames(width, header ? sample[0].map((c) => (trimLeading ? c.trimStart() : c)) : null, args.columns);
  const columns = planColumns(names, dataSample, trimLeading, args.types);
  return { ...s, header, dataSample, trimLeading, width, names, columns };
}
