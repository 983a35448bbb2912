import type { ColumnType } from '../../../shared/api/datasets-dto';
import type { Cell } from '../../data/db/dataset-tables';
import { fits, fitsFixed, StringStats, widen } from '../../data/import/infer';
import type { SinkColumn } from '../../data/import/columns';
import { isMissing, parseBoolean, parseFloatExact, parseFloatStrict, parseInteger } from '../../data/values';
import { spanBoolean, spanFloat, spanInteger, spanIsoDay } from './span-values';
import type { RecordSpans } from './csv-scanner';

/** A row that cannot be stored as asked. `record` counts data records from 0. */
export class BadRow extends Error {
  constructor(
    readonly record: number,
    readonly reason: string,
    readonly column: string | null,
    /** 1-based line, where the source knows it (JSON Lines). */
    readonly line: number | null = null,
  ) {
    super(reason);
  }
}

/**
 * Where typed rows go: a dataset table written on this thread (DatasetTableWriter) or by a
 * writer thread (ThreadedTableWriter). `commit` ends the rows; `toText` follows it.
 */
export interface TableRows {
  readonly rows: number;
  push(cells: Cell[]): void;
  storeAsIntegers(columns: readonly boolean[]): void;
  commit(): void;
  toText(col: number, from: 'number' | 'boolean'): void;
}

/**
 * Turns raw records into typed cells, confirming the sampled types over the full pass:
 * an inferred type widens when a value does not fit (integer → float → string).
 */
export class RowSink {
  private readonly cols: SinkColumn[];
  private readonly missing: number[];
  private readonly strings: StringStats[];
  private readonly becameText = new Map<number, 'number' | 'boolean'>();
  private readonly cells: Cell[];
  skipped = 0;
  readonly skippedExamples: { record: number; reason: string; line: number | null }[] = [];

  constructor(
    private readonly writer: TableRows,
    columns: SinkColumn[],
    private readonly trimLeading: boolean,
    private readonly badRows: 'error' | 'skip',
  ) {
    this.cols = columns.map((c) => ({ ...c }));
    this.missing = columns.map(() => 0);
    this.strings = columns.map(() => new StringStats());
    this.cells = new Array(columns.length);
    this.storeAsIntegers();
  }

  private storeAsIntegers(): void {
    this.writer.storeAsIntegers(this.cols.map((c) => c.type === 'integer' || c.type === 'boolean'));
  }

  get rows(): number {
    return this.writer.rows;
  }

  /**
   * Adds one record, or throws BadRow (error mode) / counts it (skip mode). `badReason` marks a
   * record the source already found broken (malformed quotes, invalid JSON).
   */
  add(raw: (string | null)[], record: number, badReason?: string, line?: number): void {
    try {
      if (badReason) throw new BadRow(record, badReason, null);
      this.convert(raw, record);
    } catch (err) {
      this.reject(err, record, line);
      return;
    }
    this.writer.push(this.cells);
  }

  /** As add, for a record found by the CSV scanner: plain numbers, booleans and dates are read without a string. */
  addSpans(rec: RecordSpans, record: number): void {
    try {
      this.convertSpans(rec, record);
    } catch (err) {
      this.reject(err, record);
      return;
    }
    this.writer.push(this.cells);
  }

  private reject(err: unknown, record: number, line?: number): void {
    if (!(err instanceof BadRow)) throw err;
    const bad = line === undefined ? err : new BadRow(err.record, err.message, err.column, line);
    if (this.badRows === 'error') throw bad;
    this.skipped++;
    if (this.skippedExamples.length < 5) this.skippedExamples.push({ record, reason: bad.message, line: bad.line });
  }

  private convert(raw: (string | null)[], record: number): void {
    const n = this.cols.length;
    if (raw.length !== n) throw new BadRow(record, `expected ${n} fields, found ${raw.length}`, null);
    // Validate the whole row before touching any column state, so a skipped row leaves no trace.
    for (let i = 0; i < n; i++) this.cells[i] = this.typed(i, raw[i], record);
    this.count();
  }

