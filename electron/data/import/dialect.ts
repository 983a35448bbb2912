import Papa from 'papaparse';
import { ApiError } from '../../../shared/api/errors';
import type { ImportOptionsDto } from '../../../shared/api/datasets-dto';
import type { ImportArgs } from '../../../shared/api/methods/datasets';
import { NO_QUOTE } from './csv-head';
import { sniffDelimiter } from './sniff';

/** How a delimited file is read: its delimiter and quote character (NO_QUOTE: quotes are text). */
export interface CsvDialect {
  delimiter: string;
  quoteChar: string;
}

type DialectArgs = Pick<ImportArgs, 'delimiter' | 'quote' | 'quotes'>;

/** The quote the args ask for (NO_QUOTE for none), or null when it is to be sniffed. */
export function requestedQuote(args: Pick<ImportArgs, 'quote' | 'quotes'>): string | null {
  if (args.quote === 'none') return NO_QUOTE;
  if (args.quote !== 'auto') return args.quote;
  return args.quotes ? null : NO_QUOTE;
}

/**
 * Delimiter and quote for the sample `text` (the file's start; `truncated` when the file goes on).
 * A sniffed delimiter is counted outside the chosen quotes, so a stray quote cannot hide it.
 */
export function csvDialect(text: string, args: DialectArgs, truncated: boolean): CsvDialect {
  const delimiterFor = (quote: string) => (args.delimiter === 'auto' ? sniffDelimiter(text, quote) : args.delimiter);
  const given = requestedQuote(args);
  if (given !== null) {
    const delimiter = delimiterFor(given);
    if (given === delimiter) {
      throw new ApiError('bad_request', `The quote character ${JSON.stringify(given)} is also the delimiter; choose another quote, or none`, { field: 'quote' });
    }
    return { delimiter, quoteChar: given };
  }
  if (args.delimiter === '"') return { delimiter: '"', quoteChar: NO_QUOTE };
  if (text.includes('"')) {
    const plain = delimiterFor(NO_QUOTE);
    if (quotesBreakRecords(text, plain, truncated)) return { delimiter: plain, quoteChar: NO_QUOTE };
  }
  return { delimiter: delimiterFor('"'), quoteChar: '"' };
}

/** What the dataset records about its quoting. */
export function quoteOptions(quoteChar: string, args: Pick<ImportArgs, 'quote' | 'quotes'>): Pick<ImportOptionsDto, 'quotes' | 'quote' | 'quoteDetected'> {
  const none = quoteChar === NO_QUOTE;
  return { quotes: !none, quote: none ? null : quoteChar, quoteDetected: requestedQuote(args) === null };
}

const SAMPLE_CHARS = 1024 * 1024;
const SAMPLE_LINES = 1000;
/** A field a quote opens and closes, with only doubled quotes inside. */
const WRAPPED = /^"(?:[^"]|"")*"$/;

/**
 * Whether double quotes are text in this sample (as a reader with quoting off would take it):
 * split at the delimiter alone, every line has the same number of fields, while reading with
 * quotes gives malformed quotes, records of different widths, or records that swallow line
 * breaks. Fields cleanly wrapped in quotes far outnumbering stray ones mean quoting is in use
 * and a broken line is the file's fault, to be reported rather than read past.
 */
export function quotesBreakRecords(text: string, delimiter: string, truncated: boolean): boolean {
  const cut = truncated || text.length > SAMPLE_CHARS;
  let lines = text.slice(0, SAMPLE_CHARS).split(/\r\n|\r|\n/).filter((l) => l.length > 0);
  if (lines.length > SAMPLE_LINES) lines = lines.slice(0, SAMPLE_LINES);
  else if (cut) lines.pop(); // may end mid-line
  if (lines.length < 2) return false;

  const width = lines[0].split(delimiter).length;
  let wrapped = 0;
  let stray = 0;
  for (const line of lines) {
    const fields = line.split(delimiter);
    if (fields.length !== width) return false;
    for (const f of fields) {
      if (f[0] !== '"') continue;
      if (WRAPPED.test(f)) wrapped++;
      else stray++;
    }
  }
  // Without a field that a quote opens and does not close cleanly, both readings agree.
  if (stray === 0 || wrapped >= 9 * stray) return false;

  const parsed = Papa.parse<string[]>(lines.join('\n'), { delimiter, quoteChar: '"', skipEmptyLines: true });
  const rows = parsed.data;
  // One column: a quoted field cut at the sample's end is no evidence against quotes.
  const last = rows.length - 1;
  if (parsed.errors.some((e) => e.type === 'Quotes' && !(width === 1 && cut && e.row === last))) return true;
  if (width >= 2 && rows.length < lines.length) return true;
  return rows.some((r) => r.length !== rows[0].length);
}
