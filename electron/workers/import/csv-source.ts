import Papa from 'papaparse';
import { openTextStream, readText, type TextStreamStats } from './text-stream';
import { CsvScanner, type Newline, type RecordSpans } from './csv-scanner';

export interface CsvBatchHandler {
  /** Called with each parsed chunk; `firstRecord` counts records from the start of the file (header included). */
  (rows: string[][], firstRecord: number, badRecords: Map<number, string>): void;
}

/** With quoting off, a character that never occurs in text stands in for the quote. */
export const NO_QUOTE = '\u0000';

/**
 * Streams a delimited file through Papa Parse in chunks (bounded memory). Structural problems
 * Papa reports (unterminated quotes) come with each chunk as record index → reason.
 */
export function streamCsv(
  file: string,
  opts: { delimiter: string; quoteChar: string; newline: Newline; encoding: 'utf-8' | 'latin1'; signal: AbortSignal },
  onBatch: CsvBatchHandler,
): { done: Promise<void>; stats: TextStreamStats } {
  const { stream, stats } = openTextStream(file, opts.encoding, opts.signal);
  let record = 0;
  const done = new Promise<void>((resolve, reject) => {
    let failed = false;
    const fail = (err: unknown) => {
      if (failed) return;
      failed = true;
      stream.destroy();
      reject(err);
    };
    stream.on('error', fail);
    Papa.parse<string[]>(stream as unknown as File, {
      delimiter: opts.delimiter,
      quoteChar: opts.quoteChar,
      newline: opts.newline,
      skipEmptyLines: true,
      chunk: (results, parser) => {
        if (failed) return;
        try {
          if (opts.signal.aborted) throw new Error('cancelled');
          const bad = new Map<number, string>();
          for (const e of results.errors) {
            if (e.row !== undefined && e.row !== null && e.type === 'Quotes') bad.set(record + e.row, `malformed quotes (${e.message})`);
          }
          onBatch(results.data, record, bad);
          record += results.data.length;
        } catch (err) {
          // abort() calls `complete` synchronously: fail first so the error wins.
          fail(err);
          parser.abort();
        }
      },
      complete: () => (failed ? undefined : resolve()),
      error: (err: Error) => fail(err),
    });
  });
  return { done, stats };
}

/**
 * The file's newline, decided once from its start by Papa Parse's own rule (the first of \n
 * and \r outside quotes; \r\n when most \r are followed by \n), and given to both parsers.
 */
export function guessNewline(head: string, quoteChar: string): Newline {
  const quote = quoteChar.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const text = head.slice(0, 1024 * 1024).replace(new RegExp(`${quote}([^]*?)${quote}`, 'gm'), '');
  const r = text.split('\r');
  const n = text.split('\n');
  if (r.length === 1 || (n.length > 1 && n[0].length < r[0].length)) return '\n';
  let withN = 0;
  for (const part of r) if (part[0] === '\n') withN++;
  return withN >= r.length / 2 ? '\r\n' : '\r';
}

/** Parses the start of a file (already decoded) into records, for sniffing and type inference. */
export function parseHead(text: string, delimiter: string, quoteChar: string, truncated: boolean, max = 2000): string[][] {
  const res = Papa.parse<string[]>(text, { delimiter, quoteChar, skipEmptyLines: true, preview: max + 1 });
  const rows = res.data;
  // The last record may be cut off at the sample's end.
  if (truncated && rows.length > 1 && rows.length <= max) rows.pop();
  return rows.slice(0, max + 1);
}

/**
 * 1-based line numbers where the given records (counted from 0, header included) start.
 * Walks the text once with the same rules as the parser: newlines inside quotes belong to
 * the field, empty lines are not records. Used only to word error messages.
 */
export async function locateRecords(file: string, encoding: 'utf-8' | 'latin1', records: number[], quoteChar = '"'): Promise<Map<number, number>> {
  const quote = quoteChar.charCodeAt(0);
  const want = new Set(records);
  const last = Math.max(...records);
  const found = new Map<number, number>();
  const { stream } = openTextStream(file, encoding, new AbortController().signal);
  let record = 0;
  let line = 1;
  let inQuotes = false;
  let atRecordStart = true;
  try {
    for await (const chunk of stream as AsyncIterable<string>) {
      for (let i = 0; i < chunk.length; i++) {
        const c = chunk.charCodeAt(i);
        if (atRecordStart && c !== 10 && c !== 13) {
          if (want.has(record)) found.set(record, line);
          atRecordStart = false;
        }
        if (c === quote) inQuotes = !inQuotes;
        else if (c === 10) {
          line++;
          if (!inQuotes && !atRecordStart) {
            record++;
            atRecordStart = true;
            if (record > last) return found;
          }
        }
      }
    }
  } catch {
    // Best effort: the caller falls back to record numbers.
  } finally {
    stream.destroy();
  }
  return found;
}

/**
 * Streams a delimited file through the CsvScanner, one call per record (header included). Fails
 * with ScanUnsupported where Papa Parse has to take over.
 */
export function scanCsv(
  file: string,
  opts: { delimiter: string; quoteChar: string; newline: Newline; encoding: 'utf-8' | 'latin1'; signal: AbortSignal },
  onRecord: (rec: RecordSpans) => void,
  onChunk: () => void,
): { done: Promise<void>; stats: TextStreamStats } {
  const scanner = new CsvScanner(opts.delimiter, opts.quoteChar, opts.newline, onRecord);
  const { chunks, stats } = readText(file, opts.encoding, opts.signal);
  const done = (async () => {
    for await (const chunk of chunks) {
      if (opts.signal.aborted) throw new Error('cancelled');
      scanner.push(chunk, false);
      onChunk();
    }
    scanner.push('', true);
  })();
  return { done, stats };
}