  private convertSpans(rec: RecordSpans, record: number): void {
    const n = this.cols.length;
    if (rec.count !== n) throw new BadRow(record, `expected ${n} fields, found ${rec.count}`, null);
    const { text, starts, ends, escaped } = rec;
    for (let i = 0; i < n; i++) {
      let s = starts[i];
      const e = ends[i];
      if (escaped[i] === 0) {
        if (this.trimLeading && s < e && text.charCodeAt(s) === 32) s++;
        let x: number;
        switch (this.cols[i].type) {
          case 'integer':
            if ((x = spanInteger(text, s, e)) === x) {
              this.cells[i] = x;
              continue;
            }
            break;
          case 'float':
            if ((x = spanFloat(text, s, e)) === x) {
              this.cells[i] = x;
              continue;
            }
            break;
          case 'boolean':
            if ((x = spanBoolean(text, s, e)) >= 0) {
              this.cells[i] = x;
              continue;
            }
            break;
          case 'date':
            if (spanIsoDay(text, s, e)) {
              this.cells[i] = text.slice(s, e);
              continue;
            }
            break;
          case 'string': {
            // Text is stored as it is; only the missing markers (four characters at most) become null.
            const v = text.slice(s, e);
            this.cells[i] = e - s <= 4 && isMissing(v) ? null : v;
            continue;
          }
        }
      }
      this.cells[i] = this.typed(i, rec.value(i), record);
    }
    this.count();
  }

  /** One raw value as its stored cell (null when missing); may widen the column. */
  private typed(i: number, v: string | null, record: number): Cell {
    if (v !== null && this.trimLeading && v.charCodeAt(0) === 32) v = v.slice(1);
    const c = this.cols[i];
    if (v === null || isMissing(c.type === 'string' ? v : (v = v.trim()))) return null;
    if (c.fixed && !fitsFixed(c.type, v)) {
      throw new BadRow(record, `column '${c.name}': expected ${c.type}, got '${v.length > 40 ? v.slice(0, 40) + '…' : v}'`, c.name);
    }
    return this.cell(i, v);
  }

  /** Missing counts and string statistics, once the row is known to be good. */
  private count(): void {
    for (let i = 0; i < this.cols.length; i++) {
      const cell = this.cells[i];
      if (cell === null) this.missing[i]++;
      else if (this.cols[i].type === 'string') this.strings[i].add(cell as string);
    }
  }

  private cell(i: number, v: string): Cell {
    const c = this.cols[i];
    switch (c.type) {
      case 'integer': {
        const x = parseInteger(v);
        if (x !== null) return x;
        break;
      }
      case 'float': {
        // An inferred float holds only values a double keeps as written; others widen to text.
        const x = c.fixed ? parseFloatStrict(v) : parseFloatExact(v);
        if (x !== null) return x;
        break;
      }
      case 'boolean': {
        const b = parseBoolean(v);
        if (b !== null) return b ? 1 : 0;
        break;
      }
      case 'date':
      case 'datetime':
        if (fits(c.type, v)) return v;
        break;
      case 'string':
        return v;
    }
    // Inferred from the sample but contradicted here: widen and store this value in the new type.
    const next = widen(c.type, v);
    if (next === 'string' && (c.type === 'integer' || c.type === 'float' || c.type === 'boolean')) {
      this.becameText.set(i, c.type === 'boolean' ? 'boolean' : 'number');
    }
    c.type = next;
    this.storeAsIntegers();
    return this.cell(i, v);
  }

  /** Settles final column types, fixing stored cells of columns that became text. */
  finish(): { name: string; type: ColumnType; missing: number }[] {
    this.writer.commit();
    for (const [col, from] of this.becameText) this.writer.toText(col, from);
    return this.cols.map((c, i) => ({
      name: c.name,
      type: c.type === 'string' ? (c.stringKind ?? this.strings[i].settle()) : c.type,
      missing: this.missing[i],
    }));
  }
}
