import type { Newline } from '../../data/import/csv-head';
/**
 * A CSV record scanner for the common case: one-character delimiter, RFC 4180 quotes, a known
 * newline. It finds field boundaries in decoded text without creating a string per field, so
 * numbers can be typed straight from the characters (span-values.ts).
 *
 * Why not Papa Parse here: on the 1M-row × 10-column benchmark file Papa Parse took ~2 s
 * (parsing plus collecting its 10M field strings), this scanner with span typing ~0.5 s.
 *
 * The records are exactly Papa Parse's (same newline, same quote rules, empty lines skipped);
 * anything else — a quote not followed by a delimiter or newline, an unterminated quote —
 * throws ScanUnsupported and the import starts again with Papa Parse, which reports it.
 */

export class ScanUnsupported extends Error {}

export type { Newline };

/** The fields of one record: `text` from `starts[i]` to `ends[i]`. */
export class RecordSpans {
  text = '';
  count = 0;
  starts = new Int32Array(16);
  ends = new Int32Array(16);
  /** 1 when the field was quoted and holds doubled quotes to undo. */
  escaped = new Uint8Array(16);
  private readonly doubled: string;

  constructor(private readonly quoteChar: string) {
    this.doubled = quoteChar + quoteChar;
  }

  /** The field as Papa Parse would give it. */
  value(i: number): string {
    const v = this.text.slice(this.starts[i], this.ends[i]);
    return this.escaped[i] ? v.replaceAll(this.doubled, this.quoteChar) : v;
  }

  grow(): void {
    const n = this.starts.length * 2;
    const s = new Int32Array(n), e = new Int32Array(n), q = new Uint8Array(n);
    s.set(this.starts);
    e.set(this.ends);
    q.set(this.escaped);
    this.starts = s;
    this.ends = e;
    this.escaped = q;
  }
}

export class CsvScanner {
  private carry = '';
  private readonly rec: RecordSpans;
  private readonly delim: number;
  private readonly quote: number;
  /** The newline's first character; for \r\n a lone \r is text, as in Papa Parse. */
  private readonly nl: number;
  private readonly crlf: boolean;

  constructor(
    delimiter: string,
    private readonly quoteChar: string,
    newline: Newline,
    private readonly onRecord: (rec: RecordSpans) => void,
  ) {
    if (delimiter.length !== 1 || quoteChar.length !== 1 || delimiter === quoteChar || delimiter === '\r' || delimiter === '\n') {
      throw new ScanUnsupported(`delimiter ${JSON.stringify(delimiter)}`);
    }
    this.rec = new RecordSpans(quoteChar);
    this.delim = delimiter.charCodeAt(0);
    this.quote = quoteChar.charCodeAt(0);
    this.nl = newline.charCodeAt(0);
    this.crlf = newline === '\r\n';
  }

  /** Scans the records completed by `chunk`; `last` marks the end of the file. */
  push(chunk: string, last: boolean): void {
    let from = 0;
    if (this.carry.length) {
      // Walking a concatenated (cons) string is ~2.5× slower than a flat one, so only the record
      // that straddles the boundary is scanned joined; the rest of the chunk is scanned as it is.
      const carry = this.carry;
      for (let k = carry.length > 65536 ? chunk.length : Math.min(chunk.length, 4096); ; k = Math.min(chunk.length, k * 4)) {
        const whole = k === chunk.length;
        const joined = carry + (whole ? chunk : chunk.slice(0, k));
        const end = this.scan(joined, 0, last && whole, 1);
        if (end > 0) {
          from = end - carry.length;
          break;
        }
        if (whole) {
          this.carry = joined;
          return;
        }
      }
    }
    const end = this.scan(chunk, from, last, Infinity);
    this.carry = end < chunk.length ? chunk.slice(end) : '';
  }

  /** Emits up to `max` complete records; returns where the next one starts. */
  private scan(text: string, from: number, last: boolean, max: number): number {
    const len = text.length;
    const rec = this.rec;
    const D = this.delim, Q = this.quote, NL = this.nl, crlf = this.crlf;
    rec.text = text;
    let start = from;
    let found = 0;
    records: while (start < len && found++ < max) {
      let p = start;
      let n = 0;
      for (;;) {
        if (n === rec.starts.length) rec.grow();
        if (p < len && text.charCodeAt(p) === Q) {
          // Quoted field: up to the quote that is not doubled.
          let q = p + 1;
          let escaped = 0;
          for (;;) {
            q = text.indexOf(this.quoteChar, q);
            if (q === -1) {
              if (last) throw new ScanUnsupported('unterminated quote');
              break records;
            }
            if (q + 1 < len && text.charCodeAt(q + 1) === Q) {
              escaped = 1;
              q += 2;
              continue;
            }
            break;
          }
          if (q + 1 >= len && !last) break records; // the next chunk may start with a quote
          rec.starts[n] = p + 1;
          rec.ends[n] = q;
          rec.escaped[n] = escaped;
          n++;
          p = q + 1;
          if (p >= len) {
            this.emit(n);
            start = len;
            break records;
          }
          const c = text.charCodeAt(p);
          if (c === D) {
            p++;
            continue;
          }
          if (c === NL) {
            if (!crlf) {
              start = p + 1;
              this.emit(n);
              continue records;
            }
            if (p + 1 >= len && !last) break records;
            if (p + 1 < len && text.charCodeAt(p + 1) === 10) {
              start = p + 2;
              this.emit(n);
              continue records;
            }
          }
          throw new ScanUnsupported('text after a closing quote');
        }
        // Unquoted field: up to the delimiter or the newline.
        let e = p;
        let c = 0;
        for (; e < len; e++) {
          c = text.charCodeAt(e);
          if (c === D) break;
          if (c === NL) {
            if (!crlf) break;
            if (e + 1 < len) {
              if (text.charCodeAt(e + 1) === 10) break;
            } else if (!last) {
              break records; // \r at the chunk's end: \r\n or text, the next chunk tells
            }
          }
        }
        if (e >= len) {
          if (!last) break records;
          rec.starts[n] = p;
          rec.ends[n] = len;
          rec.escaped[n] = 0;
          this.emit(n + 1);
          start = len;
          break records;
        }
        rec.starts[n] = p;
        rec.ends[n] = e;
        rec.escaped[n] = 0;
        n++;
        if (c === D) {
          p = e + 1;
          continue;
        }
        start = e + (crlf ? 2 : 1);
        this.emit(n);
        continue records;
      }
    }
    return start;
  }

  private emit(n: number): void {
    const rec = this.rec;
    // Papa Parse's skipEmptyLines: a record of one empty field is no record.
    if (n === 1 && rec.starts[0] === rec.ends[0]) return;
    rec.count = n;
    this.onRecord(rec);
  }
}
