/** Task detection and target encoding. */
import { Column, isNumericType } from '../frame/frame';
import { MAX_AUTO_CLASSES, taskOf, type Task } from '../../shared/families/task';

export type { Task } from '../../shared/families/task';
export { MAX_AUTO_CLASSES } from '../../shared/families/task';

function distinct(col: Column): (string | number)[] {
  const seen = new Set<string | number>();
  for (const v of col.values) if (v !== null && !(typeof v === 'number' && Number.isNaN(v))) seen.add(v);
  return [...seen];
}

/** The task rule of shared/families/task.ts applied to a loaded column. */
export function detectTask(target: Column): Task {
  const values = distinct(target);
  return taskOf({ numeric: isNumericType(target.type), boolean: target.type === 'boolean', distinct: values.slice(0, MAX_AUTO_CLASSES + 1) });
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
