import type { Database } from 'better-sqlite3';
import type { ColumnProfileDto, ColumnType, ProfileDto } from '../../../shared/api/datasets-dto';
import { iterateColumns, iterateRows, type Cell } from '../../data/db/dataset-tables';
import { CorrelationAccumulator, HistogramAccumulator, Moments, Reservoir, binEdges, quantileSorted } from '../../../models/stats/index';
import { parseDate, parseDatetime } from '../../data/values';
import { WARNING_THRESHOLDS } from '../../../shared/profile-warnings';
import { Shape } from './shape';
import { detectWarnings } from './warnings';

const QUANTILES = [0.05, 0.25, 0.5, 0.75, 0.95];
const DISTINCT_CAP = 10_000;
const CORRELATION_ROWS = 200_000;
/**
 * Numeric values kept from the first pass for the histograms (64 MB of float64): reading the
 * table again costs ~1.5 s per million rows, so only larger tables take a second pass.
 */
const KEPT_VALUES = 8_000_000;

interface Col {
  name: string;
  type: ColumnType;
}

const { idLikeShare: ID_LIKE_SHARE, idLikeMinValues: ID_LIKE_MIN_VALUES } = WARNING_THRESHOLDS;

const isNumericType = (t: ColumnType) => t === 'integer' || t === 'float' || t === 'date' || t === 'datetime';

/** Epoch ms for date cells, the number itself for numeric ones, NaN when absent. */
function numeric(type: ColumnType, v: Cell): number {
  if (v === null) return NaN;
  if (type === 'date' || type === 'datetime') return typeof v === 'string' ? (parseDate(v) ?? parseDatetime(v) ?? NaN) : NaN;
  return typeof v === 'number' ? v : Number(v);
}

/**
 * Profiles a dataset table in two passes over SQLite: moments, counts, quantiles from a
 * reservoir sample and correlations first; histograms once each column's range is known.
 */
