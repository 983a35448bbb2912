/**
 * Interactions from column arrays: user and item ids (any strings or numbers) mapped to dense indices,
 * one value per row — a rating, an event type's weight, or a count (every row counts 1 when none is
 * given) — and an optional time. Duplicated (user, item) pairs are merged by RECOMMEND_DEFAULTS.duplicates
 * (ratings averaged, implicit weights summed), keeping the latest time. The result is sorted by user, then item.
 */
import { RECOMMEND_DEFAULTS } from '../../shared/families/recommend';
import type { Interactions } from './types';

/** A problem with the input data; `field` is the column it is about. */
export class RecommendDataError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'RecommendDataError';
  }
}

/** One input column: its name (for messages) and its values by row. */
export interface InteractionColumn {
  name: string;
  values: ArrayLike<unknown>;
}

export interface InteractionInput {
  user: InteractionColumn;
  item: InteractionColumn;
  /** Explicit ratings. */
  rating?: InteractionColumn;
  /** Event types, weighted by `options.eventWeights`. */
  event?: InteractionColumn;
  /** Implicit counts. */
  count?: InteractionColumn;
  /** Epoch milliseconds (numbers or Dates). */
  time?: InteractionColumn;
}

export interface BuildOptions {
  /** Weight of each event type, e.g. {view: 1, booking: 5}; needed with an event column. */
  eventWeights?: Readonly<Record<string, number>>;
  /** Existing id lists to map onto (a test set shares the training index space); new ids are appended. */
  users?: readonly string[];
  items?: readonly string[];
}

export interface BuildResult {
  interactions: Interactions;
  /** Rows left out: a missing user, item or value. */
  skipped: { user: number; item: number; value: number };
  /** Rows merged into an earlier row of the same (user, item). */
  merged: number;
}

/** The text an id is known by: numbers as JavaScript writes them, strings as they are. */
export function idText(id: unknown): string | null {
  if (id === null || id === undefined) return null;
  if (typeof id === 'number') return Number.isFinite(id) ? String(id) : null;
  const s = String(id);
  return s === '' ? null : s;
}

/** Id → index for a list of ids. */
export function mapIds(ids: readonly string[]): Map<string, number> {
  const map = new Map<string, number>();
  ids.forEach((id, i) => map.set(id, i));
  return map;
}

/** The index of an id (string or number), or -1 when it is not in the map. */
export function indexOfId(map: ReadonlyMap<string, number>, id: unknown): number {
  const text = idText(id);
  return text === null ? -1 : (map.get(text) ?? -1);
}

function numberAt(col: InteractionColumn, row: number, kind: string): number {
  const v = col.values[row];
  if (v === null || v === undefined) return NaN;
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string') {
    if (v.trim() === '') return NaN;
    const n = Number(v.trim());
    if (Number.isFinite(n)) return n;
  }
  throw new RecommendDataError(col.name, `${kind} column '${col.name}' holds text, not numbers: row ${row + 1} is '${String(v).slice(0, 40)}'`);
}

function timeAt(col: InteractionColumn, row: number): number {
  const v = col.values[row];
  if (v instanceof Date) return v.getTime();
  return numberAt(col, row, 'time');
}

function valueReader(input: InteractionInput, options: BuildOptions): { explicit: boolean; read: (row: number) => number } {
  const given = (['rating', 'event', 'count'] as const).filter((k) => input[k]);
  if (given.length > 1) throw new RecommendDataError(input[given[1]]!.name, `give one of a rating, an event or a count column, not ${given.join(' and ')}`);
  const { rating, event, count } = input;
  if (rating) return { explicit: true, read: (row) => numberAt(rating, row, 'rating') };
  if (count)
    return {
      explicit: false,
      read: (row) => {
        const n = numberAt(count, row, 'count');
        if (n < 0) throw new RecommendDataError(count.name, `count column '${count.name}' has a negative count at row ${row + 1}`);
        return n;
      },
    };
  if (event) {
    const weights = options.eventWeights ?? {};
    if (Object.keys(weights).length === 0) throw new RecommendDataError(event.name, `event column '${event.name}' needs a weight for each event type`);
    return {
      explicit: false,
      read: (row) => {
        const v = event.values[row];
        if (v === null || v === undefined || v === '') return NaN;
        const w = weights[String(v)];
        if (w === undefined)
          throw new RecommendDataError(event.name, `event column '${event.name}' has '${String(v).slice(0, 40)}' (row ${row + 1}), which has no weight; weighted: ${Object.keys(weights).join(', ')}`);
        return w;
      },
    };
  }
  return { explicit: false, read: () => 1 };
}

/** Dense indices of one id column, extending `ids`; -1 for a missing id. */
function indexColumn(col: InteractionColumn, ids: string[]): Int32Array {
  const map = mapIds(ids);
  const out = new Int32Array(col.values.length);
  for (let r = 0; r < out.length; r++) {
    const text = idText(col.values[r]);
    if (text === null) {
      out[r] = -1;
      continue;
    }
    let at = map.get(text);
    if (at === undefined) {
      at = ids.length;
      ids.push(text);
      map.set(text, at);
    }
    out[r] = at;
  }
  return out;
}

