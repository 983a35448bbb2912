import fs from 'node:fs';
import type { ImportPreviewDto, PreviewProblemDto } from '../../../shared/api/datasets-dto';
import { ApiError } from '../../../shared/api/errors';
import type { z } from 'zod';
import type { previewArgs } from '../../../shared/api/methods/datasets';
import { displayName } from '../display-name';
import { isMissing, MISSING_MARKERS } from '../values';
import { detectEncoding, detectFormat, looksBinary } from './sniff';
import { quoteOptions } from './dialect';
import { NO_QUOTE, readHead, RecordLines } from './csv-head';
import { planCsv, type CsvPlan, type CsvPlanArgs } from './csv-plan';
import { fitsFixed, StringStats } from './infer';

export type PreviewArgs = z.output<typeof previewArgs>;

/** Problems listed at most; the count of bad sampled rows says how many there were. */
const MAX_PROBLEMS = 20;

/**
 * What the import would read with these options, from the start of the file alone (the same
 * head, sniffing, sample and type inference as the import), without writing anything.
 */
export function previewImport(args: PreviewArgs): ImportPreviewDto {
  const file = args.path;
  const base = displayName(file);
  let size: number;
  try {
    const st = fs.statSync(file);
    if (!st.isFile()) throw new ApiError('bad_request', `${base} is not a file`, { field: 'path' });
    size = Math.max(st.size, args.sourceBytes ?? 0);
  } catch (err) {
    if (err instanceof ApiError) throw err;
    throw new ApiError('not_found', `Cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, { field: 'path' });
  }
  const head = readHead(file);
  const format = args.format === 'auto' ? detectFormat(file, head.toString('latin1')) : args.format;
  const encoding = args.encoding === 'auto' ? detectEncoding(head) : args.encoding;
  const empty = { encoding, delimiter: null, quote: null, quoteDetected: false, header: true, headerDetected: false, skipLines: 0, trimmedLeadingSpace: false };
  const missingMarkers = [...MISSING_MARKERS];
  if (format !== 'csv') {
    return { format, previewed: false, ...empty, columns: [], rows: [], rowLines: [], sampledRows: 0, badRows: 0, problems: [], truncated: head.length < size, missingMarkers };
  }
  if (head.length === 0) throw new ApiError('bad_request', `${base} is empty`, { field: 'path' });
  if (looksBinary(head)) throw new ApiError('bad_request', `${base} does not look like a text file (it has binary bytes near the start)`, { field: 'path' });

  const problems: PreviewProblemDto[] = [];
  const plan = planLeniently({ file, head, size, encoding }, args, problems);
  const lines = recordLines(plan, args.skipLines);
  const headerRecords = plan.header ? 1 : 0;
  const lineOf = (dataRecord: number) => lines[dataRecord + headerRecords] ?? null;

  let badRows = 0;
  const flag = (line: number | null, message: string) => {
    badRows++;
    if (problems.length < MAX_PROBLEMS) problems.push({ line, message });
  };
  const firstRow = plan.header ? 'the header has' : 'the first row has';
  plan.dataSample.forEach((rec, r) => {
    const where = lineOf(r);
    const label = where === null ? `row ${r + 1}` : `line ${where}`;
    if (rec.length !== plan.width) return flag(where, `${label} has ${rec.length} field${rec.length === 1 ? '' : 's'}, ${firstRow} ${plan.width}`);
    const c = plan.columns.findIndex((col, i) => col.fixed && !isMissing(cell(rec[i], plan.trimLeading, col.type === 'string')) && !fitsFixed(col.type, cell(rec[i], plan.trimLeading, false)));
    if (c >= 0) flag(where, `${label}: column '${plan.columns[c].name}' expects ${plan.columns[c].type}, got '${clip(rec[c])}'`);
  });

  const rows = plan.dataSample.slice(0, args.rows).map((rec) => rec.map((v, i) => {
    const value = cell(v, plan.trimLeading, plan.columns[i]?.type === 'string');
    return isMissing(value) ? null : value;
  }));
  const quote = quoteOptions(plan.quoteChar, args);
  return {
    format: 'csv',
    previewed: true,
    encoding,
    delimiter: plan.delimiter,
    quote: quote.quote ?? null,
    quoteDetected: quote.quoteDetected ?? false,
    header: plan.header,
    headerDetected: args.header === 'auto',
    skipLines: args.skipLines,
    trimmedLeadingSpace: plan.trimLeading,
    columns: plan.columns.map((c, i) => ({ name: c.name, type: c.type === 'string' ? (c.stringKind ?? settle(plan, i)) : c.type, fixed: c.fixed })),
    rows,
    rowLines: rows.map((_, r) => lineOf(r)),
    sampledRows: plan.dataSample.length,
    badRows,
    problems,
    truncated: plan.truncated,
    missingMarkers,
  };
}

/**
 * The import's plan; names or types that no longer match the file (the options changed under
 * them) are dropped with a problem rather than failing, so the preview still shows the file.
 */
function planLeniently(h: Parameters<typeof planCsv>[0], args: PreviewArgs, problems: PreviewProblemDto[]): CsvPlan {
  let a: CsvPlanArgs = args;
  for (let attempt = 0; ; attempt++) {
    try {
      return planCsv(h, a);
    } catch (err) {
      const field = err instanceof ApiError ? (err.details as { field?: string } | undefined)?.field : undefined;
      if (attempt < 2 && field === 'columns' && a.columns) a = { ...a, columns: undefined };
      else if (attempt < 2 && field?.startsWith('types.')) a = { ...a, types: {} };
      else throw err;
      problems.push({ line: null, message: `${(err as Error).message}; the import would stop here` });
    }
  }
}

/** The 1-based file line of each sampled record (header included). */
function recordLines(plan: CsvPlan, skipLines: number): number[] {
  const lines: number[] = [];
  const want = plan.sample.length;
  new RecordLines(plan.quoteChar === NO_QUOTE ? NO_QUOTE : plan.quoteChar, skipLines + 1).feed(plan.text, (record, line) => {
    lines[record] = line;
    return record + 1 >= want;
  });
  return lines;
}

/** A raw value as the import reads it: one leading space dropped when the file pads fields, trimmed unless text. */
function cell(v: string | undefined, trimLeading: boolean, keepSpaces: boolean): string {
  let s = v ?? '';
  if (trimLeading && s.charCodeAt(0) === 32) s = s.slice(1);
  return keepSpaces ? s : s.trim();
}

/** Categorical or text for a string column, judged on the sample as the import judges the whole file. */
function settle(plan: CsvPlan, col: number): 'categorical' | 'text' {
  const stats = new StringStats();
  for (const rec of plan.dataSample) {
    const v = cell(rec[col], plan.trimLeading, true);
    if (!isMissing(v)) stats.add(v);
  }
  return stats.settle();
}

const clip = (v: string | undefined) => ((v ?? '').length > 40 ? (v ?? '').slice(0, 40) + '…' : (v ?? ''));
