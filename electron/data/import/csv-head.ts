import fs from 'node:fs';
import Papa from 'papaparse';
import { ApiError } from '../../../shared/api/errors';

/** With quoting off, a character that never occurs in text stands in for the quote. */
export const NO_QUOTE = '\u0000';

/** How much of a file is read to sniff it. */
export const HEAD_BYTES = 256 * 1024;

/**
 * The most columns a dataset may have. Each column of the file is a column of the dataset's
 * SQLite table (c0…cN, no others), and SQLite allows 2,000 (SQLITE_MAX_COLUMN) in a table and
 * in a query's result: the rest is headroom for queries that read a row with a few more
 * (its rowid, a computed value). Checked on the first record, before the file is read.
 */
export const MAX_COLUMNS = 1_900;

/** The refusal of a file wider than MAX_COLUMNS; `atLeast` when the first record was not seen whole. */
export function tooWide(base: string, columns: number, atLeast = false): ApiError {
  return new ApiError(
    'bad_request',
    `${base} has ${atLeast ? 'at least ' : ''}${columns.toLocaleString('en-US')} columns; Lathe takes at most ${MAX_COLUMNS.toLocaleString('en-US')} (one database column per field)`,
    { field: 'path', columns, limit: MAX_COLUMNS },
  );
}

/** The first bytes of a file, for sniffing. */
export function readHead(file: string, size = HEAD_BYTES): Buffer {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(size);
    const n = fs.readSync(fd, buf, 0, size, 0);
    return buf.subarray(0, n);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Drops the first `n` lines of a text that arrives in chunks (\n, \r\n or \r ends a line), so
 * the sample and the full pass skip the same leading lines (a count line, a title, notes).
 */
export class LineSkipper {
  private left: number;
  private afterCR = false;
  constructor(n: number) {
    this.left = n;
  }

  get done(): boolean {
    return this.left === 0 && !this.afterCR;
  }

  /** What is left of `chunk` once the lines still to skip are dropped. */
  take(chunk: string): string {
    if (chunk.length === 0) return chunk;
    let i = 0;
    if (this.afterCR) {
      this.afterCR = false;
      if (chunk.charCodeAt(0) === 10) i = 1;
    }
    while (this.left > 0 && i < chunk.length) {
      const c = chunk.charCodeAt(i++);
      if (c === 10) this.left--;
      else if (c === 13) {
        this.left--;
        if (i === chunk.length) this.afterCR = true;
        else if (chunk.charCodeAt(i) === 10) i++;
      }
    }
    return i === 0 ? chunk : chunk.slice(i);
  }
}

/**
 * Fields of the first record of `text`: delimiters up to the first line end, outside fields
 * that open with a quote (a quote elsewhere is text, and "" inside a quoted field is one quote).
 * `complete` is false when the text ends before the record does.
 */
export function firstRecordWidth(text: string, delimiter: string, quoteChar: string): { fields: number; complete: boolean } {
  let fields = 1;
  let fieldStart = true;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (fieldStart && c === quoteChar) {
      for (i++; ; i++) {
        if (i >= text.length) return { fields, complete: false };
        if (text[i] !== quoteChar) continue;
        if (text[i + 1] === quoteChar) i++;
        else break;
      }
      fieldStart = false;
    } else if (c === delimiter) {
      fields++;
      fieldStart = true;
    } else if (c === '\n' || c === '\r') {
      return { fields, complete: true };
    } else {
      fieldStart = false;
    }
  }
  return { fields, complete: false };
}

export type Newline = '\n' | '\r\n' | '\r';

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
 * Walks text with the parser's rules to find the 1-based line where each record starts:
 * newlines inside quotes belong to the field, empty lines are not records. Fed in chunks.
 */
export class RecordLines {
  private record = 0;
  private line: number;
  private inQuotes = false;
  private atRecordStart = true;
  private readonly quote: number;

  constructor(quoteChar: string, firstLine = 1) {
    this.quote = quoteChar.charCodeAt(0);
    this.line = firstLine;
  }

  /** Calls `onStart(record, line)` as each record starts; stops early when it returns true. */
  feed(chunk: string, onStart: (record: number, line: number) => boolean | void): boolean {
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i);
      if (this.atRecordStart && c !== 10 && c !== 13) {
        if (onStart(this.record, this.line)) return true;
        this.atRecordStart = false;
      }
      if (c === this.quote) this.inQuotes = !this.inQuotes;
      else if (c === 10) {
        this.line++;
        if (!this.inQuotes && !this.atRecordStart) {
          this.record++;
          this.atRecordStart = true;
        }
      }
    }
    return false;
  }
}