export function buildInteractions(input: InteractionInput, options: BuildOptions = {}): BuildResult {
  const n = input.user.values.length;
  for (const col of [input.item, input.rating, input.event, input.count, input.time])
    if (col && col.values.length !== n) throw new RecommendDataError(col.name, `column '${col.name}' has ${col.values.length} rows, the user column ${n}`);
  const users = [...(options.users ?? [])];
  const items = [...(options.items ?? [])];
  const uCol = indexColumn(input.user, users);
  const iCol = indexColumn(input.item, items);
  const { explicit, read } = valueReader(input, options);
  const skipped = { user: 0, item: 0, value: 0 };
  const values = new Float64Array(n);
  const keep: number[] = [];
  for (let r = 0; r < n; r++) {
    if (uCol[r] < 0) skipped.user++;
    else if (iCol[r] < 0) skipped.item++;
    else {
      const v = read(r);
      if (!Number.isFinite(v)) skipped.value++;
      else {
        values[r] = v;
        keep.push(r);
      }
    }
  }
  if (keep.length === 0) throw new RecommendDataError(input.user.name, `no rows with a user, an item and a value (of ${n})`);
  checkVaried(input.user, uCol, keep, 'user');
  checkVaried(input.item, iCol, keep, 'item');
  const keptUsers = compact(uCol, keep, users, options.users?.length ?? 0);
  const keptItems = compact(iCol, keep, items, options.items?.length ?? 0);
  const order = sortByUserItem(keep, uCol, iCol, keptUsers.length, keptItems.length);
  return merge(order, uCol, iCol, values, input.time, explicit, keptUsers, keptItems, skipped);
}

/** Drops new ids seen only on skipped rows (renumbering `idx` in place); the first `fixed` ids always stay. */
function compact(idx: Int32Array, keep: readonly number[], ids: string[], fixed: number): string[] {
  const used = new Uint8Array(ids.length);
  used.fill(1, 0, fixed);
  for (const r of keep) used[idx[r]] = 1;
  if (used.every((x) => x === 1)) return ids;
  const remap = new Int32Array(ids.length).fill(-1);
  const out: string[] = [];
  for (let i = 0; i < ids.length; i++)
    if (used[i]) {
      remap[i] = out.length;
      out.push(ids[i]);
    }
  for (const r of keep) idx[r] = remap[idx[r]];
  return out;
}

function checkVaried(col: InteractionColumn, idx: Int32Array, rows: readonly number[], kind: string): void {
  const first = idx[rows[0]];
  if (rows.every((r) => idx[r] === first)) throw new RecommendDataError(col.name, `${kind} column '${col.name}' has a single value`);
}

/** The kept rows ordered by user, then item, then row (two stable counting sorts). */
function sortByUserItem(rows: readonly number[], u: Int32Array, i: Int32Array, nUsers: number, nItems: number): Int32Array {
  const byItem = countingSort(Int32Array.from(rows), i, nItems);
  return countingSort(byItem, u, nUsers);
}

function countingSort(rows: Int32Array, key: Int32Array, nKeys: number): Int32Array {
  const start = new Int32Array(nKeys + 1);
  for (let p = 0; p < rows.length; p++) start[key[rows[p]] + 1]++;
  for (let k = 0; k < nKeys; k++) start[k + 1] += start[k];
  const out = new Int32Array(rows.length);
  for (let p = 0; p < rows.length; p++) out[start[key[rows[p]]]++] = rows[p];
  return out;
}

function merge(
  order: Int32Array,
  uCol: Int32Array,
  iCol: Int32Array,
  values: Float64Array,
  timeCol: InteractionColumn | undefined,
  explicit: boolean,
  users: string[],
  items: string[],
  skipped: BuildResult['skipped'],
): BuildResult {
  const mean = explicit && RECOMMEND_DEFAULTS.duplicates.explicit === 'mean';
  const sum = !explicit && RECOMMEND_DEFAULTS.duplicates.implicit === 'sum';
  const user = new Int32Array(order.length);
  const item = new Int32Array(order.length);
  const value = new Float32Array(order.length);
  const time = timeCol ? new Float64Array(order.length) : null;
  let lo = Infinity;
  let hi = -Infinity;
  let m = -1;
  let acc = 0;
  let count = 0;
  const close = () => {
    if (m >= 0) value[m] = mean ? acc / count : acc;
  };
  for (const r of order) {
    const v = values[r];
    if (explicit) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    const t = time ? timeAt(timeCol!, r) : NaN;
    if (m >= 0 && user[m] === uCol[r] && item[m] === iCol[r]) {
      // Ratings: mean; implicit: sum (or the latest, should the rule ever say so).
      acc = mean || sum ? acc + v : v;
      count++;
      if (time && (Number.isNaN(time[m]) || t > time[m])) time[m] = t;
      continue;
    }
    close();
    m++;
    user[m] = uCol[r];
    item[m] = iCol[r];
    acc = v;
    count = 1;
    if (time) time[m] = t;
  }
  close();
  const size = m + 1;
  const interactions: Interactions = {
    users,
    items,
    user: user.slice(0, size),
    item: item.slice(0, size),
    value: value.slice(0, size),
    time: time ? time.slice(0, size) : null,
    explicit,
    scale: explicit ? [lo, hi] : null,
  };
  return { interactions, skipped, merged: order.length - size };
}
