import Papa from 'papaparse';
import { openTextStream, readText, type TextStreamStats } from './text-stream';
import { CsvScanner, type RecordSpans } from './csv-scanner';
import { RecordLines, type Newline } from '../../data/import/csv-head';

export interface CsvBatchHandler {
  /** Called with each parsed chunk; `firstRecord` counts records from the start of the file (header included). */
  (rows: string[][], firstRecord: number, badRecords: Map<number, string>): void;
}

/** How the full pass reads a delimited file; `skipLines` leading lines are not part of it. */
export interface CsvReadOptions {
  delimiter: string;
  quoteChar: string;
  newline: Newline;
  encoding: 'utf-8' | 'latin1';
  signal: AbortSignal;
  skipLines: number;
}

/**
 * Streams a delimited file through Papa Parse in chunks (bounded memory). Structural problems
 * Papa reports (unterminated quotes) come with each chunk as record index → reason.
 */
export function streamCsv(
  file: string,
  opts: CsvReadOptions,
  onBatch: CsvBatchHandler,
): { done: Promise<void>; stats: TextStreamStats } {
  const { stream, stats } = openTextStream(file, opts.encoding, opts.signal, opts.skipLines);
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
 * 1-based line numbers where the given records (counted from 0 after the skipped lines,
 * header included) start. Used only to word error messages.
 */
export async function locateRecords(file: string, encoding: 'utf-8' | 'latin1', records: number[], quoteChar = '"', skipLines = 0): Promise<Map<number, number>> {
  const want = new Set(records);
  const last = Math.max(...records);
  const found = new Map<number, number>();
  const walker = new RecordLines(quoteChar, skipLines + 1);
  const { stream } = openTextStream(file, encoding, new AbortController().signal, skipLines);
  try {
    for await (const chunk of stream as AsyncIterable<string>) {
      const done = walker.feed(chunk, (record, line) => {
        if (want.has(record)) found.set(record, line);
        return record >= last;
      });
      if (done) return found;
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
  opts: CsvReadOptions,
  onRecord: (rec: RecordSpans) => void,
  onChunk: () => void,
): { done: Promise<void>; stats: TextStreamStats } {
  const scanner = new CsvScanner(opts.delimiter, opts.quoteChar, opts.newline, onRecord);
  const { chunks, stats } = readText(file, opts.encoding, opts.signal, opts.skipLines);
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