export function computeProfile(
  db: Database,
  datasetId: string,
  table: string,
  columns: Col[],
  onProgress?: (f: number) => void,
  opts: { keptValues?: number } = {},
): ProfileDto {
  const width = columns.length;
  const moments = columns.map(() => new Moments());
  const reservoirs = columns.map((_, i) => new Reservoir(10_000, 17 + i));
  /** Skewness and the maximum's count, for the warnings (integer and float columns). */
  const shapes = columns.map((c) => (c.type === 'integer' || c.type === 'float' ? new Shape() : null));
  const counts = columns.map(() => new Map<string | number, number>());
  const capped = columns.map(() => false);
  /** Values counted when the distinct cap was reached: the share of distinct ones up to there. */
  const seenAtCap = new Float64Array(width);
  /** String columns with a value that has a space (words, not codes). */
  const spaced = columns.map(() => false);
  const missing = new Float64Array(width);
  const lengthSum = new Float64Array(width);
  const numericCols = columns.map((c, i) => (isNumericType(c.type) ? i : -1)).filter((i) => i >= 0);
  const corr = new CorrelationAccumulator(numericCols.length);
  const corrRow = new Float64Array(numericCols.length);
  const totalRows = (db.prepare(`SELECT COUNT(*) AS n FROM "${table}"`).get() as { n: number }).n;
  const stride = Math.max(1, Math.ceil(totalRows / CORRELATION_ROWS));
  const numericSet = new Set(numericCols);
  let kept: (Float64Array | null)[] | null =
    totalRows * numericCols.length <= (opts.keptValues ?? KEPT_VALUES) ? columns.map((_, i) => (numericSet.has(i) ? new Float64Array(totalRows).fill(NaN) : null)) : null;
  let rows = 0;

  for (const row of iterateRows(db, table, width)) {
    if (kept && rows >= totalRows) kept = null; // rows appeared since the count: fall back to a second pass
    for (let i = 0; i < width; i++) {
      const v = row[i];
      if (v === null) {
        missing[i]++;
        continue;
      }
      const t = columns[i].type;
      if (isNumericType(t)) {
        const x = numeric(t, v);
        if (!Number.isNaN(x)) {
          moments[i].add(x);
          reservoirs[i].add(x);
          shapes[i]?.add(x);
          if (kept) kept[i]![rows] = x;
        }
      }
      // Keyed by the raw cell: numbers stay numbers, no string made per value.
      if (t === 'text') lengthSum[i] += (v as string).length;
      if (!spaced[i] && typeof v === 'string' && v.includes(' ')) spaced[i] = true;
      countValue(counts[i], v, i);
    }
    if (rows % stride === 0 && numericCols.length > 1) {
      for (let j = 0; j < numericCols.length; j++) corrRow[j] = numeric(columns[numericCols[j]].type, row[numericCols[j]]);
      corr.add(corrRow);
    }
    rows++;
    if (onProgress && (rows & 65535) === 0) onProgress((0.7 * rows) / Math.max(1, totalRows));
  }

  function countValue(m: Map<string | number, number>, key: string | number, i: number) {
    const n = m.get(key);
    if (n !== undefined) m.set(key, n + 1);
    else if (m.size < DISTINCT_CAP) m.set(key, 1);
    else if (!capped[i]) {
      capped[i] = true;
      seenAtCap[i] = rows + 1 - missing[i];
    }
  }

  /**
   * Nearly every value distinct (≥ 95 %; past the distinct cap, among the values seen until it
   * was reached), in a whole-number or string column of codes (no spaces): an id, which a model
   * would only memorise.
   */
  function idLike(i: number): boolean {
    const t = columns[i].type;
    if (t !== 'integer' && t !== 'categorical' && t !== 'text') return false;
    if (t !== 'integer' && spaced[i]) return false;
    const n = rows - missing[i];
    if (n < ID_LIKE_MIN_VALUES) return false;
    const share = capped[i] ? DISTINCT_CAP / Math.max(1, seenAtCap[i]) : counts[i].size / n;
    return share >= ID_LIKE_SHARE;
  }

  const hists = columns.map((c, i) =>
    isNumericType(c.type) && moments[i].n > 0 ? new HistogramAccumulator(binEdges(moments[i].min, moments[i].max, c.type === 'integer')) : null,
  );
  const histCols = hists.map((h, i) => (h ? i : -1)).filter((i) => i >= 0);
  if (kept) {
    for (const i of histCols) {
      const values = kept[i]!;
      for (let r = 0; r < rows; r++) if (!Number.isNaN(values[r])) hists[i]!.add(values[r]);
    }
  } else if (histCols.length) {
    // Second pass over just the columns that have a histogram.
    for (const row of iterateColumns(db, table, histCols)) {
      for (let j = 0; j < histCols.length; j++) {
        const v = row[j];
        if (v === null) continue;
        const i = histCols[j];
        const x = typeof v === 'number' ? v : numeric(columns[i].type, v);
        if (!Number.isNaN(x)) hists[i]!.add(x);
      }
    }
  }

  const profiles: ColumnProfileDto[] = columns.map((c, i) => {
    const m = moments[i];
    const numericCol = isNumericType(c.type) && m.n > 0;
    const sorted = numericCol ? reservoirs[i].sorted() : null;
    const top = [...counts[i].entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 10)
      .map(([value, count]) => ({ value: c.type === 'boolean' ? (value === 1 ? 'true' : 'false') : String(value), count }));
    const distinct = { value: counts[i].size, capped: capped[i] };
    return {
      name: c.name,
      type: c.type,
      count: rows - missing[i],
      missing: missing[i],
      distinct: distinct.value,
      distinctCapped: distinct.capped,
      min: numericCol ? m.min : null,
      max: numericCol ? m.max : null,
      mean: numericCol ? m.mean : null,
      std: numericCol ? m.std : null,
      quantiles: sorted ? Object.fromEntries(QUANTILES.map((p) => [`p${p * 100}`, quantileSorted(sorted, p)])) : null,
      top,
      histogram: hists[i]?.bins() ?? null,
      meanLength: c.type === 'text' && rows - missing[i] > 0 ? lengthSum[i] / (rows - missing[i]) : null,
      idLike: idLike(i),
    } as ColumnProfileDto;
  });
  onProgress?.(1);
  const matrix = corr.matrix().map((r) => r.map((x) => (Number.isNaN(x) ? 0 : round4(x))));
  const facts = profiles.map((p, i) => ({
    ...p,
    idLike: p.idLike === true,
    onlyValue: p.top.length === 1 ? p.top[0].value : null,
    shape: shapes[i],
    counts: counts[i],
  }));
  return {
    datasetId,
    rows,
    columns: profiles,
    correlation: { columns: numericCols.map((i) => columns[i].name), matrix },
    warnings: detectWarnings(rows, facts, { positions: numericCols, matrix }),
    computedAt: new Date().toISOString(),
  };
}

const round4 = (x: number) => Math.round(x * 1e4) / 1e4;
