/**
 * Rows → regular series: one per value of the series column, each placed on its frequency's grid
 * (models/forecast buildSeries), with covariates and events along the same grid. A test dataset's rows
 * continue each training series on its grid. Errors name the series, the timestamp and the rows.
 */
import { ApiError } from '../../../shared/api/errors';
import { buildSeries, formatTimestamp, type DuplicateRule, type RegularSeries } from '../../../models/forecast/series';
import { gridIndex, type Frequency } from '../../../models/forecast/frequency';
import { ForecastInputError } from '../../../models/forecast/errors';
import type { ForecastRows } from './columns';

export interface GridSeries {
  /** The series column's value ('' without a series column). */
  id: string;
  series: RegularSeries;
  /** Covariates along the grid (index 0 = the first grid point), NaN where missing. */
  covariates: Map<string, Float64Array>;
  /** Event names along the grid. */
  events: (string | null)[] | null;
  /**
   * Rows after the last observed value (target empty): not history but the future's known covariates
   * and events, on the grid from index `series.values.length` on. Empty when the data ends on a value.
   */
  future: { length: number; covariates: Map<string, Float64Array>; events: (string | null)[] | null };
}

/** How a series is named in messages. */
export function seriesLabel(id: string, column: string | undefined): string {
  return column === undefined ? 'the series' : `series '${id}'`;
}

function groups(rows: ForecastRows): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (let r = 0; r < rows.rows; r++) {
    const id = rows.series ? rows.series[r] : '';
    let g = out.get(id);
    if (!g) out.set(id, (g = []));
    g.push(r);
  }
  // Sorted ids: the order of series (and of stored predictions) does not depend on the file's row order.
  return new Map([...out].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)));
}

/**
 * Builds every series of a dataset on its grid. With rule 'error', a grid point with several rows is
 * refused naming the series, the timestamp and the rows (1-based, as in the file).
 */
export function buildGridSeries(rows: ForecastRows, rule: DuplicateRule, seriesColumn: string | undefined, timeColumn: string): GridSeries[] {
  const out: GridSeries[] = [];
  let frequency: Frequency | null = null;
  for (const [id, members] of groups(rows)) {
    const label = seriesLabel(id, seriesColumn);
    let series: RegularSeries;
    try {
      // 'error' is checked below, where the dataset's row numbers are known.
      series = buildSeries({ timestamps: members.map((r) => rows.time[r]), values: members.map((r) => rows.target[r]), duplicates: rule === 'error' ? 'last' : rule });
    } catch (e) {
      if (e instanceof ForecastInputError) {
        const f = e.field === 'timestamps' ? 'time' : 'target';
        throw new ApiError('bad_request', `${capital(label)} (column '${timeColumn}'): ${e.message}`, { field: f, series: id });
      }
      throw e;
    }
    if (frequency !== null && series.frequency !== frequency) {
      throw new ApiError('bad_request', `${capital(label)} is ${series.frequency} while the series before it are ${frequency}; all series need one frequency`, { field: 'time', series: id });
    }
    frequency = series.frequency;
    const origin = series.timestamps[0];
    const index = members.map((r) => gridIndex(series.frequency, origin, rows.time[r]));
    if (rule === 'error' && series.duplicates.length > 0) {
      const d = series.duplicates[0];
      const at = members.filter((_, k) => series.timestamps[index[k]] === d.timestamp).map((r) => r + 1);
      throw new ApiError(
        'bad_request',
        `${capital(label)} has ${d.count} rows at ${formatTimestamp(d.timestamp, series.frequency)} (rows ${at.join(', ')}); choose how to combine duplicates: sum, mean or last`,
        { field: 'duplicates', series: id, timestamp: d.timestamp, rows: at },
      );
    }
    out.push(splitFuture({ id, series, ...alongGrid(rows, members, index, series.values.length) }));
  }
  if (out.length === 0) throw new ApiError('bad_request', 'The dataset has no rows', { field: 'dataset' });
  return out;
}

/** Trailing grid points without a value become the series' future (see GridSeries.future). */
function splitFuture(g: Omit<GridSeries, 'future'>): GridSeries {
  const { values, timestamps } = g.series;
  let n = values.length;
  while (n > 0 && Number.isNaN(values[n - 1])) n--;
  const cut = <T>(a: ArrayLike<T> & { slice(s: number, e?: number): ArrayLike<T> }) => [a.slice(0, n), a.slice(n)] as const;
  if (n === values.length) return { ...g, future: { length: 0, covariates: new Map(), events: null } };
  const covariates = new Map<string, Float64Array>();
  const futureCovariates = new Map<string, Float64Array>();
  for (const [name, v] of g.covariates) {
    const [past, ahead] = cut(v);
    covariates.set(name, past as Float64Array);
    futureCovariates.set(name, ahead as Float64Array);
  }
  const events = g.events ? (cut(g.events)[0] as (string | null)[]) : null;
  const last = timestamps[n - 1];
  const series = { ...g.series, values: values.slice(0, n), timestamps: timestamps.slice(0, n), gaps: g.series.gaps.filter((x) => x.start < last) };
  return { id: g.id, series, covariates, events, future: { length: values.length - n, covariates: futureCovariates, events: g.events ? (cut(g.events)[1] as (string | null)[]) : null } };
}

