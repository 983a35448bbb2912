import fs from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { JobArgs } from '../../../shared/api/jobs';
import type { ImportArgs } from '../../../shared/api/methods/datasets';
import type { ImportOptionsDto, ImportResultDto } from '../../../shared/api/datasets-dto';
import { ApiError } from '../../../shared/api/errors';
import { openDatabase } from '../../data/db/open';
import { checkpointAfterImport, tableNameFor } from '../../data/db/dataset-tables';
import { DatasetsRepo } from '../../data/db/repos/datasets-repo';
import type { TaskContext } from '../protocol';
import { detectEncoding, detectFormat, looksBinary } from '../../data/import/sniff';
import { quoteOptions } from '../../data/import/dialect';
import { MAX_COLUMNS, NO_QUOTE, readHead, tooWide } from '../../data/import/csv-head';
import { planCsv } from '../../data/import/csv-plan';
import { columnNames, planColumns } from '../../data/import/columns';
import { EncodingError } from './text-stream';
import { locateRecords, scanCsv, streamCsv } from './csv-source';
import { ScanUnsupported } from './csv-scanner';
import { streamJsonl, jsonCell, type JsonRecord } from './jsonl-source';
import { BadRow, RowSink } from './row-sink';
import { refuseLossy } from './skip-guard';
import { ProgressMeter } from './progress-meter';
import { tableHere, ThreadedTable, type ImportTable } from './import-table';
import { displayName } from '../../data/display-name';
import { commitVersion, fixedTypes, loadTarget, matchColumns, unchanged, type VersionTarget } from './import-version';

/**
 * Files from this size on are written by a writer thread while this one parses, so parsing and
 * SQLite's inserts overlap on two cores (1M rows × 10, quiet machine: `lathe import` 1.47–1.52 s
 * → 1.31–1.45 s). Smaller ones are written here: starting a thread costs ~50 ms. Tests lower it.
 */
export const importTuning = { writerThreadMinBytes: 8 * 1024 * 1024 };

/** `csvParser`: CSV records come from the scanner unless it cannot handle the file; tests force Papa Parse to compare. */
export type ImportTaskArgs = JobArgs<'datasets.import'>;

/**
 * Imports one file into a new dataset table, atomically: on any failure nothing is left behind.
 * With a `target`, the file's table becomes that dataset's next version (appended or replacing).
 */
export async function importDataset(args: ImportTaskArgs, ctx: TaskContext): Promise<ImportResultDto> {
  const file = path.resolve(args.path);
  const name = args.name ?? displayName(file).replace(/\.[^.]+$/, '');
  const stat = statFile(file);
  // Started first (or taken, started ahead by prepareImport), so that it loads and opens its
  // connection while this thread opens its own and sniffs the file. A module of its own (a chunk
  // of its own when built): the thread loads only what it runs.
  const large = stat.size >= importTuning.writerThreadMinBytes;
  const threads = large || spareStarted ? await import('./writer-thread') : null;
  const thread = large ? threads!.writerThread(ctx.start.databasePath, ctx.start.nativeBinding) : null;
  if (!thread) threads?.dropSpareWriter();
  let db: ReturnType<typeof openDatabase>;
  try {
    db = openDatabase(ctx.start.databasePath, { nativeBinding: ctx.start.nativeBinding });
  } catch (err) {
    thread?.close();
    throw err;
  }
  const table = tableNameFor(args.datasetId);
  const openTable = (width: number): ImportTable => (thread ? new ThreadedTable(thread, db, table, width) : tableHere(db, table, width));
  let closeLater = false;
  try {
    const target = args.target ? loadTarget(db, args.target) : null;
    if (target?.mode === 'reimport') {
      const sha = await hashFile(file);
      if (sha === target.sha256) return unchanged(target, sha);
    }
    // The dataset's types are fixed for the new rows: a value that does not fit is a bad row.
    if (target) args = { ...args, types: fixedTypes(target) };
    const head = readHead(file);
    const format = args.format === 'auto' ? detectFormat(file, head.toString('latin1')) : args.format;
    if (format !== 'parquet') {
      if (head.length === 0) throw new ApiError('bad_request', `${displayName(file)} is empty`, { field: 'path' });
      if (looksBinary(head)) throw new ApiError('bad_request', `${displayName(file)} does not look like a text file (it has binary bytes near the start)`, { field: 'path' });
    }
    let encoding: 'utf-8' | 'latin1' = args.encoding === 'auto' ? detectEncoding(head) : args.encoding;
    let parser = args.csvParser ?? 'scan';
    for (;;) {
      try {
        const result = await importOnce({ args, ctx, db, openTable, file, name, table, format, encoding, parser, size: stat.size, head, target, sourceColumn: null });
        // The dataset is committed and usable; moving the WAL into the database file (~0.2 s
        // per 1M rows) need not keep the user waiting.
        ctx.afterResult(() => {
          checkpointAfterImport(db);
          db.close();
        });
        closeLater = true;
        return result;
      } catch (err) {
        // Quotes the scanner does not take: start again with Papa Parse, which words the problem.
        if (err instanceof ScanUnsupported && parser === 'scan') {
          parser = 'papa';
          continue;
        }
        // Invalid UTF-8 further in than the sniffed head: start again as Latin-1.
        if (err instanceof EncodingError && encoding === 'utf-8' && args.encoding === 'auto') {
          encoding = 'latin1';
          continue;
        }
        if (err instanceof EncodingError) throw new ApiError('bad_request', `${displayName(file)}: ${err.message}; try the latin1 encoding`, { field: 'encoding' });
        throw err;
      }
    }
  } finally {
    // An upload to remove (removeSource) is the host's to remove when the job ends: it alone
    // knows which files are Lathe's own.
    thread?.close();
    if (!closeLater) db.close();
  }
}

