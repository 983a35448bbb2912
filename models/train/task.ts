/** Task detection and target encoding. */
import { Column, isNumericType } from '../frame/frame';

export type Task = 'regression' | 'binary' | 'multiclass';

/** Integer-valued numeric targets with at most this many distinct values are treated as classes. */
export const MAX_AUTO_CLASSES = 10;

function distinct(col: Column): (string | number)[] {
  const seen = new Set<string | number>();
  for (const v of col.values) if (v !== null && !(typeof v === 'number' && Number.isNaN(v))) seen.add(v);
  return [...seen];
}

/**
 * Non-numeric targets: binary with <= 2 values, else multiclass.
 * Numeric targets: binary with <= 2 distinct values; multiclass when all
 * values are integers and there are few of them; otherwise regression.
 */
export function detectTask(target: Column): Task {
  const values = distinct(target);
  if (values.length <= 2) return 'binary';
  if (!isNumericType(target.type) || target.type === 'boolean') return 'multiclass';
  const integers = values.every((v) => Number.isInteger(v));
  return integers && values.length <= MAX_AUTO_CLASSES ? 'multiclass' : 'regression';
}

export interface EncodedTarget {
  /** Per frame row: the value (regression) or class index; NaN when the target is missing. */
  y: Float64Array;
  /** Class labels in index order (sorted), null for regression. Binary positive class = classes[1]. */
  classes: (string | number)[] | null;
}

export function encodeTarget(target: Column, task: Task, classesIn?: (string | number)[]): EncodedTarget {
  const n = target.values.length;
  const y = new Float64Array(n);
  if (task === 'regression') {
    if (!(target.values instanceof Float64Array)) throw new Error('regression needs a numeric target');
    y.set(target.values);
    return { y, classes: null };
  }
  const classes = classesIn ?? distinct(target).sort((a, b) =>
    typeof a === 'number' && typeof b === 'number' ? a - b : String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0);
  if (task === 'binary' && classes.length > 2) throw new Error(`binary task but target has ${classes.length} classes`);
  if (classes.length < 2) throw new Error('classification needs at least two classes');
  const index = new Map<string | number, number>();
  classes.forEach((c, i) => index.set(c, i));
  for (let i = 0; i < n; i++) {
    const v = target.values[i];
    y[i] = v === null || (typeof v === 'number' && Number.isNaN(v)) ? NaN : index.get(v) ?? NaN;
  }
  return { y, classes };
}