/** Covariates and events of some rows placed at their grid indices (the last row wins at a duplicate point). */
function alongGrid(rows: ForecastRows, members: readonly number[], index: readonly number[], length: number) {
  const covariates = new Map<string, Float64Array>();
  for (const [name, values] of rows.covariates) {
    const grid = new Float64Array(length).fill(NaN);
    members.forEach((r, k) => (grid[index[k]] = values[r]));
    covariates.set(name, grid);
  }
  let events: (string | null)[] | null = null;
  if (rows.events) {
    events = new Array<string | null>(length).fill(null);
    for (let k = 0; k < members.length; k++) events[index[k]] = rows.events[members[k]];
  }
  return { covariates, events };
}

/** Later values of one training series, from a test dataset, on the training series' grid. */
export interface SeriesContinuation {
  /** Target values at grid indices n, n + 1, … (n = the training length); NaN where missing. */
  values: Float64Array;
  covariates: Map<string, Float64Array>;
  events: (string | null)[] | null;
}

/**
 * Places a test dataset's rows after each training series. Every test row must fall on the series'
 * grid after its last training point; a series the training data lacks is refused, a training series
 * without test rows gets an empty continuation.
 */
export function continueSeries(train: readonly GridSeries[], test: ForecastRows, rule: DuplicateRule, seriesColumn: string | undefined): SeriesContinuation[] {
  const byId = new Map(train.map((s, i) => [s.id, i]));
  const members = train.map(() => [] as number[]);
  for (let r = 0; r < test.rows; r++) {
    const id = test.series ? test.series[r] : '';
    const i = byId.get(id);
    if (i === undefined) throw new ApiError('bad_request', `Series '${id}' of the test dataset (row ${r + 1}) is not in the training data`, { field: 'testDataset', series: id });
    members[i].push(r);
  }
  return train.map((s, i) => {
    const { frequency, timestamps, values: trainValues } = s.series;
    const n = trainValues.length;
    const label = seriesLabel(s.id, seriesColumn);
    const index = members[i].map((r) => {
      const k = gridIndex(frequency, timestamps[0], test.time[r]);
      if (!Number.isFinite(k)) {
        throw new ApiError('bad_request', `Row ${r + 1} of the test dataset (${formatTimestamp(test.time[r], 'hourly')}) falls between the ${frequency} points of ${label}`, { field: 'testDataset', series: s.id });
      }
      if (k < n) {
        throw new ApiError(
          'bad_request',
          `Row ${r + 1} of the test dataset (${formatTimestamp(test.time[r], frequency)}) is not after the training data of ${label}, which ends at ${formatTimestamp(timestamps[n - 1], frequency)}`,
          { field: 'testDataset', series: s.id },
        );
      }
      return k - n;
    });
    const length = index.length ? Math.max(...index) + 1 : 0;
    const sum = new Float64Array(length);
    const count = new Int32Array(length);
    const values = new Float64Array(length).fill(NaN);
    members[i].forEach((r, k) => {
      const j = index[k];
      count[j]++;
      if (count[j] > 1 && rule === 'error') {
        const rowsAt = members[i].filter((_, q) => index[q] === j).map((x) => x + 1);
        throw new ApiError('bad_request', `${capital(label)} has ${rowsAt.length} rows at ${formatTimestamp(test.time[r], frequency)} in the test dataset (rows ${rowsAt.join(', ')}); choose how to combine duplicates: sum, mean or last`, { field: 'duplicates', series: s.id });
      }
      const v = test.target[r];
      if (Number.isNaN(v)) return;
      if (rule === 'sum' || rule === 'mean') {
        sum[j] += v;
        values[j] = rule === 'sum' ? sum[j] : NaN; // the mean is taken below
      } else values[j] = v;
    });
    if (rule === 'mean') {
      const seen = new Int32Array(length);
      members[i].forEach((r, k) => (Number.isNaN(test.target[r]) ? 0 : seen[index[k]]++));
      for (let j = 0; j < length; j++) values[j] = seen[j] > 0 ? sum[j] / seen[j] : NaN;
    }
    return { values, ...alongGrid(test, members[i], index, length) };
  });
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