/**
 * Before the job is known (a worker started ahead of `lathe import ARGS`): when the arguments
 * name a file large enough for a writer thread, start the thread now. Only a hint: an import
 * that does not take it closes it.
 */
let spareStarted = false;

export function prepareImport(argv: readonly string[]): void {
  const large = argv.some((a) => {
    if (a.startsWith('-')) return false;
    try {
      return fs.statSync(a).size >= importTuning.writerThreadMinBytes;
    } catch {
      return false;
    }
  });
  if (!large) return;
  spareStarted = true;
  void import('./writer-thread').then((m) => m.startSpareWriter());
}

function statFile(file: string): fs.Stats {
  try {
    const s = fs.statSync(file);
    if (!s.isFile()) throw new ApiError('bad_request', `${file} is not a file`, { field: 'path' });
    return s;
  } catch (err) {
    if (err instanceof ApiError) throw err;
    throw new ApiError('not_found', `Cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, { field: 'path' });
  }
}

interface Attempt {
  args: ImportTaskArgs;
  ctx: TaskContext;
  db: ReturnType<typeof openDatabase>;
  /** The new table, written here or by the writer thread. */
  openTable: (width: number) => ImportTable;
  file: string;
  name: string;
  table: string;
  format: 'csv' | 'jsonl' | 'parquet';
  encoding: 'utf-8' | 'latin1';
  parser: 'scan' | 'papa';
  size: number;
  head: Buffer;
  /** The dataset this file is the next version of, and (once the names are read) where its columns are. */
  target: VersionTarget | null;
  sourceColumn: number[] | null;
}

/** Checks the file's column names against the target's before any row is read. */
function checkNames(a: Attempt, names: string[]): void {
  if (a.target) a.sourceColumn = matchColumns(a.file, a.target, names);
}

async function importOnce(a: Attempt): Promise<ImportResultDto> {
  const base = displayName(a.file);
  const meter = new ProgressMeter(a.ctx, a.size);
  let writer: ImportTable | null = null;
  let sink: RowSink | null = null;
  let options: ImportOptionsDto;
  let sha256 = '';
  try {
    if (a.format !== 'csv' && a.args.skipLines > 0) {
      throw new ApiError('bad_request', `Skipping leading lines is for delimited text; ${base} is read as ${a.format === 'jsonl' ? 'JSON Lines' : 'Parquet'}`, { field: 'skipLines' });
    }
    if (a.format === 'csv') {
      const source = { file: a.file, head: a.head, size: a.size, encoding: a.encoding };
      // A version's names are checked before its types are fixed by name (the plan refuses a type for an unknown column).
      if (a.target) checkNames(a, planCsv(source, { ...a.args, types: {} }).columns.map((c) => c.name));
      const { delimiter, quoteChar, newline, header, trimLeading, width, columns: plan } = planCsv(source, a.args);
      writer = a.openTable(width);
      const s = (sink = new RowSink(writer, plan, trimLeading, a.args.badRows));
      const parse = { delimiter, quoteChar, newline, encoding: a.encoding, signal: a.ctx.signal, skipLines: a.args.skipLines };
      const skip = header ? 1 : 0;
      let record = -skip;
      const { done, stats } =
        a.parser === 'scan'
          ? scanCsv(
              a.file,
              parse,
              (rec) => {
                const r = record++;
                if (r >= 0) s.addSpans(rec, r);
              },
              () => meter.update(stats.bytes, s.rows),
            )
          : streamCsv(a.file, parse, (rows, first, bad) => {
              for (let r = 0; r < rows.length; r++) {
                const rec = first + r;
                if (rec < skip) continue;
                const reason = bad.get(rec);
                if (reason) s.add([], rec - skip, reason);
                else s.add(rows[r], rec - skip);
              }
              meter.update(stats.bytes, s.rows);
            });
      try {
        await done;
      } catch (err) {
        if (err instanceof BadRow) throw await describeBadRow(err, a, header, delimiter, quoteChar);
        throw err;
      }
      sha256 = stats.sha256();
      options = { format: 'csv', delimiter, header, encoding: a.encoding, trimmedLeadingSpace: trimLeading, ...quoteOptions(quoteChar, a.args), skipLines: a.args.skipLines, skippedRows: 0, skippedExamples: [] };
    } else if (a.format === 'jsonl') {
      ({ writer, sink, sha256 } = await importJsonl(a, meter));
      options = { format: 'jsonl', delimiter: null, header: true, encoding: a.encoding, trimmedLeadingSpace: false, quotes: true, skippedRows: 0, skippedExamples: [] };
    } else {
      ({ writer, sink, sha256 } = await importParquet(a, meter));
      options = { format: 'parquet', delimiter: null, header: true, encoding: 'utf-8', trimmedLeadingSpace: false, quotes: true, skippedRows: 0, skippedExamples: [] };
    }
    if (a.ctx.signal.aborted) throw new Error('cancelled');
    const columns = sink.finish();
    writer.settle();
    if (sink.rows === 0) throw new ApiError('bad_request', `${base} has no data rows${sink.skipped ? ` (all ${sink.skipped} were bad and skipped)` : ''}`, { field: 'path' });
    options.skippedRows = sink.skipped;
    options.skippedExamples = await skippedLines(a, sink, options);
    // Nothing is registered: the catch below drops the table, so the database stays as it was.
    if (!a.args.allowSkipped) refuseLossy(base, sink.rows, sink.skipped, options.skippedExamples);
    a.ctx.progress(0.99, `${sink.rows.toLocaleString('en-US')} rows written`);
    if (a.target) {
      return commitVersion(a.db, a.file, a.target, {
        table: a.table, rows: sink.rows, sourceColumn: a.sourceColumn!, columns, sha256, source: a.args.removeSource ? null : a.file, options, skippedRows: sink.skipped,
      });
    }
    const repo = new DatasetsRepo(a.db);
    const finalName = repo.register({
      id: a.args.datasetId, name: a.name, sourcePath: a.args.removeSource ? null : a.file, sha256,
      format: a.format, rows: sink.rows, table: a.table, options, columns,
    });
    return { id: a.args.datasetId, name: finalName, rows: sink.rows, columns, sha256, skippedRows: sink.skipped, version: 1, appended: sink.rows };
  } catch (err) {
    writer?.discard();
    throw err;
  }
}

/** Line numbers of the first skipped rows, for the user to look at. */
async function skippedLines(a: Attempt, sink: RowSink, o: ImportOptionsDto): Promise<{ line: number; reason: string }[]> {
  const ex = sink.skippedExamples;
  if (ex.length === 0) return [];
  const offset = o.header ? 1 : 0;
  const lines = a.format === 'csv' ? await locateRecords(a.file, a.encoding, ex.map((e) => e.record + offset), o.quote ?? NO_QUOTE, a.args.skipLines) : new Map<number, number>();
  return ex.map((e) => ({ line: e.line ?? lines.get(e.record + offset) ?? e.record + 1 + offset + a.args.skipLines, reason: e.reason }));
}

async function describeBadRow(err: BadRow, a: Attempt, header: boolean, delimiter: string, quoteChar: string): Promise<ApiError> {
  const fileRecord = err.record + (header ? 1 : 0);
  const lines = await locateRecords(a.file, a.encoding, [fileRecord], quoteChar, a.args.skipLines);
  const where = lines.has(fileRecord) ? `line ${lines.get(fileRecord)}` : `record ${err.record + 1}`;
  return new ApiError('bad_request', `${displayName(a.file)}, ${where}: ${err.message}`, {
    file: a.file, line: lines.get(fileRecord) ?? null, record: err.record + 1, column: err.column, delimiter,
  });
}

async function importJsonl(a: Attempt, meter: ProgressMeter) {
  // Columns come from the keys of the first records; a later record with other keys is a bad row.
  const sampleRecs: JsonRecord[] = [];
  await streamJsonl(a.file, { encoding: a.encoding, signal: new AbortController().signal }, (rec) => {
    if (!(rec instanceof Error) && sampleRecs.length < 2000) sampleRecs.push(rec);
  }).catch(() => undefined);
  const keys = [...new Set(sampleRecs.flatMap((r) => Object.keys(r)))];
  if (keys.length === 0) throw new ApiError('bad_request', `${displayName(a.file)} has no JSON objects`, { field: 'path' });
  if (keys.length > MAX_COLUMNS) throw tooWide(displayName(a.file), keys.length);
  const names = columnNames(keys.length, keys, a.args.columns);
  checkNames(a, names);
  const plan = planColumns(names, sampleRecs.map((r) => keys.map((k) => jsonCell(r[k]) ?? '')), false, a.args.types);
  const writer = a.openTable(keys.length);
  const sink = new RowSink(writer, plan, false, a.args.badRows);
  const keySet = new Set(keys);
  let stats: { bytes: number; sha256(): string } | null = null;
  let record = 0;
  try {
    await streamJsonl(
      a.file,
      { encoding: a.encoding, signal: a.ctx.signal },
      (rec, line) => {
        const r = record++;
        if (rec instanceof Error) return sink.add([], r, rec.message, line);
        const extra = Object.keys(rec).find((k) => !keySet.has(k));
        if (extra) return sink.add([], r, `unexpected field '${extra}'`, line);
        sink.add(keys.map((k) => jsonCell(rec[k])), r, undefined, line);
        if ((r & 1023) === 0) meter.update(stats?.bytes ?? 0, sink.rows);
      },
      (s) => (stats = s),
    );
  } catch (err) {
    if (err instanceof BadRow) throw new ApiError('bad_request', `${displayName(a.file)}, line ${err.line ?? err.record + 1}: ${err.message}`, { file: a.file, line: err.line, column: err.column });
    throw err;
  }
  return { writer, sink, sha256: stats!.sha256() };
}

async function importParquet(a: Attempt, meter: ProgressMeter) {
  let writer: ImportTable | null = null;
  let sink: RowSink | null = null;
  let names: string[] = [];
  let total = 0;
  let record = 0;
  try {
    // Loaded only for Parquet files: hyparquet is half of this module's load time.
    const { streamParquet } = await import('./parquet-source');
    await streamParquet(
      a.file,
      a.ctx.signal,
      (cols, rows) => {
        if (cols.length > MAX_COLUMNS) throw tooWide(displayName(a.file), cols.length);
        names = columnNames(cols.length, cols, a.args.columns);
        checkNames(a, names);
        total = rows;
      },
      (rows) => {
        if (!sink) {
          // The first row group is the sample for type inference.
          const plan = planColumns(names, rows.slice(0, 2000).map((r) => r.map((v) => v ?? '')), false, a.args.types);
          writer = a.openTable(names.length);
          sink = new RowSink(writer, plan, false, a.args.badRows);
        }
        for (const r of rows) sink.add(r, record++);
        meter.update((record / Math.max(1, total)) * a.size, sink.rows);
      },
    );
  } catch (err) {
    (writer as ImportTable | null)?.discard();
    if (err instanceof BadRow) throw new ApiError('bad_request', `${displayName(a.file)}, row ${err.record + 1}: ${err.message}`, { file: a.file, column: err.column });
    if (err instanceof ApiError || a.ctx.signal.aborted) throw err;
    throw new ApiError('bad_request', `${displayName(a.file)} is not a readable Parquet file: ${(err as Error).message}`, { field: 'path' });
  }
  if (!writer || !sink) throw new ApiError('bad_request', `${displayName(a.file)} has no rows`, { field: 'path' });
  return { writer: writer as ImportTable, sink: sink as RowSink, sha256: await hashFile(a.file) };
}

function hashFile(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const h = createHash('sha256');
    fs.createReadStream(file)
      .on('data', (c) => h.update(c))
      .on('end', () => resolve(h.digest('hex')))
      .on('error', reject);
  });
}
