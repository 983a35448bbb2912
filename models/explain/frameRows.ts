/** Small frame helpers for building perturbed copies of rows. */
import { Column, Frame, getColumn, takeRows } from '../frame/frame';

/** Only the named columns of `frame` (what the pipeline reads), in that order. */
export function featureColumnsOf(frame: Frame, names: string[]): Column[] {
  return names.map((n) => getColumn(frame, n));
}

/** At most `max` rows, evenly spaced, so the choice is deterministic and covers the whole frame. */
export function evenlySpacedRows(frame: Frame, max: number): Frame {
  if (frame.rowCount <= max) return frame;
  const rows = Uint32Array.from({ length: max }, (_, i) => Math.floor((i * frame.rowCount) / max));
  return takeRows(frame, rows);
}

/** An empty column of the same type and storage, `n` rows long. */
export function blankLike(column: Column, n: number): Column {
  return {
    name: column.name,
    type: column.type,
    values: column.values instanceof Float64Array ? new Float64Array(n) : new Array<string | null>(n).fill(null),
  };
}
